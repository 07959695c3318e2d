import Foundation
import FristService
import Glibc
import Testing

/// What the service does when its surroundings are wrong: a clock the calendar cannot serve, a
/// SIGHUP before its handler, a database it may not write.
@Suite("fristvakt run: guards")
struct ServiceGuardTests {
    static let now = "2026-12-08T08:00:00+01:00"

    /// Waits up to `seconds` for the process to end; its exit status, or nil when it still runs
    /// (it is then stopped).
    static func exitStatus(_ service: ServiceProcess, within seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while service.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !service.isRunning else {
            _ = service.stop()
            return nil
        }
        return service.process.terminationStatus
    }

    @Test("a clock past the calendar's years stops the service with a clear error, and retention deletes nothing")
    func clockOutOfRangeAtStart() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let kept = sandbox.spool.processed + "/old.jsonl"
        _ = FileManager.default.createFile(atPath: kept, contents: Data("{}\n".utf8))
        let service = try sandbox.start(now: "2201-01-02T08:00:00Z", wrapper: ServiceSandbox.hideJournal)
        let status = Self.exitStatus(service, within: 60)
        #expect(status != nil && status != 0, "\(service.log)")
        #expect(service.log.contains("utenfor kalenderens område 1900–2200"), "\(service.log)")
        #expect(FileManager.default.fileExists(atPath: kept))
        #expect(!FileManager.default.fileExists(atPath: sandbox.statusPath))
    }

    @Test("a clock stepped past the calendar's years while running stops the service")
    func clockSteppedOutOfRange() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let stepFile = sandbox.root + "/clock-step"
        let service = try sandbox.start(
            now: Self.now, environment: [ServiceClock.stepFileKey: stepFile], wrapper: ServiceSandbox.hideJournal)
        defer { _ = service.stop() }
        #expect(sandbox.waitUntilIdle(since: Date(timeIntervalSinceNow: -5)), "\(service.log)")
        try String(200 * 365 * 86_400).write(toFile: stepFile, atomically: true, encoding: .utf8)
        // The next step (a file wakes the service) checks the clock.
        try sandbox.drop(
            "wake.jsonl",
            sandbox.events(#"{"id":"@1","type":"referral.received","case":"@A","date":"2026-12-01"}"# + "\n"))
        let status = Self.exitStatus(service, within: 60)
        #expect(status != nil && status != 0, "\(service.log)")
        #expect(service.log.contains("utenfor kalenderens område"), "\(service.log)")
    }

    @Test("a SIGHUP before the service's handler is ready does no harm")
    func earlyHangup() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        // The start waits while the pause file exists, before it reads its configuration: the
        // work of a start before the SIGHUP handler exists, made long enough to hit.
        let pauseFile = sandbox.root + "/pause"
        _ = FileManager.default.createFile(atPath: pauseFile, contents: nil)
        let service = try sandbox.start(now: Self.now, environment: ["FRISTVAKT_TEST_START_PAUSE_FILE": pauseFile])
        defer { _ = service.stop() }
        let pid = service.process.processIdentifier
        // SIGHUP is ignored once the program's first instruction has run (SigIgn, bit 0).
        let ignoring = sandbox.wait(seconds: 20) {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            let mask = status.split(separator: "\n").first { $0.hasPrefix("SigIgn:") }?.split(separator: "\t").last
            return mask.flatMap { UInt64($0, radix: 16) }.map { $0 & 1 == 1 } ?? false
        }
        #expect(ignoring, "SIGHUP is not ignored during the start: \(service.log)")
        kill(pid, SIGHUP)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(service.isRunning, "\(service.log)")
        try FileManager.default.removeItem(atPath: pauseFile)
        #expect(sandbox.waitUntilIdle(since: Date(timeIntervalSinceNow: -5)), "\(service.log)")
        // Once the service is up, a SIGHUP reloads as always.
        kill(pid, SIGHUP)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(service.isRunning)
        #expect(service.stop() == 0, "\(service.log)")
    }

    @Test(
        "a database the service may not write is named, with what to do",
        arguments: [false, true])
    func readOnlyDatabase(crashedBefore: Bool) throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let first = try sandbox.start(now: Self.now)
        #expect(sandbox.waitUntilIdle(since: Date(timeIntervalSinceNow: -5)), "\(first.log)")
        // A crash leaves the write-ahead log and its index beside the database: SQLite then
        // opens a file it may not write read-only, without an error.
        if crashedBefore {
            first.crash()
            #expect(FileManager.default.fileExists(atPath: sandbox.databasePath + "-wal"))
        } else {
            #expect(first.stop() == 0)
        }
        let state = sandbox.root + "/state"
        // The state folder mounted read-only in a namespace of the service's own (root ignores
        // file modes, not a read-only mount), the journal hidden so all it says is in its log.
        let readOnly = [
            "/usr/bin/unshare", "-m", "/bin/sh", "-c",
            "mount -t tmpfs tmpfs /run/systemd/journal && mount --bind \(state) \(state) "
                + "&& mount -o remount,bind,ro \(state) && exec \"$0\" \"$@\"",
        ]
        let service = try sandbox.start(now: Self.now, wrapper: readOnly)
        let status = Self.exitStatus(service, within: 60)
        #expect(status != nil && status != 0, "\(service.log)")
        #expect(service.log.contains("databasen \(sandbox.databasePath)"), "\(service.log)")
        #expect(service.log.contains("skrivetilgang") || service.log.contains("kan ikke åpnes"), "\(service.log)")
    }
}
