import Foundation
import FristEngine
import FristSQLite
import FristService
import FristStorage
import FristTesting
import Testing

/// kill -9 at random instants during a large intake loses no accepted event and applies none
/// twice (docs/events.md, the spool).
@Suite("fristvakt run: crash safety")
struct ServiceCrashTests {
    static let now = "2026-12-08T08:00:00+01:00"
    static let files = 40
    static let linesPerFile = 600

    /// A file's events: a referral per case, most assessed, some started, and one bad line.
    static func file(
        _ number: Int, prefix: String, using generator: inout SeededGenerator
    ) -> (text: String, valid: [String]) {
        var lines: [String] = []
        var valid: [String] = []
        for index in 0..<(linesPerFile / 3) {
            let caseRef = "\(prefix)C\(number)-\(index)"
            let day = 1 + (index % 28)
            let received = "2026-10-\(day < 10 ? "0" : "")\(day)"
            lines.append(
                #"{"id":"\#(caseRef)-r","type":"referral.received","case":"\#(caseRef)","date":"\#(received)","unit":"U\#(number % 5)"}"#
            )
            valid.append("\(caseRef)-r")
            if index % 4 != 0 {
                lines.append(
                    #"{"id":"\#(caseRef)-a","type":"referral.assessed","case":"\#(caseRef)","date":"2026-11-02","outcome":"right","frist":"2026-12-\#(10 + index % 15)"}"#
                )
                valid.append("\(caseRef)-a")
            }
            if index % 7 == 0, index % 4 != 0 {
                lines.append(
                    #"{"id":"\#(caseRef)-s","type":"referral.started","case":"\#(caseRef)","date":"2026-12-01"}"#)
                valid.append("\(caseRef)-s")
            }
        }
        lines.insert(
            #"{"id":"bad-\#(number)","type":"referral.received","case":"x","date":"2026-13-01"}"#,
            at: Int.random(in: 0..<lines.count, using: &generator))
        return (lines.joined(separator: "\n") + "\n", valid)
    }

    @Test("repeated kill -9 during a large intake: every event applied exactly once")
    func killDuringIntake() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let seed = TestSeed.make("crash test", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        var everything = ""
        var valid: [String] = []
        for number in 0..<Self.files {
            let (text, ids) = Self.file(number, prefix: sandbox.prefix, using: &generator)
            try sandbox.drop(String(format: "batch-%03d.jsonl", number), text)
            everything += text
            valid += ids
        }
        var kills = 0
        // Each run is killed at a random instant once it has taken a file (so every run makes
        // progress, however long the start-up replay of a growing database takes): the kill lands
        // in the middle of a later file's intake, its commit or its move.
        while !sandbox.list(sandbox.spool.incoming).isEmpty, kills < 200 {
            let waiting = sandbox.list(sandbox.spool.incoming).count
            let service = try sandbox.start(now: Self.now)
            sandbox.wait(seconds: 20) { sandbox.list(sandbox.spool.incoming).count < waiting }
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.12, using: &generator))
            service.crash()
            kills += 1
        }
        // One clean run finishes whatever the last kill interrupted and writes the status file.
        let started = Date()
        let service = try sandbox.start(now: Self.now)
        #expect(sandbox.waitUntilIdle(since: started, seconds: 120), "\(service.log)")
        #expect(service.stop() == 0)
        #expect(kills >= 3, "the intake must have been interrupted several times")
        print("crash test: \(kills) kills (seed \(seed))")

        // Every valid event is stored exactly once (the id is unique in the table, so the count
        // and the set together say "once each, and nothing else").
        let store = try SQLiteStorage(path: sandbox.databasePath)
        var stored: [String] = []
        try store.forEachEvent { stored.append($0.id) }
        #expect(stored.count == valid.count)
        #expect(Set(stored) == Set(valid))

        // Every file is processed, each with its one bad line in its report.
        #expect(sandbox.list(sandbox.spool.processed).count == Self.files)
        let reports = sandbox.list(sandbox.spool.rejected)
        #expect(reports.count == Self.files)
        for report in reports {
            let text = try String(contentsOfFile: sandbox.spool.rejected + "/" + report, encoding: .utf8)
            #expect(text.split(separator: "\n").count == 1, "\(report)")
        }

        // The state equals one clean application of all events: the status document the
        // service wrote is the one `fristvakt status` computes from the events, bar its time.
        let eventsPath = sandbox.root + "/all.jsonl"
        try everything.write(toFile: eventsPath, atomically: true, encoding: .utf8)
        let expected = try CommandRunner.run(["status", "--events", eventsPath, "--today", "2026-12-08"])
        let written = try String(contentsOfFile: sandbox.statusPath, encoding: .utf8)
        let computed = Self.withoutTime(expected.stdout)
        #expect(Self.withoutTime(written) == computed)

        // The persisted case state equals a replay of the stored events, though kills landed
        // between and during its writes.
        let verified = try CommandRunner.run(
            ["verify-state", "--config", sandbox.configPath], environment: ["FRISTVAKT_NOW": Self.now])
        #expect(verified.status == 0, "\(verified.stderr)")

        // Every alert was logged once and sent.
        let alerts = try store.alerts()
        #expect(Set(alerts.map(\.alert.key)).count == alerts.count)
        #expect(alerts.allSatisfy { $0.sent })
    }

    static func withoutTime(_ status: String) -> String {
        status.split(separator: "\n").filter { !$0.contains("\"generated_at\"") }.joined(separator: "\n")
    }
}
