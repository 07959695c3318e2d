import Foundation
import FristSQLite
import FristService
import FristStorage
import Glibc
import Testing

/// The spool's edges as a careless integrator meets them: names that are not UTF-8, files written
/// in place, reused names, files over the limit. Every file ends in exactly one place and no line
/// is lost without a record.
@Suite("fristvakt run: the spool's edges")
struct SpoolEdgeTests {
    static let now = "2026-12-08T08:00:00+01:00"

    /// The events of the database, by id.
    static func storedIDs(_ sandbox: ServiceSandbox) throws -> [String] {
        var ids: [String] = []
        try SQLiteStorage(path: sandbox.databasePath).forEachEvent { ids.append($0.id) }
        return ids.sorted()
    }

    /// Creates a file and holds it open for writing from the first instant, as a writer that
    /// writes in place does (`open(O_CREAT)`): there is no moment when it exists and nobody
    /// writes it.
    static func createInPlace(_ path: String) throws -> FileHandle {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw TestFailure("open \(path): errno \(errno)") }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    @Test("a file whose name is not UTF-8 is taken by its bytes and shown escaped")
    func latin1Name() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let service = try sandbox.start(now: Self.now)
        defer { _ = service.stop() }
        #expect(sandbox.waitUntilIdle(since: Date(timeIntervalSinceNow: -5)))
        let line = sandbox.events(#"{"id":"@1","type":"referral.received","case":"@A","date":"2026-12-01"}"# + "\n")
        // lat\xe9.jsonl: Latin-1 é, written and renamed in by its bytes.
        let name: [UInt8] = Array("lat".utf8) + [0xE9] + Array(".jsonl".utf8)
        let temporary = Array((sandbox.spool.tmp + "/").utf8) + name + [0]
        let target = Array((sandbox.spool.incoming + "/").utf8) + name + [0]
        let descriptor = temporary.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(descriptor >= 0)
        _ = Array(line.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        let moved = temporary.withUnsafeBufferPointer { from in
            target.withUnsafeBufferPointer { to in
                from.withMemoryRebound(to: CChar.self) { from in
                    to.withMemoryRebound(to: CChar.self) { rename(from.baseAddress!, $0.baseAddress!) }
                }
            }
        }
        #expect(moved == 0)
        #expect(sandbox.wait { sandbox.list(sandbox.spool.processed) == [#"lat\xE9.jsonl"#] }, "\(service.log)")
        #expect(try SpoolDirectory(root: sandbox.root + "/spool").waitingFiles().isEmpty)
        #expect(service.stop() == 0)
        #expect(try Self.storedIDs(sandbox) == ["\(sandbox.prefix)1"])
    }

    @Test("a file written in place is taken only once its writer closes it, whole, beside other files")
    func slowWriter() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let service = try sandbox.start(now: Self.now)
        defer { _ = service.stop() }
        let path = sandbox.spool.incoming + "/slow.jsonl"
        let lines = (1...3).map {
            sandbox.events(#"{"id":"@s\#($0)","type":"referral.received","case":"@S\#($0)","date":"2026-12-01"}"#)
        }
        let writer = try Self.createInPlace(path)
        // Line 1 and half of line 2, then other files arrive and wake the service.
        writer.write(Data((lines[0] + "\n" + lines[1].prefix(30)).utf8))
        for index in 1...3 {
            try sandbox.drop(
                "other\(index).jsonl",
                sandbox.events(
                    #"{"id":"@o\#(index)","type":"referral.received","case":"@O\#(index)","date":"2026-12-01"}"#
                        + "\n"))
            #expect(sandbox.wait { sandbox.list(sandbox.spool.processed).contains("other\(index).jsonl") })
            #expect(sandbox.list(sandbox.spool.incoming) == ["slow.jsonl"], "\(service.log)")
        }
        // The writer finishes line 2, adds line 3 and closes.
        writer.write(Data((lines[1].dropFirst(30) + "\n" + lines[2] + "\n").utf8))
        try writer.close()
        #expect(sandbox.wait { sandbox.list(sandbox.spool.incoming).isEmpty }, "\(service.log)")
        let processed = try String(contentsOfFile: sandbox.spool.processed + "/slow.jsonl", encoding: .utf8)
        #expect(processed == lines.joined(separator: "\n") + "\n")
        #expect(sandbox.list(sandbox.spool.rejected).isEmpty)
        #expect(service.stop() == 0)
        let expected = ["o1", "o2", "o3", "s1", "s2", "s3"].map { sandbox.prefix + $0 }
        #expect(try Self.storedIDs(sandbox) == expected)
    }

    @Test("where the kernel will not tell (another user's file, no CAP_LEASE), a half line waits for quiet")
    func slowWriterWithoutLease() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        // As under the hardened unit: the service may not take a lease on a file it does not own.
        let service = try sandbox.start(
            now: Self.now, wrapper: ["/usr/bin/setpriv", "--bounding-set=-lease", "--inh-caps=-lease"])
        defer { _ = service.stop() }
        #expect(sandbox.waitUntilIdle(since: Date(timeIntervalSinceNow: -5)), "\(service.log)")
        let path = sandbox.spool.incoming + "/slow.jsonl"
        let lines = (1...2).map {
            sandbox.events(#"{"id":"@s\#($0)","type":"referral.received","case":"@S\#($0)","date":"2026-12-01"}"#)
        }
        let writer = try Self.createInPlace(path)
        #expect(fchown(writer.fileDescriptor, 65_534, 65_534) == 0)
        writer.write(Data((lines[0] + "\n" + lines[1].prefix(30)).utf8))
        try sandbox.drop(
            "other.jsonl",
            sandbox.events(#"{"id":"@o","type":"referral.received","case":"@O","date":"2026-12-01"}"#) + "\n")
        #expect(sandbox.wait { sandbox.list(sandbox.spool.processed).contains("other.jsonl") }, "\(service.log)")
        // Past the 2 s of quiet a complete file needs, the half line still holds it back.
        Thread.sleep(forTimeInterval: SpoolDirectory.quietSeconds + 1)
        #expect(sandbox.list(sandbox.spool.incoming) == ["slow.jsonl"], "\(service.log)")
        writer.write(Data((lines[1].dropFirst(30) + "\n").utf8))
        try writer.close()
        #expect(sandbox.wait { sandbox.list(sandbox.spool.incoming).isEmpty }, "\(service.log)")
        let processed = try String(contentsOfFile: sandbox.spool.processed + "/slow.jsonl", encoding: .utf8)
        #expect(processed == lines.joined(separator: "\n") + "\n")
        #expect(sandbox.list(sandbox.spool.rejected).isEmpty)
    }

    @Test("a file that grows after it was read keeps its judged bytes in processed/ and is read again")
    func grownAfterRead() throws {
        // The spool alone, without the service: read, then the writer appends, then finish.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fristvakt-grow-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let spool = SpoolDirectory(root: root)
        try spool.prepare()
        let first = "{\"line\":1}\n"
        try first.write(toFile: spool.incoming + "/g.jsonl", atomically: true, encoding: .utf8)
        let name = SpoolName("g.jsonl")
        guard case .bytes(let bytes, let identity) = spool.read(name) else {
            Issue.record("not read")
            return
        }
        let handle = try #require(FileHandle(forWritingAtPath: spool.incoming + "/g.jsonl"))
        try handle.seekToEnd()
        handle.write(Data("{\"line\":2}\n".utf8))
        try handle.close()
        let finished = try spool.finish(
            name, as: "g.jsonl", judged: bytes, identity: identity, rejectedLines: nil, mask: false)
        #expect(finished.leftWaiting)
        #expect(try String(contentsOfFile: spool.processed + "/g.jsonl", encoding: .utf8) == first)
        #expect(try String(contentsOfFile: spool.incoming + "/g.jsonl", encoding: .utf8) == first + "{\"line\":2}\n")
    }

    @Test("a reused file name never overwrites the earlier copy or report; the journal line names the report")
    func reusedName() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let service = try sandbox.start(now: Self.now, wrapper: ServiceSandbox.hideJournal)
        defer { _ = service.stop() }
        for round in 1...3 {
            try sandbox.drop(
                "batch.jsonl",
                sandbox.events(
                    #"{"id":"@\#(round)","type":"referral.received","case":"@B\#(round)","date":"2026-12-01"}"#
                        + "\n" + #"{"id":"@bad\#(round)","type":"nope","case":"@B","date":"2026-12-01"}"# + "\n"))
            #expect(sandbox.wait { sandbox.list(sandbox.spool.incoming).isEmpty }, "\(service.log)")
        }
        #expect(sandbox.list(sandbox.spool.processed) == ["batch.2.jsonl", "batch.3.jsonl", "batch.jsonl"])
        let reports = ["batch.2.jsonl.rejected.jsonl", "batch.3.jsonl.rejected.jsonl", "batch.jsonl.rejected.jsonl"]
        #expect(sandbox.list(sandbox.spool.rejected) == reports)
        for (round, report) in zip([2, 3, 1], reports) {
            let text = try String(contentsOfFile: sandbox.spool.rejected + "/" + report, encoding: .utf8)
            #expect(text.contains("\(sandbox.prefix)bad\(round)"), "\(report): \(text)")
            #expect(service.log.contains(sandbox.spool.rejected + "/" + report), "\(service.log)")
        }
        #expect(service.log.contains("1 linje avvist"))
    }

    @Test("submit splits a file over the spool's limit between lines, and the service takes every part")
    func submitSplits() throws {
        let sandbox = try ServiceSandbox()
        // 4 600 events padded to about 15 KiB each (JSON white space): 70 MiB, over the 64 MiB limit.
        // A letter between the sandbox's prefix and the number: a prefix of eight random hex digits
        // that are all decimal, followed by three digits, would be an eleven-digit run, and some
        // such runs pass an identity number's check digits (and are refused as one).
        let padding = String(repeating: " ", count: 15_000)
        var text = ""
        for index in 0..<4_600 {
            text +=
                sandbox.events(
                    #"{"id":"@e\#(index)",\#(padding)"type":"referral.received","case":"@C\#(index)","date":"2026-12-01"}"#
                )
                + "\n"
        }
        let path = sandbox.root + "/big.jsonl"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(text.utf8.count > SpoolDirectory.maximumFileBytes)
        let result = try CommandRunner.run(
            ["submit", "--config", sandbox.configPath, path], environment: ["FRISTVAKT_NOW": Self.now])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(del 1 av 2)") && result.stdout.contains("(del 2 av 2)"), "\(result.stdout)")
        let parts = sandbox.list(sandbox.spool.incoming)
        #expect(parts.count == 2)
        let joined = try parts.map { try String(contentsOfFile: sandbox.spool.incoming + "/" + $0, encoding: .utf8) }
        #expect(joined.joined() == text, "the parts, in the order of their names, are the file")
        for part in parts {
            let size = try FileManager.default.attributesOfItem(atPath: sandbox.spool.incoming + "/" + part)[.size]
            #expect(
                (size as? Int).map { $0 <= SpoolDirectory.maximumFileBytes } == true,
                "\(part): \(String(describing: size))")
        }

        try TestJournal.ensureRunning()
        let service = try sandbox.start(now: Self.now)
        defer { _ = service.stop() }
        #expect(sandbox.wait(seconds: 120) { sandbox.list(sandbox.spool.incoming).isEmpty }, "\(service.log)")
        #expect(sandbox.list(sandbox.spool.rejected).isEmpty)
        #expect(service.stop() == 0)
        #expect(try Self.storedIDs(sandbox).count == 4_600)
    }

    @Test("parts are cut after a line break and never exceed the limit")
    func parts() {
        let bytes = Array("aaa\nbb\ncccc\nd\n".utf8)
        let parts = SpoolDirectory.parts(of: bytes, maximumBytes: 7)
        #expect(parts.map { String(decoding: $0, as: UTF8.self) } == ["aaa\nbb\n", "cccc\nd\n"])
        #expect(SpoolDirectory.parts(of: bytes, maximumBytes: 100).count == 1)
        #expect(SpoolDirectory.parts(of: [], maximumBytes: 7).map(\.count) == [0])
    }
}
