import Foundation

/// Why the work loop should wake, kept as a set so that no request is ever dropped: a burst of
/// spool events collapses into one, but a shutdown or a reload posted at any moment (during
/// start-up, in the middle of a backlog) stays until the loop takes it. A one-slot doorbell wakes
/// the loop; the set, not the doorbell, says what to do.
final class WakeRequests: @unchecked Sendable {
    /// A reason to wake.
    enum Reason: Hashable, Sendable {
        /// A file arrived in `incoming/`, or a backlog waits.
        case spool
        /// The time of something scheduled came.
        case timer
        /// SIGHUP.
        case reload
        /// SIGTERM or SIGINT.
        case shutdown
    }

    private let lock = NSLock()
    private var pending: Set<Reason> = []
    private let doorbell: AsyncStream<Void>.Continuation
    /// Rings once for any number of posts since the loop last looked.
    let rings: AsyncStream<Void>

    init() {
        (rings, doorbell) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Adds a request and rings. Safe from any thread.
    func post(_ reason: Reason) {
        lock.withLock { _ = pending.insert(reason) }
        doorbell.yield()
    }

    /// Wakes the loop without a request (time for a watchdog ping only).
    func ring() {
        doorbell.yield()
    }

    /// Whether a shutdown was asked for (checked between files of a backlog).
    var isShutdownRequested: Bool { lock.withLock { pending.contains(.shutdown) } }

    /// Takes one pending request, most important first: shutdown, then reload, then work. The
    /// others stay pending.
    func takeMostImportant() -> Reason? {
        lock.withLock {
            for reason in [Reason.shutdown, .reload, .spool, .timer] where pending.contains(reason) {
                if reason == .spool || reason == .timer {
                    // One step serves both.
                    pending.remove(.spool)
                    pending.remove(.timer)
                } else {
                    pending.remove(reason)
                }
                return reason
            }
            return nil
        }
    }
}
