import Foundation
import Glibc
public import Logging
public import ServiceLifecycle
import UnixSignals

/// `fristvakt run` as a swift-service-lifecycle service: one work loop that does a step, then
/// sleeps until the next thing can change — a file in the spool (inotify), SIGHUP, the next daily
/// run or pending status write (a timer), the next watchdog ping, or a shutdown request. Nothing
/// polls while idle. The loop tells systemd READY, STATUS, WATCHDOG, RELOADING and STOPPING.
public struct FristvaktService: Service {
    /// Why the loop woke.
    enum Wake: Sendable {
        case spool
        case timer
        case reload
        case shutdown
    }

    private let setup: DeadlineWatch.Setup
    private let logger: Logger
    private let notifier = SystemdNotifier()
    /// The longest sleep: a wall-clock step (NTP, a suspended VM) is noticed within this.
    static let longestSleep: TimeInterval = 15 * 60
    /// Test hook: while the file this names exists, the work loop is stuck (it proves that a hung
    /// loop stops the watchdog pings). Unset in production.
    public static let stallHookKey = "FRISTVAKT_TEST_STALL_FILE"

    /// A service with its setup.
    public init(setup: DeadlineWatch.Setup, logger: Logger) {
        self.setup = setup
        self.logger = logger
    }

    /// Runs until a graceful shutdown (SIGTERM, SIGINT).
    public func run() async throws {
        let (wakes, continuation) = AsyncStream.makeStream(of: Wake.self, bufferingPolicy: .bufferingNewest(8))
        let watch = try DeadlineWatch(setup: setup, logger: logger)
        let watcher = try SpoolWatcher(folder: SpoolDirectory(root: setup.paths.spool).incoming) {
            continuation.yield(.spool)
        }
        defer { watcher.stop() }
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let signalTask = Task {
            for await _ in hangups { continuation.yield(.reload) }
        }
        defer { signalTask.cancel() }
        if setup.journal.destination == .standardError {
            logger.notice("Ingen journal-socket (\(Journal.socketPath)): varsler skrives som logfmt-linjer på stderr")
        }
        let stallFile = setup.source.environment[Self.stallHookKey]
        watch.step()
        notifier.ready(status: watch.summary)
        logger.info(
            "fristvakt kjører",
            metadata: [
                "spool": "\(setup.paths.spool)", "state": "\(setup.paths.state)",
                "status": "\(setup.paths.status)",
            ])
        await withGracefulShutdownHandler {
            var iterator = wakes.makeAsyncIterator()
            var reported = watch.summary
            while true {
                notifier.watchdog()
                if watch.summary != reported {
                    reported = watch.summary
                    notifier.status(reported)
                }
                var delay = min(max(watch.nextWake().timeIntervalSince(setup.clock.now()), 0), Self.longestSleep)
                if let interval = notifier.watchdogInterval { delay = min(delay, interval) }
                let timer = Task {
                    try? await Task.sleep(for: .milliseconds(Int64(delay * 1000) + 1))
                    if !Task.isCancelled { continuation.yield(.timer) }
                }
                let wake = await iterator.next()
                timer.cancel()
                while let stallFile, FileManager.default.fileExists(atPath: stallFile) {
                    usleep(50_000)  // deliberately blocking: this simulates a hung loop
                }
                switch wake {
                case nil, .shutdown:
                    return
                case .reload:
                    notifier.reloading()
                    watch.reload()
                    notifier.ready(status: watch.summary)
                case .spool, .timer:
                    watch.step()
                }
            }
        } onGracefulShutdown: {
            continuation.yield(.shutdown)
        }
        notifier.stopping()
        watch.flush()
        logger.info("fristvakt stoppet")
    }
}
