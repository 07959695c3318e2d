import Foundation

/// A thread of its own for blocking work (SQLite with `synchronous=FULL`, fsync, the start-up
/// replay). Swift's cooperative pool has one thread per core — two on a small VM — and a blocked
/// pool thread stalls every task, signal handling and watchdog pings included. Jobs run one at a
/// time, in order; `run` suspends the calling task without blocking a pool thread. The thread
/// lives as long as the process (the service has one).
final class WorkThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var thread: Thread?

    init(name: String) {
        let thread = Thread { [condition] in
            while true {
                condition.lock()
                while self.jobs.isEmpty { condition.wait() }
                let job = self.jobs.removeFirst()
                condition.unlock()
                job()
            }
        }
        thread.name = name
        self.thread = thread
        thread.start()
    }

    /// Runs `body` on the work thread and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            enqueue { continuation.resume(with: Result { try body() }) }
        }
    }

    private func enqueue(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }
}
