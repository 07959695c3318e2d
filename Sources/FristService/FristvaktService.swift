import Foundation
import Glibc
public import Logging
public import ServiceLifecycle
import UnixSignals

/// `fristvakt run` as a swift-service-lifecycle service: one work loop that does a step, then
/// sleeps until the next thing can change — a file in the spool (inotify), SIGHUP, the next daily
/// run or pending status write (a timer), the next watchdog ping, or a shutdown request. Nothing
/// polls while idle. The loop tells systemd READY, STATUS, WATCHDOG, RELOADING and STOPPING.
///
/// The blocking work runs on a thread of its own (`WorkThread`), in steps bounded in time: between
/// two steps the loop pings the watchdog and takes shutdown and reload requests, so a backlog of
/// hundreds of files neither trips `WatchdogSec` nor delays a SIGTERM by more than one step.
public struct FristvaktService: Service {
    private let setup: DeadlineWatch.Setup
    private let logger: Logger
    private let notifier = SystemdNotifier()
    /// The longest sleep: a wall-clock step (NTP, a suspended VM) is noticed within this.
    static let longestSleep: TimeInterval = 15 * 60
    /// The longest step: a backlog is taken in steps of about this much work. Each step ends with
    /// work that does not shrink with the files it took (docs/operations.md, the work loop).
    public static let longestStep: Duration = .seconds(3)
    /// Test hook: while the file this names exists, the work loop is stuck (it proves that a hung
    /// loop stops the watchdog pings). Unset in production.
    public static let stallHookKey = "FRISTVAKT_TEST_STALL_FILE"

    /// A service with its setup.
    public init(setup: DeadlineWatch.Setup, logger: Logger) {
        self.setup = setup
        self.logger = logger
    }

    /// The watch, touched only on the work thread.
    private final class WatchBox: @unchecked Sendable {
        var watch: DeadlineWatch?
    }

    /// Runs until a graceful shutdown (SIGTERM, SIGINT).
    public func run() async throws {
        let requests = WakeRequests()
        // Trapped before the state loads: a SIGHUP during start-up must not end the process (the
        // default action); it is kept and served once the service is up.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let signalTask = Task {
            for await _ in hangups { requests.post(.reload) }
        }
        defer { signalTask.cancel() }
        try await withGracefulShutdownHandler {
            try await work(requests)
        } onGracefulShutdown: {
            requests.post(.shutdown)
        }
    }

    private func work(_ requests: WakeRequests) async throws {
        let worker = WorkThread(name: "fristvakt-work")
        let box = WatchBox()
        let (setup, logger) = (self.setup, self.logger)
        try await worker.run { box.watch = try DeadlineWatch(setup: setup, logger: logger) }
        let watcher = try SpoolWatcher(folder: SpoolDirectory(root: setup.paths.spool).incoming) {
            requests.post(.spool)
        }
        defer { watcher.stop() }
        if setup.journal.writesLogfmtLines {
            logger.notice("Ingen journal-socket (\(Journal.socketPath)): varsler skrives som logfmt-linjer på stderr")
        }
        var budget = Self.longestStep
        if let interval = notifier.watchdogInterval { budget = min(budget, .seconds(interval / 2)) }
        let step: @Sendable () throws -> (summary: String, wake: Date, backlog: Bool) = { [budget] in
            let watch = box.watch!
            try watch.checkClock()
            watch.step(budget: budget) { requests.isShutdownRequested }
            return (watch.summary, watch.nextWake(), watch.hasBacklog)
        }
        var (reported, wake, backlog) = try await worker.run(step)
        notifier.ready(status: reported)
        logger.info(
            "fristvakt kjører",
            metadata: [
                "spool": "\(setup.paths.spool)", "state": "\(setup.paths.state)",
                "status": "\(setup.paths.status)",
            ])
        let stallFile = setup.source.environment[Self.stallHookKey]
        var rings = requests.rings.makeAsyncIterator()
        loop: while true {
            notifier.watchdog()
            if backlog { requests.post(.spool) }
            guard let reason = requests.takeMostImportant() else {
                await sleep(until: wake, rings: &rings, requests: requests)
                while let stallFile, FileManager.default.fileExists(atPath: stallFile) {
                    usleep(50_000)  // deliberately blocking: this simulates a hung loop
                }
                continue
            }
            let summary: String
            switch reason {
            case .shutdown:
                break loop
            case .reload:
                notifier.reloading()
                (summary, wake, backlog) = try await worker.run {
                    try box.watch!.checkClock()
                    box.watch!.reload()
                    return (box.watch!.summary, box.watch!.nextWake(), box.watch!.hasBacklog)
                }
                notifier.ready(status: summary)
            case .spool, .timer:
                (summary, wake, backlog) = try await worker.run(step)
            }
            if summary != reported {
                reported = summary
                notifier.status(reported)
            }
        }
        notifier.stopping()
        try await worker.run { box.watch!.flush() }
        logger.info("fristvakt stoppet")
    }

    /// Sleeps until a request rings, `wake` comes, or the next watchdog ping is due.
    private func sleep(
        until wake: Date, rings: inout AsyncStream<Void>.Iterator, requests: WakeRequests
    ) async {
        let untilWake = min(max(wake.timeIntervalSince(setup.clock.now()), 0), Self.longestSleep)
        let delay = min(untilWake, notifier.watchdogInterval ?? untilWake)
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int64(delay * 1000) + 1))
            guard !Task.isCancelled else { return }
            // Only a ping is due while the wake time has not come: no step for that.
            if delay < untilWake { requests.ring() } else { requests.post(.timer) }
        }
        _ = await rings.next()
        timer.cancel()
    }
}
