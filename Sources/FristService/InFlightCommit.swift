import Dispatch

/// One spool file's commit running on the intake's commit queue while the work thread prepares
/// the next file. The work thread waits for it before it hands over the next commit (so the
/// database takes the files in order, and a failure stops the line), and before it does anything
/// else with the database or trusts the engine.
///
/// What was committed (the file's prepared events and case states) is freed on the work thread,
/// in `wait`, not on the commit queue: in a backlog the commit queue sets the pace, and freeing
/// a file's events there (a string per event) was about a tenth of its samples.
final class InFlightCommit<Payload: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once on the queue before `done` is signalled; read only after the wait.
    private var failure: (any Error)?
    /// Set before the commit starts, read by it, and let go of by `wait` after it has ended.
    private var payload: Payload?

    /// Starts `work` on `queue` with `payload`.
    init(on queue: DispatchQueue, committing payload: Payload, _ work: @escaping @Sendable (Payload) throws -> Void) {
        self.payload = payload
        queue.async { [self] in
            run(work)
            done.signal()
        }
    }

    /// The commit, in a function of its own: any reference it took to the payload is gone when it
    /// returns, before `done` is signalled.
    private func run(_ work: (Payload) throws -> Void) {
        guard let payload else { return }
        do {
            try work(payload)
        } catch {
            failure = error
        }
    }

    /// Waits until the commit has ended, frees what it committed on this thread, and rethrows
    /// its error. Call it once.
    func wait() throws {
        done.wait()
        payload = nil
        if let failure { throw failure }
    }
}
