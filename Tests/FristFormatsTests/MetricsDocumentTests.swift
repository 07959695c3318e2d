import Foundation
import FristCalendar
import FristEngine
import FristFormats
import Testing

/// The metrics document on its own: which families a fresh service writes, which stay absent
/// until they have something to say, and that the counters carry the figures given.
@Suite("metrics document")
struct MetricsDocumentTests {
    /// The non-comment lines of a rendering, as "series value".
    static func samples(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    }

    @Test("a fresh service: every fixed family with zeros, no timestamps, no share")
    func fresh() throws {
        let snapshot = DeadlineEngine().status(on: try CalendarDate(parsing: "2026-12-08"))
        let text = String(decoding: MetricsDocument.render(snapshot, ServiceMetrics()), as: UTF8.self)
        let lines = Self.samples(Array(text.utf8))
        #expect(lines.filter { $0.hasPrefix("fristvakt_clocks{") }.count == RuleID.allCases.count * 7)
        #expect(lines.filter { $0.hasPrefix("fristvakt_clocks{") }.allSatisfy { $0.hasSuffix(" 0.0") })
        #expect(lines.filter { $0.hasPrefix("fristvakt_alerts_total{") }.count == 6)
        #expect(lines.filter { $0.hasPrefix("fristvakt_intake_lines_total{") }.count == 3)
        #expect(!lines.contains { $0.hasPrefix("fristvakt_open_clocks") }, "no unit has a clock")
        for absent in ["last_intake", "last_daily_run", "daily_run_duration", "target_share"] {
            #expect(!text.contains("fristvakt_\(absent)"), "\(absent)")
        }
        #expect(lines.contains("fristvakt_build_info{version=\"\(BuildInfo.version)\"} 1.0"))
        for family in ["clocks", "alerts_total", "intake_lines_total", "build_info"] {
            #expect(text.contains("# HELP fristvakt_\(family) "), "\(family)")
        }
        #expect(text.contains("# TYPE fristvakt_alerts_total counter"))
        #expect(text.contains("# TYPE fristvakt_clocks gauge"))
    }

    @Test("units, counters, times and the complaint share as given")
    func filled() throws {
        let today = try CalendarDate(parsing: "2026-12-08")
        var engine = DeadlineEngine()
        try engine.accept(
            Event(
                id: "a", caseRef: "A-1", date: try CalendarDate(parsing: "2026-11-02"), unit: "ORT",
                payload: .referralReceived(group: .standard, assessmentWorkingDays: nil)), today: today)
        try engine.accept(
            Event(
                id: "k", caseRef: "K-1", date: try CalendarDate(parsing: "2026-09-01"),
                payload: .complaintReceived(targetMonths: 3)), today: today)
        try engine.accept(
            Event(id: "kd", caseRef: "K-1", date: try CalendarDate(parsing: "2026-10-01"), payload: .complaintDecided),
            today: today)
        let service = ServiceMetrics(
            alerts: [.breached: 3, .resolved: 1], intakeLines: .init(applied: 7, duplicate: 2, refused: 1),
            lastIntake: 1_796_000_000, lastDailyRun: 1_796_100_000, dailyRunDuration: 0.25)
        let lines = Self.samples(MetricsDocument.render(engine.status(on: today), service))
        #expect(lines.contains(#"fristvakt_open_clocks{unit="ORT",rule="vurderingsfrist",state="breached"} 1.0"#))
        #expect(lines.contains(#"fristvakt_open_clocks{unit="",rule="statsforvalter-klage",state="running"} 0.0"#))
        #expect(lines.filter { $0.hasPrefix("fristvakt_open_clocks{") }.count == 2 * RuleID.allCases.count * 3)
        #expect(lines.contains(#"fristvakt_clocks{rule="statsforvalter-klage",state="met"} 1.0"#))
        #expect(lines.contains(#"fristvakt_alerts_total{kind="breached"} 3"#))
        #expect(lines.contains(#"fristvakt_alerts_total{kind="at-risk"} 0"#))
        #expect(lines.contains(#"fristvakt_intake_lines_total{result="duplicate"} 2"#))
        #expect(lines.contains("fristvakt_last_intake_timestamp_seconds 1796000000.0"))
        #expect(lines.contains("fristvakt_daily_run_duration_seconds 0.25"))
        #expect(lines.contains(#"fristvakt_target_share{target="statsforvalter-klage"} 1.0"#))
    }
}
