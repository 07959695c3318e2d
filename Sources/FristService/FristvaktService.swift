import Foundation
public import Logging
public import ServiceLifecycle

/// `fristvakt run` as a swift-service-lifecycle service: one loop that does a step, then sleeps
/// until the next thing can change — a file in the spool (inotify), the next daily run or
/// pending status write (a timer), or a shutdown request. Nothing polls while idle.
public struct FristvaktService: Service {
    /// Why the loop woke.
    enum Wake: Sendable {
        case spool
        case timer
        case shutdown
    }

    private let setup: DeadlineWatch.Setup
    private let logger: Logger
    /// The longest sleep: a wall-clock step (NTP, a suspended VM) is noticed within this.
    static let longestSleep: TimeInterval = 15 * 60

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
        if setup.journal.destination == .standardError {
            logger.notice("Ingen journal-socket (\(Journal.socketPath)): varsler skrives som logfmt-linjer på stderr")
        }
        logger.info(
            "fristvakt kjører",
            metadata: [
                "spool": "\(setup.paths.spool)", "state": "\(setup.paths.state)",
                "status": "\(setup.paths.status)",
            ])
        await withGracefulShutdownHandler {
            var iterator = wakes.makeAsyncIterator()
            while true {
                watch.step()
                let delay = min(max(watch.nextWake().timeIntervalSince(setup.clock.now()), 0), Self.longestSleep)
                let timer = Task {
                    try? await Task.sleep(for: .milliseconds(Int64(delay * 1000) + 1))
                    if !Task.isCancelled { continuation.yield(.timer) }
                }
                let wake = await iterator.next()
                timer.cancel()
                if wake == nil || wake == .shutdown { break }
            }
        } onGracefulShutdown: {
            continuation.yield(.shutdown)
        }
        watch.flush()
        logger.info("fristvakt stoppet")
    }
}
