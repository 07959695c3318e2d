import Foundation
import Glibc
import Testing

/// SIGHUP re-reads the configuration: moved deadlines are logged and alerted; a broken
/// configuration is refused and the old one stays in force.
@Suite("fristvakt run: reload")
struct ReloadTests {
    static let now = "2026-12-23T08:00:00+01:00"

    @Test("a new extra closed day moves a deadline: the move is logged, the new deadline alerted")
    func closedDayMovesDeadline() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let p = sandbox.prefix
        try sandbox.drop(
            "r.jsonl",
            sandbox.events(#"{"id":"@r","type":"referral.received","case":"@R-1","date":"2026-12-14"}"# + "\n"))
        let service = try sandbox.start(now: Self.now)
        defer { _ = service.stop() }
        // 14 Dec + 10 working days = 29 Dec; on the 23rd three are left: at risk.
        let first = try TestJournal.waitForEntries(case: "\(p)R-1") { !$0.isEmpty }
        #expect(first.map { $0["FRIST_KIND"] } == ["at-risk"])
        #expect(first.first?["FRIST_DUE"] == "2026-12-29")

        try sandbox.rewriteConfiguration(#"[calendar]\#nextra_closed_days = ["julaften"]"#)
        kill(service.process.processIdentifier, SIGHUP)
        let alerts = try TestJournal.waitForEntries(case: "\(p)R-1") { $0.count >= 2 }
        // The move is logged with the case, rule and both deadlines as fields.
        let moved = try #require(
            try waitForLog(matching: ["CASE=\(p)R-1"], containing: "Frist flyttet"))
        #expect(moved["RULE"] == "vurderingsfrist")
        #expect(moved["OLD_DUE"] == "2026-12-29")
        #expect(moved["NEW_DUE"] == "2026-12-30")
        #expect(moved["PRIORITY"] == "5")
        #expect(alerts.map { $0["FRIST_DUE"] } == ["2026-12-29", "2026-12-30"])
        #expect(alerts.last?["FRIST_KIND"] == "at-risk")
        #expect(alerts.last?["FRIST_DAYS_LEFT"] == "3")

        // The moved deadline is in the persisted state: it equals a replay on the new calendar,
        // and a restart alerts nothing again.
        #expect(service.stop() == 0)
        let verified = try CommandRunner.run(
            ["verify-state", "--config", sandbox.configPath], environment: ["FRISTVAKT_NOW": Self.now])
        #expect(verified.status == 0, "\(verified.stderr)")
        let started = Date()
        let restarted = try sandbox.start(now: Self.now)
        #expect(sandbox.waitUntilIdle(since: started), "\(restarted.log)")
        #expect(restarted.stop() == 0)
        #expect(try TestJournal.entries(case: "\(p)R-1").count == 2)
    }

    @Test("a broken configuration is refused with its message and the old one stays in force")
    func brokenConfigurationRefused() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox(extraConfiguration: #"[calendar]\#nextra_closed_days = ["julaften"]"#)
        let p = sandbox.prefix
        let service = try sandbox.start(now: Self.now)
        defer { _ = service.stop() }
        #expect(sandbox.waitUntilIdle(since: Date(timeIntervalSinceNow: -5)))

        try sandbox.rewriteConfiguration("[calendar]\nextra_closed_dayz = [\"julaften\"]\n")
        kill(service.process.processIdentifier, SIGHUP)
        let refused = try waitForLog(
            matching: ["SYSLOG_IDENTIFIER=fristvakt", "_PID=\(service.process.processIdentifier)"],
            containing: "Ny konfigurasjon avvist")
        #expect(refused?["REASON"]?.contains("extra_closed_dayz") == true, "\(String(describing: refused))")
        #expect(refused?["REASON"]?.contains(sandbox.configPath) == true)
        #expect(service.isRunning)

        // Still julaften closed: a referral of 14 Dec is due on 30 Dec, not 29 Dec.
        try sandbox.drop(
            "r.jsonl",
            sandbox.events(#"{"id":"@r","type":"referral.received","case":"@R-2","date":"2026-12-14"}"# + "\n"))
        let alerts = try TestJournal.waitForEntries(case: "\(p)R-2") { !$0.isEmpty }
        #expect(alerts.first?["FRIST_DUE"] == "2026-12-30")
    }

    private func waitForLog(matching: [String], containing text: String) throws -> [String: String]? {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let entry = try TestJournal.entries(matching: matching).first(where: {
                $0["MESSAGE"]?.contains(text) == true
            }) {
                return entry
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }
}
