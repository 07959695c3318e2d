import Foundation
import FristSQLite
import FristService
import FristStorage
import FristTesting
import GRDB
import Testing

/// Files waiting together are taken in one step, each read, decoded and applied while the one
/// before it commits. Their lines depend on each other across files (repeats, reused ids,
/// back-dated events, later events of a case an earlier file opened), so a file prepared on a
/// snapshot without its predecessor would show here.
@Suite("fristvakt run: files prepared while the one before commits")
struct PipelinedIntakeTests {
    static let now = "2026-12-08T08:00:00+01:00"
    static let files = 6

    /// Random event files over a shared pool of cases; `@` stands for a sandbox's prefix.
    static func files(using generator: inout SeededGenerator) -> [String] {
        var earlier: [String] = []
        var cases: [Int] = []
        var nextID = 0
        func date(_ generator: inout SeededGenerator) -> String {
            let day = Int.random(in: 1...37, using: &generator)
            return day <= 30 ? String(format: "2026-11-%02d", day) : String(format: "2026-12-%02d", day - 30)
        }
        return (0..<files).map { _ in
            var lines: [String] = []
            for _ in 0..<Int.random(in: 40...80, using: &generator) {
                let line: String
                switch cases.isEmpty ? 0 : Int.random(in: 0..<10, using: &generator) {
                case 0..<3:
                    cases.append(cases.count)
                    nextID += 1
                    line =
                        #"{"id":"@e\#(nextID)","type":"referral.received","case":"@C\#(cases.count - 1)","date":"\#(date(&generator))","unit":"U\#(cases.count % 3)"}"#
                case 3..<5:
                    nextID += 1
                    let frist = String(format: "2027-01-%02d", Int.random(in: 1...28, using: &generator))
                    line =
                        #"{"id":"@e\#(nextID)","type":"referral.assessed","case":"@C\#(cases.randomElement(using: &generator)!)","date":"\#(date(&generator))","outcome":"right","frist":"\#(frist)"}"#
                case 5:
                    nextID += 1
                    line =
                        #"{"id":"@e\#(nextID)","type":"referral.started","case":"@C\#(cases.randomElement(using: &generator)!)","date":"\#(date(&generator))"}"#
                case 6..<8 where !earlier.isEmpty:
                    // A line seen before, in this file or an earlier one: a duplicate.
                    line = earlier.randomElement(using: &generator)!
                case 8 where nextID > 0:
                    // An id used before, with other content: refused as a conflict.
                    line =
                        #"{"id":"@e\#(Int.random(in: 1...nextID, using: &generator))","type":"referral.closed","case":"@C\#(cases.randomElement(using: &generator)!)","date":"2026-12-04"}"#
                default:
                    cases.append(cases.count)
                    nextID += 1
                    line =
                        #"{"id":"@e\#(nextID)","type":"referral.received","case":"@C\#(cases.count - 1)","date":"2026-12-01"}"#
                }
                lines.append(line)
                earlier.append(line)
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// What a run left, with the sandbox's prefix put back to `@`: the status document (bar its
    /// time), the rejected reports, the stored events in acceptance order, and the line counts.
    static func outcome(of sandbox: ServiceSandbox) throws -> [String] {
        func general(_ text: String) -> String { text.replacingOccurrences(of: sandbox.prefix, with: "@") }
        let status = try String(contentsOfFile: sandbox.statusPath, encoding: .utf8)
        var result = [general(ServiceCrashTests.withoutTime(status))]
        for report in sandbox.list(sandbox.spool.rejected) {
            result.append(
                report + ": "
                    + general(try String(contentsOfFile: sandbox.spool.rejected + "/" + report, encoding: .utf8)))
        }
        let store = try SQLiteStorage(path: sandbox.databasePath)
        var stored: [String] = []
        try store.forEachEvent { stored.append(general($0.id) + " " + $0.file + ":\($0.line)") }
        result.append(stored.joined(separator: " "))
        result.append("\(try store.intakeLineCounts())")
        return result
    }

    @Test("files taken in one step end as they do taken one at a time, and the state equals a replay")
    func togetherEqualsOneAtATime() throws {
        try TestJournal.ensureRunning()
        let seed = TestSeed.make("pipelined intake", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        let texts = Self.files(using: &generator)
        func name(_ index: Int) -> String { String(format: "f%02d.jsonl", index) }

        // Together: every file waits before the service starts, so its first step takes them all.
        let together = try ServiceSandbox()
        for (index, text) in texts.enumerated() { try together.drop(name(index), together.events(text)) }
        var started = Date()
        var service = try together.start(now: Self.now)
        #expect(together.waitUntilIdle(since: started), "\(service.log)")
        #expect(service.stop() == 0)

        // One at a time: each file is dropped once the one before it is processed.
        let alone = try ServiceSandbox()
        started = Date()
        service = try alone.start(now: Self.now)
        #expect(alone.waitUntilIdle(since: started), "\(service.log)")
        for (index, text) in texts.enumerated() {
            try alone.drop(name(index), alone.events(text))
            #expect(alone.wait { alone.list(alone.spool.processed).count == index + 1 }, "\(service.log)")
        }
        // The status file is written at the stop, from everything taken.
        #expect(service.stop() == 0)

        let (first, second) = (try Self.outcome(of: together), try Self.outcome(of: alone))
        #expect(first.count == second.count, "seed \(seed)")
        // The first line that differs, if any (the parts are long).
        for (part, (a, b)) in zip(first, second).enumerated() where a != b {
            let difference = zip(a.split(separator: "\n"), b.split(separator: "\n")).first { $0 != $1 }
            Issue.record("part \(part) differs, seed \(seed): \(difference.map { "\($0)\n≠ \($1)" } ?? "in length")")
            break
        }
        // The files did depend on each other: repeats and refusals across files.
        #expect(first.contains { $0.contains("id-conflict") }, "seed \(seed)")
        let verified = try CommandRunner.run(
            ["verify-state", "--config", together.configPath], environment: ["FRISTVAKT_NOW": Self.now])
        #expect(verified.status == 0, "\(verified.stderr)")
    }

    /// The events of the database file alone, without its write-ahead log: what checkpoints have
    /// copied into it so far.
    static func eventsCheckpointed(_ sandbox: ServiceSandbox) throws -> Int {
        let copy = sandbox.root + "/checkpointed.sqlite"
        try? FileManager.default.removeItem(atPath: copy)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        try FileManager.default.copyItem(atPath: sandbox.databasePath, toPath: copy)
        return try DatabaseQueue(path: copy).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") ?? 0 }
    }

    /// `count` referral lines, their ids and cases numbered from `first`.
    static func referrals(_ count: Int, from first: Int) -> String {
        (first..<first + count).map {
            #"{"id":"@b\#($0)","type":"referral.received","case":"@B\#($0)","date":"2026-12-01","unit":"U\#($0 % 5)"}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test("a backlog's commits are checkpointed once its step ends, and SQLite checkpoints by itself again after")
    func backlogCheckpoint() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        // Three files of 5 000 events: more than SQLite's 1 000 pages of log, in one step.
        for index in 0..<3 {
            try sandbox.drop("b\(index).jsonl", sandbox.events(Self.referrals(5_000, from: index * 5_000)))
        }
        let started = Date()
        let service = try sandbox.start(now: Self.now)
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        #expect(sandbox.list(sandbox.spool.processed).count == 3, "\(service.log)")
        #expect(sandbox.wait { (try? Self.eventsCheckpointed(sandbox)) == 15_000 }, "\(service.log)")

        // One file alone is committed as before the backlog: SQLite's own checkpoint, once its
        // log passes 1 000 pages (8 MB of 8 KiB pages), copies it (no step-end checkpoint
        // follows a single file).
        try sandbox.drop("c.jsonl", sandbox.events(Self.referrals(40_000, from: 15_000)))
        #expect(sandbox.wait { sandbox.list(sandbox.spool.processed).count == 4 }, "\(service.log)")
        #expect(sandbox.wait { (try? Self.eventsCheckpointed(sandbox)) == 55_000 }, "\(service.log)")
        #expect(service.stop() == 0)
    }
}
