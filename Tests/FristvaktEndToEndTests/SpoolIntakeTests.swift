import Foundation
import FristSQLite
import FristService
import FristStorage
import Glibc
import Testing

/// The spool (docs/events.md) for files that are not simply good: each ends where the contract says, with its
/// reasons, and the service goes on.
@Suite("fristvakt run and submit: the spool")
struct SpoolIntakeTests {
    static let now = "2026-12-08T08:00:00+01:00"

    static func records(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }

    @Test("malformed, partly bad, oversized and unreadable files end where the contract says")
    func awkwardFiles() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let spool = sandbox.spool
        let service = try sandbox.start(now: Self.now)
        defer { _ = service.stop() }

        try sandbox.drop("malformed.jsonl", "this is not JSON\n{\"id\": \n")
        try sandbox.drop(
            "mixed.jsonl",
            sandbox.events(
                """
                {"id":"@1","type":"referral.received","case":"@A","date":"2026-12-01"}
                {"id":"@2","type":"referral.received","case":"@B","date":"2026-12-01","colour":"red"}
                {"id":"@3","type":"referral.assessed","case":"@NOPE","date":"2026-12-02","outcome":"no-right"}
                {"id":"@4","type":"referral.received","case":"@C","date":"2026-12-02"}

                """))
        // Oversized: a sparse file one byte over the limit (no disk needed).
        let huge = spool.tmp + "/huge.jsonl"
        _ = FileManager.default.createFile(atPath: huge, contents: nil)
        #expect(truncate(huge, off_t(65 * 1024 * 1024)) == 0)
        #expect(rename(huge, spool.incoming + "/huge.jsonl") == 0)
        // Symbolic links are refused without being followed: one dangling, one to a real file
        // with valid events that must not be read.
        #expect(symlink(sandbox.root + "/missing", spool.incoming + "/ghost.jsonl") == 0)
        let target = sandbox.root + "/elsewhere.jsonl"
        try sandbox.events(#"{"id":"@9","type":"referral.received","case":"@L","date":"2026-12-01"}"# + "\n")
            .write(toFile: target, atomically: true, encoding: .utf8)
        #expect(symlink(target, spool.incoming + "/link.jsonl") == 0)

        // Rejecting the 65 MiB file whole copies it with every identity number masked: in a debug
        // build on a loaded machine that takes longer than the usual wait.
        #expect(sandbox.wait(seconds: 180) { sandbox.list(spool.incoming).isEmpty }, "\(service.log)")

        #expect(sandbox.list(spool.processed) == ["malformed.jsonl", "mixed.jsonl"])
        #expect(
            sandbox.list(spool.rejected) == [
                "ghost.jsonl", "ghost.jsonl.rejected.jsonl", "huge.jsonl", "huge.jsonl.rejected.jsonl",
                "link.jsonl", "link.jsonl.rejected.jsonl", "malformed.jsonl.rejected.jsonl",
                "mixed.jsonl.rejected.jsonl",
            ])

        let malformed = try Self.records(spool.rejectedReport(for: "malformed.jsonl"))
        #expect(malformed.map { $0["line"] as? Int } == [1, 2])
        #expect(malformed.allSatisfy { $0["reason"] as? String == "ugyldig JSON" })
        #expect(malformed.first?["input"] as? String == "this is not JSON")
        #expect(malformed.first?["file"] as? String == "malformed.jsonl")

        let mixed = try Self.records(spool.rejectedReport(for: "mixed.jsonl"))
        #expect(mixed.map { $0["line"] as? Int } == [2, 3])
        #expect(mixed.map { $0["field"] as? String } == ["colour", "case"])
        #expect(mixed.allSatisfy { ($0["reason"] as? String)?.isEmpty == false })

