import Foundation
import GRDB
import Testing

/// The persisted case state in a running service: a restart reads it and repeats nothing, a
/// reload that moves deadlines rewrites it, and a state written under another fingerprint is
/// rebuilt from the events. `fristvakt verify-state` compares it with a replay.
@Suite("fristvakt run: persisted state")
struct PersistedStateTests {
    static let now = "2026-12-08T08:00:00+01:00"

    static func verify(_ sandbox: ServiceSandbox) throws -> CommandResult {
        try CommandRunner.run(
            ["verify-state", "--config", sandbox.configPath], environment: ["FRISTVAKT_NOW": Self.now])
    }

    /// Every alert of the ombud set's cases in this sandbox.
    static func alerts(_ sandbox: ServiceSandbox) throws -> [[String: String]] {
        try ["T-1", "L-1", "H-5", "U-1", "K-1"].flatMap { try TestJournal.entries(case: sandbox.prefix + $0) }
    }

    /// The first journal entry of this run of the service whose message contains `text`.
    static func logged(by service: ServiceProcess, containing text: String) throws -> [String: String]? {
        let deadline = Date().addingTimeInterval(10)
        repeat {
            let entries = try TestJournal.entries(
                matching: ["SYSLOG_IDENTIFIER=fristvakt", "_PID=\(service.process.processIdentifier)"])
            if let entry = entries.first(where: { $0["MESSAGE"]?.contains(text) == true }) { return entry }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return nil
    }

    @Test("a restart reads the state back; a damaged one is found, and a foreign one rebuilt, alerting nothing twice")
    func restartDamageAndRebuild() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        try sandbox.drop("ombud.jsonl", sandbox.events(ServiceAlertTests.ombud))
        var started = Date()
        var service = try sandbox.start(now: Self.now)
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        #expect(service.stop() == 0)
        let first = try Self.alerts(sandbox)
        #expect(first.count >= 5, "the ombud set alerts several kinds")

        var verified = try Self.verify(sandbox)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("Lagret tilstand stemmer med hendelsene: 5 saker."), "\(verified.stdout)")

        // A restart reads the persisted state (no replay) and alerts nothing again.
        started = Date()
        service = try sandbox.start(now: Self.now)
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        #expect(service.stop() == 0)
        #expect(try Self.logged(by: service, containing: "Tilstand lastet")?["SOURCE"] == "persisted")
        #expect(try Self.alerts(sandbox).count == first.count)

        // A damaged case is found by verify-state and named.
        let database = try DatabaseQueue(path: sandbox.databasePath)
        let damaged = "\(sandbox.prefix)H-5"
        try database.write { db in
            try db.execute(sql: "UPDATE case_state SET state = x'00' WHERE case_ref = ?", arguments: [damaged])
        }
        verified = try Self.verify(sandbox)
        #expect(verified.status == 1)
        #expect(verified.stderr.contains("avviker fra hendelsene i 1 sak: \(damaged)"), "\(verified.stderr)")

        // State under another fingerprint (another version's format) is rebuilt from the events
        // at start: the damage is gone, and the alert log keeps anything from being sent again.
        try database.write { db in
            try db.execute(sql: "UPDATE meta SET value = 'v0-old' WHERE name = 'state_fingerprint'")
        }
        verified = try Self.verify(sandbox)
        #expect(verified.status == 1)
        #expect(verified.stderr.contains("annen konfigurasjon eller et annet format"), "\(verified.stderr)")
        try database.close()
        started = Date()
        service = try sandbox.start(now: Self.now)
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        #expect(service.stop() == 0)
        #expect(try Self.logged(by: service, containing: "tilstanden bygges på nytt fra hendelsene") != nil)
        #expect(try Self.alerts(sandbox).count == first.count)
        verified = try Self.verify(sandbox)
        #expect(verified.status == 0, "\(verified.stderr)")
    }
}
