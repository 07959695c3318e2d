import Foundation
import FristSQLite
import FristService
import FristStorage
import FristTesting
import Glibc
import Testing

/// The promise under load and faults: a backlog does not starve the watchdog or delay a
/// shutdown, no signal is lost, a full disk or a passing fault loses and doubles nothing and is
/// logged once, a stepped clock alerts nothing twice, and a missing time zone database is a
/// clear error. Every test runs the real service against real SQLite and the notify socket.
@Suite("fristvakt run: backlog, signals and faults", .serialized)
struct ServiceFaultTests {
    static let now = "2026-12-08T08:00:00+01:00"

    /// `count` referrals, one line each, in a file numbered `number`.
    static func referrals(_ number: Int, count: Int, prefix: String, date: String = "2026-12-01") -> (String, [String])
    {
        var ids: [String] = []
        var text = ""
        for index in 0..<count {
            let id = "\(prefix)F\(number)-\(index)"
            ids.append(id)
            text +=
                #"{"id":"\#(id)","type":"referral.received","case":"\#(id)","date":"\#(date)","unit":"U\#(index % 7)"}"#
            text += "\n"
        }
        return (text, ids)
    }

    static func storedIDs(_ sandbox: ServiceSandbox) throws -> [String] {
        var ids: [String] = []
        try SQLiteStorage(path: sandbox.databasePath).forEachEvent { ids.append($0.id) }
        return ids
    }

    @Test("a backlog keeps the watchdog fed, SIGTERM in its middle exits at once, SIGHUP while loading reloads")
    func backlogAndSignals() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        var expected: [String] = []
        for number in 0..<150 {
            let (text, ids) = Self.referrals(number, count: 1500, prefix: sandbox.prefix)
            try sandbox.drop(String(format: "b-%03d.jsonl", number), text)
            expected += ids
        }
        // WatchdogSec=2: pings every second; a gap of 2 s would have systemd kill the service.
        let manager = try ManagerSocket(directory: sandbox.root)
        let service = try sandbox.start(
            now: Self.now, environment: ["NOTIFY_SOCKET": manager.path, "WATCHDOG_USEC": "2000000"])
        #expect(sandbox.wait { !manager.messages(with: "READY=1").isEmpty }, "\(service.log)")
        let ready = try #require(manager.messages(with: "READY=1").first).time
        Thread.sleep(forTimeInterval: 5)
        let remaining = sandbox.list(sandbox.spool.incoming).count
        #expect(remaining > 0, "the backlog must outlast the watchdog window for this test to mean anything")
        #expect(sandbox.list(sandbox.spool.processed).count > 0, "intake makes progress")
        let pings = manager.messages(with: "WATCHDOG=1").map(\.time).filter { $0 > ready }
        let gaps = zip([ready] + pings, pings).map { ($1 - $0) / .seconds(1) }
        #expect(pings.count >= 4, "\(gaps)")
        #expect(gaps.allSatisfy { $0 < 1.6 }, "a ping gap came near WatchdogSec=2: \(gaps)")

        // SIGTERM in the middle of the backlog: out within a few seconds, with exit status 0.
        let asked = ContinuousClock.now
        #expect(service.stop() == 0)
        let exitTime = (ContinuousClock.now - asked) / .seconds(1)
        #expect(exitTime < 3, "exit took \(exitTime) s")
        #expect(!sandbox.list(sandbox.spool.incoming).isEmpty, "stopped before the backlog was done")

        // SIGHUP while the state loads (before READY): the process lives and reloads once up.
        try FileManager.default.createDirectory(atPath: sandbox.root + "/second", withIntermediateDirectories: true)
        let manager2 = try ManagerSocket(directory: sandbox.root + "/second")
        let second = try sandbox.start(now: Self.now, environment: ["NOTIFY_SOCKET": manager2.path])
        Thread.sleep(forTimeInterval: 0.4)
        #expect(manager2.messages(with: "READY=1").isEmpty, "the state must still be loading when SIGHUP comes")
        kill(second.process.processIdentifier, SIGHUP)
        #expect(sandbox.wait(seconds: 60) { !manager2.messages(with: "RELOADING=1").isEmpty }, "\(second.log)")
        #expect(second.isRunning)
        #expect(sandbox.wait(seconds: 60) { manager2.messages(with: "READY=1").count >= 2 })
        let order = manager2.messages.compactMap(\.fields.first).filter { $0 == "READY=1" || $0 == "RELOADING=1" }
        #expect(Array(order.prefix(3)) == ["READY=1", "RELOADING=1", "READY=1"], "\(order)")

