import Dispatch

/// One spool file's commit running on the intake's commit queue while the work thread prepares
/// the next file. The work thread waits for it before it hands over the next commit (so the
/// database takes the files in order, and a failure stops the line), and before it does anything
/// else with the database or trusts the engine.
final class InFlightCommit: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once on the queue before `done` is signalled; read only after the wait.
    private var failure: (any Error)?

    /// Starts `work` on `queue`.
    init(on queue: DispatchQueue, _ work: @escaping @Sendable () throws -> Void) {
        queue.async { [self] in
            do {
                try work()
            } catch {
                failure = error
            }
            done.signal()
        }
    }

    /// Waits until the commit has ended; rethrows its error. Call it once.
    func wait() throws {
        done.wait()
        if let failure { throw failure }
    }
}
