import Foundation
import FristService
import Glibc

/// A private place for one `fristvakt run`: a temporary folder holding the config file, the
/// spool, the database and the status file; and a case prefix unique to this sandbox, so alerts
/// read back from the shared journal belong to this test alone.
final class ServiceSandbox {
    let root: String
    let prefix: String
    let configPath: String

    /// Whether the config names a metrics file (`metricsPath`, in a folder of its own).
    var writesMetrics: Bool
    /// Whether the config names a report page (`reportPath`, beside the status file).
    let writesReport: Bool

    convenience init(extraConfiguration: String = "", metrics: Bool = false, report: Bool = false) throws {
        try self.init(
            token: UUID().uuidString.prefix(8).lowercased(), extraConfiguration: extraConfiguration, metrics: metrics,
            report: report)
    }

    private init(token: String, extraConfiguration: String, metrics: Bool, report: Bool) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("fristvakt-test-\(token)").path
        prefix = "T\(token)"
        configPath = root + "/fristvakt.toml"
        writesMetrics = metrics
        writesReport = report
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try rewriteConfiguration(extraConfiguration)
        try spool.prepare()
    }

    /// Writes the config file: `extra` and this sandbox's paths.
    func rewriteConfiguration(_ extra: String) throws {
        try """
        \(extra)
        [paths]
        spool = "\(root)/spool"
        state = "\(root)/state"
        status = "\(root)/state/status.json"
        \(writesMetrics ? "metrics = \"\(metricsPath)\"" : "")
        \(writesReport ? "report = \"\(reportPath)\"" : "")
        """.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// node_exporter's textfile folder in this sandbox, and the metrics file in it.
    var textfileFolder: String { root + "/textfile" }
    var metricsPath: String { textfileFolder + "/fristvakt.prom" }
    var reportPath: String { root + "/state/rapport.html" }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var spool: SpoolDirectory { SpoolDirectory(root: root + "/spool") }
    var statusPath: String { root + "/state/status.json" }
    var databasePath: String { root + "/state/fristvakt.sqlite" }

    /// Starts `fristvakt run --config …` with the wall clock set to `now`. A status file left by
    /// an earlier run is removed first: `waitUntilIdle(since:)` allows the file's time stamp to lag
    /// the clock by 20 ms, and a file the earlier run wrote just before it stopped would otherwise
    /// pass for this run's.
    func start(now: String, environment: [String: String] = [:], wrapper: [String] = []) throws -> ServiceProcess {
        if unlink(statusPath) != 0 && errno != ENOENT { throw TestFailure("unlink \(statusPath): errno \(errno)") }
        return try ServiceProcess(
            arguments: ["run", "--config", configPath],
            environment: environment.merging([ServiceClock.environmentKey: now]) { $1 }, wrapper: wrapper,
            logPath: root + "/service-\(UUID().uuidString.prefix(6)).log")
    }

    /// A wrapper that runs the service in a private mount namespace where journald's socket is
    /// hidden, so its alerts and logs go to stderr (the service's log file) as logfmt.
    static let hideJournal = hiding("/run/systemd/journal")

    /// A wrapper that runs the service with an empty tmpfs over `folder`, in a private mount
    /// namespace (this process alone sees it).
    static func hiding(_ folder: String) -> [String] {
        ["/usr/bin/unshare", "-m", "/bin/sh", "-c", "mount -t tmpfs tmpfs \(folder) && exec \"$0\" \"$@\""]
    }

    /// Event lines with `@` replaced by this sandbox's prefix (case refs and ids).
    func events(_ template: String) -> String {
        template.replacingOccurrences(of: "@", with: prefix)
    }

    /// Puts a file into `incoming/` the maildir way, as an integrator would.
    func drop(_ name: String, _ text: String) throws {
        let temporary = spool.tmp + "/" + name
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, spool.incoming + "/" + name) == 0 else { throw TestFailure("rename \(name)") }
    }

    func list(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// Waits until `condition` holds (checked every 50 ms) or `seconds` pass; returns whether it held.
    @discardableResult
    func wait(seconds: Double = 30, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }

    /// Waits until `incoming/` is empty and a status file newer than `since` exists.
    @discardableResult
    func waitUntilIdle(since: Date, seconds: Double = 60) -> Bool {
        wait(seconds: seconds) {
            guard list(spool.incoming).filter({ $0.hasSuffix(".jsonl") }).isEmpty,
                let attributes = try? FileManager.default.attributesOfItem(atPath: statusPath),
                let modified = attributes[.modificationDate] as? Date
            else { return false }
            // The kernel stamps files with a coarse clock that can lag `Date()` by a few ms.
            return modified >= since.addingTimeInterval(-0.02)
        }
    }

    /// Whether `incoming/` is empty and the status file is that of `today`.
    func isIdle(today: String) -> Bool {
        list(spool.incoming).filter { $0.hasSuffix(".jsonl") }.isEmpty && (try? status()["today"] as? String) == today
    }

    /// The status file as JSON.
    func status() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: statusPath))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}

/// A running `fristvakt run`, its stderr in a file.
final class ServiceProcess {
    let process = Process()
    let logPath: String

    init(arguments: [String], environment: [String: String], wrapper: [String], logPath: String) throws {
        self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        if let program = wrapper.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(wrapper.dropFirst()) + [CommandRunner.executable.path] + arguments
        } else {
            process.executableURL = CommandRunner.executable
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// SIGTERM, then waits; returns the exit status.
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL: a crash at whatever instant the process is in.
    func crash() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// What the process wrote to stdout and stderr.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}
