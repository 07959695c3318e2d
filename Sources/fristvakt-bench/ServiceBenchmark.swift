import ArgumentParser
import Foundation
import FristCalendar
import FristFormats
import FristSQLite
import FristService
import FristTesting
import Logging

/// The service shell: events per second taken durably from the spool, time to restart with a
/// million open clocks, and CPU used while idle.
struct ServiceBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "service")

    @Option(help: "Events per spool file (one transaction each).") var perFile = 10_000
    @Option(help: "Referral cases in the restart state (one open clock each).") var openClocks = 1_000_000
    @Option(help: "Seconds to watch the idle service.") var idleSeconds = 10
    @Option(help: "A scratch folder (removed afterwards unless --keep).") var scratch = "/tmp/fristvakt-bench-service"
    @Flag(help: "Keep the scratch folder (its state and config) for profiling.") var keep = false
    @Flag(help: "Measure intake only (no restart, cold fold or idle run).") var intakeOnly = false
    @Option(
        help: ArgumentHelp(
            "Rounds of state read, restart and cold fold, each printed: on a shared machine one round says little.",
            discussion: "A round after the first restarts on the state the one before left (its daily run done)."))
    var rounds = 1
    @Flag(
        name: .customLong("uuid-ids"),
        help: "Event ids and case references as 36-character UUIDs, as many hospital systems send them.")
    var uuidIDs = false
    @Option(
        help: ArgumentHelp(
            "An event file to take instead of the generated mix, cut into spool files of --per-file lines.",
            discussion: "The realistic year: python3 bench/realistic-mix.py > events.jsonl (dated up to 2026-11-30)."))
    var events: String?

    static let now = "2026-12-01T08:00:00+01:00"

    func run() throws {
        try? FileManager.default.removeItem(atPath: scratch)
        let paths = ServicePaths(spool: scratch + "/spool", state: scratch + "/state", status: scratch + "/status.json")
        let setup = DeadlineWatch.Setup(
            configuration: Configuration(), paths: paths,
            clock: try ServiceClock(environment: [ServiceClock.environmentKey: Self.now]),
            journal: Journal(destination: .standardError), source: .init(configurationPath: nil, environment: [:]))
        let logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        let spool = SpoolDirectory(root: paths.spool)
        try spool.prepare()

        // Intake: every case one referral received in the last few days (open, nothing due yet),
        // and 30 % assessed with a right and a frist well ahead.
        let files = try events.map { try cutSpool(spool, from: $0) } ?? writeSpool(spool, cases: openClocks)
        // The spool files on disk before the clock starts: their writeback is the producer's
        // cost, and on two cores it would compete with intake's two threads.
        sync()
        let (intake, cpu): (Double, Double)
        do {
            let cpuBefore = Measurement.cpuSeconds()
            // The watch is returned so that its deallocation is not timed as intake; it is
            // released at the end of this block, before the restart is measured, so the peak RSS
            // below is the larger of intake and restart, not the two engines together.
            let (watch, seconds) = try Measurement.time { () throws -> DeadlineWatch in
                let watch = try DeadlineWatch(setup: setup, logger: logger)
                // The service takes a backlog in one-second steps; so does the benchmark.
                repeat { watch.step() } while watch.hasBacklog
                return watch
            }
            // CPU time is steadier than wall time on a shared machine, and shows how busy the two
            // threads kept both cores.
            (intake, cpu) = (seconds, Measurement.cpuSeconds() - cpuBefore)
            withExtendedLifetime(watch) {}
        }
        let events = try SQLiteStorage(path: paths.database).eventCount()
        print("intake: \(events) events in \(files) files of \(perFile) lines")
        print("  \(String(format: "%.2f", intake)) s, \(Measurement.rate(events, intake)) accepted durably")
        print("  CPU \(String(format: "%.2f", cpu)) s (\(String(format: "%.2f", cpu / intake)) cores busy on average)")
        if intakeOnly {
            if !keep { try? FileManager.default.removeItem(atPath: scratch) }
            return
        }

        let today = try CalendarDate(parsing: "2026-12-01")
        if self.events == nil {
            print("restart with \(openClocks) open vurderingsfrist clocks + \(events - openClocks) frist-helsehjelp:")
        } else {
            print("restart on the state of \(self.events!):")
        }
        for round in 1...max(rounds, 1) {
            if rounds > 1 { print("  round \(round):") }
            try measureRestart(setup: setup, paths: paths, today: today, logger: logger)
        }
        print("  peak RSS of this process \(String(format: "%.0f", Measurement.peakResidentMiB())) MiB")

        try measureIdle(paths: paths)
        if !keep { try? FileManager.default.removeItem(atPath: scratch) }
    }

    /// One round: the state read alone, the whole restart, and the cold fold it replaces, in that
    /// order on the same database; the ratios compare figures of the same round.
    private func measureRestart(
        setup: DeadlineWatch.Setup, paths: ServicePaths, today: CalendarDate, logger: Logger
    ) throws {
        // The state read alone, as the service reads it (every case judged and counted as it is
        // added): what the persisted state replaces the cold fold with.
        let (_, stateRead) = try Measurement.time { () throws -> Void in
            _ = try EngineRebuild.load(
                store: try SQLiteStorage(path: paths.database), configuration: setup.configuration.engine, today: today,
                statusIncludingRunning: setup.configuration.statusIncludesRunning, logger: logger)
        }
        // Restart: open the state again, judge every case and write the status (the first step).
        var firstStep = 0.0
        let (_, restart) = try Measurement.time { () throws -> Void in
            let watch = try DeadlineWatch(setup: setup, logger: logger)
            firstStep = Measurement.time { watch.step() }.1
        }
        // The cold fold the persisted state replaces: every stored event decoded and folded, and
        // the alert log read back (what a start does when the state's fingerprint differs).
        let (_, coldFold) = try Measurement.time { () throws -> Void in
            _ = try EngineRebuild.replay(
                store: try SQLiteStorage(path: paths.database), configuration: setup.configuration.engine,
                today: today, logger: logger)
        }
        print("  cold fold of the events (decode, fold, alert log): \(String(format: "%.2f", coldFold)) s")
        print(
            "  persisted state read into the engine instead: \(String(format: "%.2f", stateRead)) s "
                + "(\(String(format: "%.1f", coldFold / stateRead))× faster than the cold fold)")
        print(
            "  whole restart (state read, every case judged, status written): \(String(format: "%.2f", restart)) s "
                + "(\(String(format: "%.1f", coldFold / restart))× the cold fold alone)")
        print(
            "    of which its first step (the cases judged, the status written): \(String(format: "%.2f", firstStep)) s"
        )
    }

    /// `path`'s lines as spool files of `perFile` lines each, in order.
    private func cutSpool(_ spool: SpoolDirectory, from path: String) throws -> Int {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        var files = 0
        for start in stride(from: 0, to: lines.count, by: perFile) {
            let name = spool.incoming + String(format: "/bench-%05d.jsonl", files)
            try (lines[start..<min(start + perFile, lines.count)].joined(separator: "\n") + "\n")
                .write(toFile: name, atomically: true, encoding: .utf8)
            files += 1
        }
        return files
    }

    private func writeSpool(_ spool: SpoolDirectory, cases: Int) throws -> Int {
        var generator = SeededGenerator(seed: 11)
        var lines: [String] = []
        var files = 0
        func flush() throws {
            guard !lines.isEmpty else { return }
            let path = spool.incoming + String(format: "/bench-%05d.jsonl", files)
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            lines.removeAll(keepingCapacity: true)
            files += 1
        }
        // Short ids fit in a String's 15 inline bytes; UUIDs are stored out of line.
        var names = SeededGenerator(seed: 12)
        func reference(_ prefix: String, _ index: Int) -> String {
            guard uuidIDs else { return "\(prefix)\(index)" }
            let (high, low) = (names.next(), names.next())
            return String(
                format: "%08x-%04x-%04x-%04x-%012llx", UInt32(high >> 32), UInt16(truncatingIfNeeded: high >> 16),
                UInt16(truncatingIfNeeded: high), UInt16(truncatingIfNeeded: low >> 48), low & 0xFFFF_FFFF_FFFF)
        }
        for index in 0..<cases {
            let day = 26 + Int.random(in: 0...4, using: &generator)
            let received = day <= 30 ? "2026-11-\(day)" : "2026-12-01"
            let caseRef = reference("H-", index)
            lines.append(
                #"{"id":"\#(reference("r", index))","type":"referral.received","case":"\#(caseRef)","date":"\#(received)","unit":"U\#(index % 40)"}"#
            )
            if index % 10 < 3 {
                lines.append(
                    #"{"id":"\#(reference("a", index))","type":"referral.assessed","case":"\#(caseRef)","date":"2026-12-01","outcome":"right","frist":"2027-03-01"}"#
                )
            }
            if lines.count >= perFile { try flush() }
        }
        try flush()
        return files
    }

    /// Starts the real `fristvakt run` on the state just built and reads its CPU time from
    /// /proc over `idleSeconds` once it is idle.
    private func measureIdle(paths: ServicePaths) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("fristvakt")
        let config = scratch + "/fristvakt.toml"
        try """
        [paths]
        spool = "\(paths.spool)"
        state = "\(paths.state)"
        status = "\(paths.status)"
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["run", "--config", config]
        process.environment = ProcessInfo.processInfo.environment.merging([ServiceClock.environmentKey: Self.now]) {
            $1
        }
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        // The manager's end of sd_notify: READY=1 comes once the state is loaded and every case
        // judged, as systemd would see it.
        let manager = try ManagerSocket(directory: scratch)
        process.environment?["NOTIFY_SOCKET"] = manager.path
        let started = ContinuousClock.now
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        while manager.messages(with: "READY=1").isEmpty {
            guard process.isRunning else { throw ValidationError("fristvakt run exited before READY=1") }
            Thread.sleep(forTimeInterval: 0.001)
        }
        let ready = (manager.messages(with: "READY=1")[0].time - started) / .seconds(1)
        print("fristvakt run on the same state (the real binary, as systemd starts it):")
        print("  READY=1 after \(String(format: "%.2f", ready)) s (state read, every case judged, status written)")
        Thread.sleep(forTimeInterval: 2)
        let before = Measurement.cpuSeconds(of: process.processIdentifier)
        Thread.sleep(forTimeInterval: Double(idleSeconds))
        let after = Measurement.cpuSeconds(of: process.processIdentifier)
        let used = after - before
        print(
            "  idle: \(String(format: "%.3f", used)) s CPU in \(idleSeconds) s "
                + "(\(String(format: "%.3f", 100 * used / Double(idleSeconds))) %), RSS \(String(format: "%.0f", Measurement.residentMiB(of: process.processIdentifier))) MiB"
        )
        // The first file after a start builds the store's key index of every case and event id
        // (SQLite): what it costs, in the real process.
        let incoming = paths.spool + "/incoming"
        try #"{"id":"after-start-1","type":"referral.received","case":"H-after-start","date":"2026-11-30"}"#
            .appending("\n").write(toFile: incoming + "/.first.tmp", atomically: false, encoding: .utf8)
        let dropped = ContinuousClock.now
        guard rename(incoming + "/.first.tmp", incoming + "/first.jsonl") == 0 else {
            throw ValidationError("could not drop a file into \(incoming)")
        }
        while FileManager.default.fileExists(atPath: incoming + "/first.jsonl") {
            guard process.isRunning else { throw ValidationError("fristvakt run exited taking a file") }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let taken = (ContinuousClock.now - dropped) / .seconds(1)
        Thread.sleep(forTimeInterval: 1)
        print(
            "  the first file after the start taken in \(String(format: "%.2f", taken)) s, "
                + "RSS then \(String(format: "%.0f", Measurement.residentMiB(of: process.processIdentifier))) MiB")
    }
}