        // The rest of the backlog is taken after the restart; every event exactly once.
        #expect(sandbox.wait(seconds: 300) { sandbox.list(sandbox.spool.incoming).isEmpty })
        #expect(second.stop() == 0)
        let stored = try Self.storedIDs(sandbox)
        #expect(stored.count == expected.count)
        #expect(Set(stored) == Set(expected))
    }

    @Test("a full disk under the state folder: the file waits, one error is logged, all is taken once space returns")
    func diskFull() throws {
        let sandbox = try ServiceSandbox(metrics: true)
        try FileManager.default.createDirectory(atPath: sandbox.textfileFolder, withIntermediateDirectories: true)
        let state = sandbox.root + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        #expect(
            try CommandRunner.run(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=3m", "tmpfs", state])
                .status == 0)
        defer { _ = try? CommandRunner.run(URL(fileURLWithPath: "/bin/umount"), ["-l", state]) }
        let started = Date()
        let service = try sandbox.start(now: Self.now, wrapper: ServiceSandbox.hideJournal)
        try sandbox.drop("first.jsonl", Self.referrals(0, count: 1, prefix: sandbox.prefix).0)
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")

        // Fill the file system, then send 400 events that each alert at once (received 20 Nov:
        // the assessment deadline of 4 Dec has passed on 8 Dec).
        let filler = state + "/filler"
        _ = try CommandRunner.run(URL(fileURLWithPath: "/bin/dd"), ["if=/dev/zero", "of=\(filler)", "bs=64k"])
        let (text, ids) = Self.referrals(1, count: 400, prefix: sandbox.prefix, date: "2026-11-20")
        try sandbox.drop("full.jsonl", text)
        Thread.sleep(forTimeInterval: 6)
        #expect(sandbox.list(sandbox.spool.incoming) == ["full.jsonl"], "\(service.log)")
        #expect(!sandbox.list(sandbox.spool.rejected).contains { $0.hasPrefix("full") })
        let failures = service.log.split(separator: "\n").filter { $0.contains("feilet") }
        #expect(failures.count == 1, "logged once, not on every retry:\n\(failures.joined(separator: "\n"))")

        // Space returns: the file is taken once, its alerts sent once each.
        try FileManager.default.removeItem(atPath: filler)
        #expect(sandbox.wait(seconds: 60) { sandbox.list(sandbox.spool.processed).contains("full.jsonl") })
        #expect(
            sandbox.wait(seconds: 10) { (try? sandbox.status()["totals"] as? [String: Int])??["breached"] == ids.count }
        )
        #expect(service.stop() == 0)
        #expect(service.log.contains("virker igjen"))
        let stored = try Self.storedIDs(sandbox)
        #expect(stored.count == ids.count + 1)
        #expect(Set(ids).isSubset(of: Set(stored)))
        let breaches = service.log.split(separator: "\n").filter {
            $0.contains("kind=breached") && $0.contains("case=\(sandbox.prefix)F1-")
        }
        #expect(breaches.count == ids.count)
        let totals = try #require(try sandbox.status()["totals"] as? [String: Int])
        #expect(totals["breached"] == ids.count)
        // The intake counters after the failed steps: every stored event counted once.
        let metrics = try MetricsTests.file(sandbox)
        #expect(
            MetricsTests.value(metrics, "fristvakt_intake_lines_total", ["result": "applied"]) == Double(stored.count))
    }

    @Test("the wall clock steps back a day: nothing again; forward eleven days: one late alert per clock")
    func clockSteps() throws {
        let sandbox = try ServiceSandbox()
        let step = sandbox.root + "/clock-step"
        let started = Date()
        let service = try sandbox.start(
            now: Self.now, environment: [ServiceClock.stepFileKey: step], wrapper: ServiceSandbox.hideJournal)
        try sandbox.drop(
            "a.jsonl",
            sandbox.events(
                """
                {"id":"@a","type":"referral.received","case":"@A","date":"2026-11-20"}
                {"id":"@b","type":"referral.received","case":"@B","date":"2026-12-01"}

                """))
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        func alerts() -> [Substring] {
            service.log.split(separator: "\n").filter { $0.contains("kind=") && $0.contains("case=\(sandbox.prefix)") }
        }
        #expect(sandbox.wait(seconds: 10) { alerts().count == 1 }, "\(service.log)")
        #expect(alerts().first?.contains("case=\(sandbox.prefix)A ") == true)

        // Back a day: a wake-up (a new file) finds the day of the last run in the future.
        try "-86400".write(toFile: step, atomically: true, encoding: .utf8)
        try sandbox.drop(
            "wake-1.jsonl",
            sandbox.events(#"{"id":"@c","type":"referral.received","case":"@C","date":"2026-12-01"}"# + "\n"))
        // The status file's "today" says the service saw the new clock (its mtime cannot: the
        // kernel stamps files with a coarse clock that may lag `Date()` by a few milliseconds).
        #expect(sandbox.wait { sandbox.isIdle(today: "2026-12-07") }, "\(service.log)")
        Thread.sleep(forTimeInterval: 1)
        #expect(alerts().count == 1, "\(alerts())")

        // Forward eleven days (Saturday 19 Dec): the daily run finds every clock past several thresholds
        // and alerts each once, marked late — B and C breached (due 15 Dec), A's reminder.
        try "950400".write(toFile: step, atomically: true, encoding: .utf8)
        try sandbox.drop(
            "wake-2.jsonl",
            sandbox.events(#"{"id":"@d","type":"incident.occurred","case":"@D","date":"2026-12-19"}"# + "\n"))
        #expect(sandbox.wait { sandbox.isIdle(today: "2026-12-19") }, "\(service.log)")
        #expect(sandbox.wait(seconds: 10) { alerts().count >= 4 }, "\(alerts())")
        Thread.sleep(forTimeInterval: 1)
        #expect(service.stop() == 0)
        let later = Array(alerts().dropFirst())
        #expect(later.count == 3, "\(later)")
        for caseRef in ["A", "B", "C"] {
            let mine = later.filter { $0.contains("case=\(sandbox.prefix)\(caseRef) ") }
            #expect(mine.count == 1, "\(caseRef): \(later)")
            #expect(mine.first?.contains(" late=1 ") == true, "\(mine)")
        }
        #expect(later.contains { $0.contains("case=\(sandbox.prefix)A ") && $0.contains("kind=reminder") })
    }

    @Test("a passing fault (out of file descriptors) leaves the file in incoming/ and it is taken later")
    func passingFault() throws {
        let sandbox = try ServiceSandbox()
        let started = Date()
        let service = try sandbox.start(now: Self.now, wrapper: ServiceSandbox.hideJournal)
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        let pid = service.process.processIdentifier
        // The soft limit at the lowest free descriptor number: the next open fails with EMFILE.
        let open = Set(sandbox.list("/proc/\(pid)/fd").compactMap(Int.init))
        let lowestFree = (0...).first { !open.contains($0) }!
        let prlimit = URL(fileURLWithPath: "/usr/bin/prlimit")
        #expect(try CommandRunner.run(prlimit, ["--pid", "\(pid)", "--nofile=\(lowestFree):"]).status == 0)
        try sandbox.drop("later.jsonl", Self.referrals(0, count: 5, prefix: sandbox.prefix).0)
        Thread.sleep(forTimeInterval: 3)
        #expect(sandbox.list(sandbox.spool.incoming) == ["later.jsonl"], "\(service.log)")
        #expect(sandbox.list(sandbox.spool.rejected).isEmpty)
        #expect(try CommandRunner.run(prlimit, ["--pid", "\(pid)", "--nofile=1024:"]).status == 0)
        #expect(
            sandbox.wait(seconds: 60) { sandbox.list(sandbox.spool.processed) == ["later.jsonl"] }, "\(service.log)")
        #expect(service.stop() == 0)
        #expect(try Self.storedIDs(sandbox).count == 5)
        let failures = service.log.split(separator: "\n").filter { $0.contains("feilet") }
        #expect(failures.count == 1, "\(failures)")
    }

    @Test("a national identity number in a refused line is masked in rejected/, and the database keeps no refused text")
    func privacy() throws {
        let sandbox = try ServiceSandbox()
        let started = Date()
        let service = try sandbox.start(now: Self.now, wrapper: ServiceSandbox.hideJournal)
        try sandbox.drop(
            "p.jsonl",
            sandbox.events(
                """
                {"id":"@1","type":"referral.received","case":"01010150074","date":"2026-12-01"}
                {"id":"@2","type":"referral.received","case":"@OK","date":"2026-12-01"}

                """))
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        #expect(service.stop() == 0)
        let report = try String(contentsOfFile: sandbox.spool.rejectedReport(for: "p.jsonl"), encoding: .utf8)
        #expect(!report.contains("01010150074"))
        #expect(report.contains(#"\"case\":\"*********74\""#))
        #expect(report.contains(#""code": "national-id""#))
        #expect(!service.log.contains("01010150074"))
        let dump = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [sandbox.databasePath, ".dump"])
        #expect(dump.status == 0)
        #expect(!dump.stdout.contains("0101015007"), "the number is not in the database")
        let rejectedText = try CommandRunner.run(
            URL(fileURLWithPath: "/usr/bin/sqlite3"),
            [sandbox.databasePath, "SELECT count(*) FROM intake WHERE rejected IS NOT NULL"])
        #expect(rejectedText.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test("processed/ and rejected/ are pruned after their retention")
    func retention() throws {
        let sandbox = try ServiceSandbox(extraConfiguration: "[retention]\nprocessed_days = 1\nrejected_days = 3\n")
        let formatter = ISO8601DateFormatter()
        func run(daysAhead: Double) throws {
            let started = Date()
            let now = formatter.string(from: Date().addingTimeInterval(daysAhead * 86_400))
            let service = try sandbox.start(now: now, wrapper: ServiceSandbox.hideJournal)
            #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
            #expect(service.stop() == 0)
        }
        try sandbox.drop("good.jsonl", Self.referrals(0, count: 2, prefix: sandbox.prefix, date: "2026-11-02").0)
        try sandbox.drop("bad.jsonl", "not json\n")
        try run(daysAhead: 0)
        #expect(sandbox.list(sandbox.spool.processed) == ["bad.jsonl", "good.jsonl"])
        #expect(sandbox.list(sandbox.spool.rejected) == ["bad.jsonl.rejected.jsonl"])
        try run(daysAhead: 2)
        #expect(sandbox.list(sandbox.spool.processed).isEmpty)
        #expect(sandbox.list(sandbox.spool.rejected) == ["bad.jsonl.rejected.jsonl"])
        try run(daysAhead: 4)
        #expect(sandbox.list(sandbox.spool.rejected).isEmpty)
    }

    @Test("without the time zone database the service and the commands stop with a clear error, not a crash")
    func missingTimeZoneDatabase() throws {
        let sandbox = try ServiceSandbox()
        let service = try sandbox.start(now: Self.now, wrapper: ServiceSandbox.hiding("/usr/share/zoneinfo"))
        service.process.waitUntilExit()
        #expect(service.process.terminationStatus == 1, "\(service.log)")
        #expect(service.log.contains("finnes ikke i tidssonedatabasen"), "\(service.log)")
        #expect(!service.log.contains("crashed"), "\(service.log)")
    }
}
