import FristCalendar
import FristEngine
import FristFormats
import Testing

/// A clock with an open legal duty is on the worklist whatever its state: the coordinator who
/// works from the list must see the HELFO duty of a frist still two months off.
@Suite("Open duties")
struct OpenDutyTests {
    /// A referral assessed on 2026-12-01 with a frist 60 days ahead and a planned start after it.
    static func helfoScript(notified: Bool) -> EventScript {
        var script = EventScript()
        script.add("H-1", "2026-11-20", .referralReceived(group: .standard, assessmentWorkingDays: nil), unit: "KIR")
        script.add(
            "H-1", "2026-12-01",
            .referralAssessed(outcome: .right, frist: day("2027-01-30"), scheduled: day("2027-03-01")))
        if notified { script.add("H-1", "2026-12-02", .referralHelfoNotified) }
        return script
    }

    @Test("helfo-required is listed while the frist is far off, and leaves the list once HELFO is told")
    func helfoRequired() throws {
        let status = try engine(with: Self.helfoScript(notified: false), today: "2026-12-03").status(
            on: day("2026-12-03"))
        let open = try #require(status.open.first { $0.caseRef == "H-1" })
        #expect(open.state == .running)
        #expect(open.duty == .helfoRequired)
        #expect(open.helfoRequired)
        #expect(status.duties == [.helfoRequired: 1, .overCap: 0])
        // The alert was raised, so the list and the journal agree.
        #expect(
            simulate(Self.helfoScript(notified: false), from: "2026-12-01", to: "2026-12-03").contains {
                $0.contains("helfo-required frist-helsehjelp H-1")
            })

        let told = try engine(with: Self.helfoScript(notified: true), today: "2026-12-03").status(on: day("2026-12-03"))
        #expect(!told.open.contains { $0.caseRef == "H-1" })
        #expect(told.duties == [.helfoRequired: 0, .overCap: 0])
    }

    @Test("over-cap is listed while the frist stays past the cap, and leaves when the clock stops")
    func overCap() throws {
        var script = EventScript()
        script.add(
            "U-1", "2026-10-01", .referralReceived(group: .under23Psych, assessmentWorkingDays: nil), unit: "BUP")
        script.add(
            "U-1", "2026-10-05",
            .referralAssessed(outcome: .right, frist: day("2027-06-01"), scheduled: day("2027-05-01")))
        let running = try engine(with: script, today: "2026-12-03").status(on: day("2026-12-03"))
        let open = try #require(running.open.first { $0.caseRef == "U-1" })
        #expect(open.state == .running)
        #expect(open.duty == .overCap)
        #expect(running.duties[.overCap] == 1)

        script.add("U-1", "2026-12-01", .referralStarted(substantive: true))
        let started = try engine(with: script, today: "2026-12-03").status(on: day("2026-12-03"))
        #expect(!started.open.contains { $0.caseRef == "U-1" })
    }

    @Test("the status file and the metrics carry the duty")
    func formats() throws {
        let status = try engine(with: Self.helfoScript(notified: false), today: "2026-12-03").status(
            on: day("2026-12-03"))
        let document = StatusDocument.render(status, generatedAt: "2026-12-03T07:00:00+01:00")
        #expect(document.contains(#""duty": "helfo-required""#))
        #expect(document.contains(#""duties": {"helfo-required": 1, "over-cap": 0}"#))
        let metrics = String(decoding: MetricsDocument.render(status, ServiceMetrics()), as: UTF8.self)
        #expect(metrics.contains(#"fristvakt_open_duties{duty="helfo-required"} 1"#), "\(metrics)")
        #expect(metrics.contains(#"fristvakt_open_duties{duty="over-cap"} 0"#))
    }
}
