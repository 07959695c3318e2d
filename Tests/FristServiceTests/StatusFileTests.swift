import Foundation
import FristCalendar
import FristEngine
import FristService
import Testing

/// The status file is replaced atomically: a reader hammering it during writes never sees a torn
/// or partial document (docs/status-file.md).
@Suite("status file")
struct StatusFileTests {
    /// Two snapshots of very different sizes, so a torn read could not pass for either.
    static func snapshots() throws -> (small: StatusSnapshot, large: StatusSnapshot) {
        let today = try CalendarDate(parsing: "2026-12-08")
        var engine = DeadlineEngine()
        let small = engine.status(on: today)
        for index in 0..<3000 {
            try engine.accept(
                Event(
                    id: "e\(index)", caseRef: "C-\(index)", date: try CalendarDate(parsing: "2026-11-02"),
                    payload: .referralReceived(group: .standard, assessmentWorkingDays: nil)),
                today: today)
        }
        return (small, engine.status(on: today))
    }

    @Test("a reader never sees a torn file while it is rewritten")
    func noTornReads() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("status-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = StatusFile(path: directory + "/status.json", mode: 0o640, timeZone: "Europe/Oslo")
        let (small, large) = try Self.snapshots()
        try file.write(small, now: Date())

        let reads = ReadCounter()
        let reader = Thread {
            while !reads.stopped {
                guard let data = FileManager.default.contents(atPath: file.path) else {
                    reads.fail("the file was missing")
                    continue
                }
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
                if object?["schema"] as? String != "fristvakt-status/1" { reads.fail("torn: \(data.count) bytes") }
                reads.count()
            }
        }
        reader.start()
        for round in 0..<400 {
            try file.write(round.isMultiple(of: 2) ? large : small, now: Date())
        }
        reads.stop()
        while !reads.finished { Thread.sleep(forTimeInterval: 0.01) }
        #expect(reads.failures.isEmpty, "\(reads.failures.prefix(3))")
        #expect(reads.total > 0)
    }

    @Test("the file has mode 0640 whatever the umask")
    func mode() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("status-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = StatusFile(path: directory + "/status.json", mode: 0o640, timeZone: "Europe/Oslo")
        let old = umask(0o077)
        defer { umask(old) }
        try file.write(try Self.snapshots().small, now: Date())
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["status.json"])
    }
}

/// Counts a reader thread's reads and failures.
final class ReadCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var _total = 0
    private var _failures: [String] = []
    private var _stopped = false
    private var _finished = false

    var total: Int { lock.withLock { _total } }
    var failures: [String] { lock.withLock { _failures } }
    var stopped: Bool {
        lock.withLock {
            if _stopped { _finished = true }
            return _stopped
        }
    }
    var finished: Bool { lock.withLock { _finished } }
    func count() { lock.withLock { _total += 1 } }
    func fail(_ reason: String) { lock.withLock { _failures.append(reason) } }
    func stop() { lock.withLock { _stopped = true } }
}
