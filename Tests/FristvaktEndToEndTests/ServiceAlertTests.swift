import Foundation
import FristService
import Testing

/// `fristvakt run` against a real journald: alerts read back with `journalctl -o json`.
@Suite("fristvakt run: alerts in the journal")
struct ServiceAlertTests {
    /// examples/ombud.jsonl with `@` before every case ref and id.
    static let ombud = """
        {"id":"@o1","type":"referral.received","case":"@T-1","date":"2026-11-23","unit":"ORT"}
        {"id":"@o2","type":"referral.received","case":"@L-1","date":"2026-01-05","unit":"PSYK"}
        {"id":"@o3","type":"referral.assessed","case":"@L-1","date":"2026-01-09","outcome":"right","frist":"2026-03-02"}
        {"id":"@o4","type":"referral.started","case":"@L-1","date":"2026-02-13","substantive":false}
        {"id":"@o5","type":"referral.treatment-started","case":"@L-1","date":"2026-04-20"}
        {"id":"@o6","type":"referral.received","case":"@H-5","date":"2026-03-02","unit":"KIR"}
        {"id":"@o7","type":"referral.assessed","case":"@H-5","date":"2026-03-06","outcome":"right","frist":"2026-04-17"}
        {"id":"@o8","type":"referral.received","case":"@U-1","date":"2026-08-03","unit":"BUP","group":"under23-psych"}
        {"id":"@o9","type":"referral.assessed","case":"@U-1","date":"2026-08-07","outcome":"right","frist":"2026-12-18","scheduled":"2026-12-01"}
        {"id":"@o10","type":"complaint.received","case":"@K-1","date":"2026-06-30"}
        {"id":"@o11","type":"complaint.decided","case":"@K-1","date":"2026-09-15"}

        """

    /// The FRIST_* and standard fields fristvakt writes (docs/alerts.md); journald adds `_*` ones.
    static let contractFields: Set<String> = [
        "MESSAGE", "MESSAGE_ID", "PRIORITY", "SYSLOG_IDENTIFIER", "FRIST_KIND", "FRIST_RULE", "FRIST_CASE",
        "FRIST_DUE", "FRIST_DAYS_LEFT", "FRIST_UNIT", "FRIST_LAW", "FRIST_OUTCOME", "FRIST_LATE", "FRIST_ALERT_ID",
        "FRIST_NODE", "FRIST_TERM",
    ]

    static func ownFields(_ entry: [String: String]) -> [String: String] {
        entry.filter { !$0.key.hasPrefix("_") }
    }