        let oversized = try Self.records(spool.rejectedReport(for: "huge.jsonl"))
        #expect(oversized.count == 1)
        #expect((oversized.first?["reason"] as? String)?.contains("mer enn grensen") == true)
        #expect(oversized.first?["line"] is NSNull)
        for link in ["ghost.jsonl", "link.jsonl"] {
            let report = try Self.records(spool.rejectedReport(for: link))
            #expect((report.first?["reason"] as? String)?.contains("symbolsk lenke") == true)
            #expect(report.first?["code"] as? String == "file-refused")
            var info = stat()
            #expect(lstat(spool.rejected + "/" + link, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        }
        #expect(malformed.first?["code"] as? String == "invalid-json")
        #expect(mixed.map { $0["code"] as? String } == ["unknown-field", "unknown-case"])

        // The good lines were applied, and the service is still taking files.
        let started = Date()
        try sandbox.drop(
            "after.jsonl",
            sandbox.events(#"{"id":"@5","type":"referral.received","case":"@D","date":"2026-12-03"}"# + "\n"))
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        #expect(service.isRunning)
        // A status write coalesced from the files before can land after `started`, ahead of the
        // one for after.jsonl: wait for the count itself.
        func clocks() -> Int? { (try? sandbox.status()["totals"] as? [String: Int])?.values.reduce(0, +) }
        #expect(sandbox.wait(seconds: 10) { clocks() == 3 }, "clocks: \(String(describing: clocks()))")
    }

    @Test("a file that cannot be moved after its commit stays, is finished later, and is applied once")
    func finishFailsThenRecovers() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let spool = sandbox.spool
        let service = try sandbox.start(now: Self.now)
        defer { _ = service.stop() }
        #expect(sandbox.waitUntilIdle(since: Date(timeIntervalSinceNow: -5)))
        // processed/ replaced by a plain file: the move after the commit fails (even for root).
        try FileManager.default.removeItem(atPath: spool.processed)
        _ = FileManager.default.createFile(atPath: spool.processed, contents: nil)
        try sandbox.drop(
            "one.jsonl",
            sandbox.events(#"{"id":"@1","type":"referral.received","case":"@A","date":"2026-12-01"}"# + "\n"))
        Thread.sleep(forTimeInterval: 1)
        #expect(sandbox.list(spool.incoming) == ["one.jsonl"])
        #expect(service.isRunning)

        try FileManager.default.removeItem(atPath: spool.processed)
        try FileManager.default.createDirectory(atPath: spool.processed, withIntermediateDirectories: false)
        try sandbox.drop(
            "two.jsonl",
            sandbox.events(#"{"id":"@2","type":"referral.received","case":"@B","date":"2026-12-01"}"# + "\n"))
        #expect(sandbox.wait { sandbox.list(spool.processed) == ["one.jsonl", "two.jsonl"] }, "\(service.log)")
        #expect(service.stop() == 0)
        let store = try SQLiteStorage(path: sandbox.databasePath)
        var ids: [String] = []
        try store.forEachEvent { ids.append($0.id) }
        #expect(ids == ["\(sandbox.prefix)1", "\(sandbox.prefix)2"])
    }

    @Test("submit refuses a file with a bad line and spools nothing")
    func submitRefuses() throws {
        let sandbox = try ServiceSandbox()
        let path = sandbox.root + "/in.jsonl"
        try """
        {"id":"s1","type":"referral.received","case":"S-1","date":"2026-12-01"}
        {"id":"s2","type":"referral.received","case":"S-2","date":"2026-12-09"}
        {"id":"s3","type":"complaint.received","case":"S-3","date":"2026-12-01","target_months":13}

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["submit", "--config", sandbox.configPath, path], environment: ["FRISTVAKT_NOW": Self.now])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):2: felt «date»: datoen 2026-12-09 er etter i dag (2026-12-08)"))
        #expect(result.stderr.contains("\(path):3: felt «target_months»"))
        #expect(sandbox.list(sandbox.spool.incoming).isEmpty)
        #expect(sandbox.list(sandbox.spool.tmp).isEmpty)
    }

    @Test("submit places valid files in incoming/ atomically, without a running service")
    func submitPlaces() throws {
        let sandbox = try ServiceSandbox()
        let first = sandbox.root + "/a.jsonl"
        let second = sandbox.root + "/b.jsonl"
        let text = #"{"id":"s1","type":"referral.received","case":"S-1","date":"2026-12-01"}"# + "\n"
        try text.write(toFile: first, atomically: true, encoding: .utf8)
        try text.write(toFile: second, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["submit", "--config", sandbox.configPath, first, second], environment: ["FRISTVAKT_NOW": Self.now])
        #expect(result.status == 0, "\(result.stderr)")
        let placed = sandbox.list(sandbox.spool.incoming)
        #expect(placed.count == 2)
        #expect(placed.first?.hasSuffix("-a.jsonl") == true)
        #expect(placed.last?.hasSuffix("-b.jsonl") == true)
        for name in placed {
            #expect(try String(contentsOfFile: sandbox.spool.incoming + "/" + name, encoding: .utf8) == text)
        }
        #expect(sandbox.list(sandbox.spool.tmp).isEmpty)
    }
}
