import Foundation
import FristCalendar
import FristEngine
import FristStorage
import Glibc
import Logging
import Testing

@testable import FristService

/// The intake's memory of files it could not take yet.
@Suite("spool intake")
struct SpoolIntakeTests {
    @Test("a file still being written is looked at again; once it leaves incoming/ unread, nothing waits for it")
    func writerLeaves() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let spool = SpoolDirectory(root: root + "/spool")
        try spool.prepare()
        try FileManager.default.createDirectory(atPath: root + "/state", withIntermediateDirectories: true)
        var intake = SpoolIntake(spool: spool, store: MemoryStorage())
        // Held open for writing from its first instant, as a writer in place holds it.
        let path = spool.incoming + "/half.jsonl"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var engine = DeadlineEngine()
        var engineAhead = false
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let names = try intake.due()
        #expect(names == [SpoolName("half.jsonl")])
        let outcome = try intake.prepare(
            names[0], engine: &engine, engineAhead: &engineAhead, today: try CalendarDate(parsing: "2026-12-08"),
            takenAt: "2026-12-08T08:00:00+01:00", logger: logger)
        guard case .deferred = outcome else {
            Issue.record("not left waiting: \(outcome)")
            return
        }
        #expect(!engineAhead)
        let now = Date()
        #expect(intake.nextRetry(now: now) != nil, "the file is looked at again")
        // The writer takes its file away.
        #expect(unlink(path) == 0)
        #expect(try intake.due().isEmpty)
        #expect(intake.nextRetry(now: now) == nil, "no wake-up for a file that is gone")
    }
}