    @Test("alerts of a spooled file reach journald with every field of docs/alerts.md")
    func alertsInJournal() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let service = try sandbox.start(now: "2026-12-08T08:00:00+01:00")
        defer { _ = service.stop() }
        let started = Date()
        let submitted = try CommandRunner.run(
            ["submit", "--config", sandbox.configPath, try write(sandbox, sandbox.events(Self.ombud))],
            environment: ["FRISTVAKT_NOW": "2026-12-08T08:00:00+01:00"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")

        let p = sandbox.prefix
        let t1 = try TestJournal.waitForEntries(case: "\(p)T-1") { !$0.isEmpty }
        #expect(t1.count == 1)
        var breached = Self.ownFields(try #require(t1.first))
        // A single node: its host name, and no term.
        #expect(breached.removeValue(forKey: "FRIST_NODE") == ServicePaths.hostName)
        let removedID = breached.removeValue(forKey: "FRIST_ALERT_ID")
        let alertID = try #require(removedID)
        #expect(alertID.count == 16 && alertID.allSatisfy(\.isHexDigit), "\(alertID)")
        #expect(
            breached == [
                "MESSAGE": "Vurderingsfrist brutt: sak \(p)T-1 (frist 2026-12-07, pbrl § 2-2 første ledd)",
                "MESSAGE_ID": "3a296e37943b4473907b2c0dba261275",
                "PRIORITY": "3",
                "SYSLOG_IDENTIFIER": "fristvakt",
                "FRIST_KIND": "breached",
                "FRIST_RULE": "vurderingsfrist",
                "FRIST_CASE": "\(p)T-1",
                "FRIST_DUE": "2026-12-07",
                "FRIST_DAYS_LEFT": "-1",
                "FRIST_UNIT": "ORT",
                "FRIST_LAW": "pbrl § 2-2 første ledd",
                "FRIST_LATE": "0",
            ])
        #expect(breached.keys.allSatisfy(Self.contractFields.contains))

        // H-5: the frist of 2026-04-17 passed long before the service first saw the case.
        let h5 = try TestJournal.waitForEntries(case: "\(p)H-5") { $0.count >= 2 }
        #expect(h5.map { $0["FRIST_KIND"] ?? "" }.sorted() == ["breached", "helfo-required"])
        let overdue = try CommandRunner.run(["calendar", "working-days-between", "2026-04-17", "2026-12-08"])
        for entry in h5 {
            #expect(entry["FRIST_RULE"] == "frist-helsehjelp")
            #expect(entry["FRIST_DUE"] == "2026-04-17")
            #expect(entry["FRIST_DAYS_LEFT"] == "-" + overdue.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(entry["FRIST_LATE"] == "1")
            #expect(entry["FRIST_UNIT"] == "KIR")
            #expect(entry["FRIST_OUTCOME"] == nil)
        }
        let helfo = try #require(h5.first { $0["FRIST_KIND"] == "helfo-required" })
        #expect(helfo["PRIORITY"] == "2")
        #expect(helfo["MESSAGE_ID"] == "baa9a38260714c22b049e9e15a374a1e")
        #expect(helfo["FRIST_LAW"] == "pbrl § 2-2 b")

        // L-1: reell oppstart came after its frist: resolved, met-late, priority 5.
        let l1 = try TestJournal.waitForEntries(case: "\(p)L-1") { !$0.isEmpty }
        #expect(l1.count == 1)
        let resolved = try #require(l1.first)
        #expect(resolved["FRIST_KIND"] == "resolved")
        #expect(resolved["FRIST_RULE"] == "reell-oppstart")
        #expect(resolved["FRIST_OUTCOME"] == "met-late")
        #expect(resolved["PRIORITY"] == "5")
        #expect(resolved["MESSAGE_ID"] == "8e886a744e9b45998cd937d5089c7ee0")

        // U-1: a frist past the 65-day cap, and at risk since 2026-12-04.
        let u1 = try TestJournal.waitForEntries(case: "\(p)U-1") { $0.count >= 2 }
        #expect(u1.map { $0["FRIST_KIND"] ?? "" }.sorted() == ["at-risk", "over-cap"])
        #expect(u1.allSatisfy { $0["PRIORITY"] == "4" && $0["FRIST_DUE"] == "2026-12-18" })

        // K-1 was decided in time and never at risk: nothing to say.
        #expect(try TestJournal.entries(case: "\(p)K-1").isEmpty)
        #expect(service.isRunning)
    }

    @Test("a restart emits nothing twice, and a breach that happened while down comes once, late")
    func restart() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let p = sandbox.prefix
        try sandbox.drop("ombud.jsonl", sandbox.events(Self.ombud))

        // 1 December: T-1 is neither at risk nor breached yet; H-5 is long breached.
        var started = Date()
        var service = try sandbox.start(now: "2026-12-01T08:00:00+01:00")
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        let h5First = try TestJournal.waitForEntries(case: "\(p)H-5") { $0.count >= 2 }
        #expect(service.stop() == 0)
        #expect(try TestJournal.entries(case: "\(p)T-1").isEmpty)

        // The same day again: nothing new.
        started = Date()
        service = try sandbox.start(now: "2026-12-01T09:00:00+01:00")
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        #expect(service.stop() == 0)
        #expect(try TestJournal.entries(case: "\(p)H-5").count == h5First.count)

        // 9 December: T-1 breached on the 8th while the service was down: one alert, late.
        started = Date()
        service = try sandbox.start(now: "2026-12-09T08:00:00+01:00")
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        let t1 = try TestJournal.waitForEntries(case: "\(p)T-1") { !$0.isEmpty }
        #expect(service.stop() == 0)
        // H-5 is due a reminder by now (one, for the state it is in).
        let h5Later = try TestJournal.entries(case: "\(p)H-5")
        #expect(h5Later.count == h5First.count + 1)
        #expect(h5Later.last?["FRIST_KIND"] == "reminder")
        #expect(t1.count == 1)
        #expect(t1.first?["FRIST_KIND"] == "breached")
        #expect(t1.first?["FRIST_LATE"] == "1")
        #expect(t1.first?["FRIST_DAYS_LEFT"] == "-2")

        // And once more: still one.
        started = Date()
        service = try sandbox.start(now: "2026-12-09T08:30:00+01:00")
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        #expect(service.stop() == 0)
        #expect(try TestJournal.entries(case: "\(p)T-1").count == 1)
        #expect(try TestJournal.entries(case: "\(p)H-5").count == h5Later.count)
    }

    private func write(_ sandbox: ServiceSandbox, _ text: String) throws -> String {
        let path = sandbox.root + "/events.jsonl"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
