import Foundation
import FristStorage
import Logging

/// The commit side of one step's intake: each prepared spool file is committed on the commit
/// queue while the work thread prepares the next, one commit at a time and in order. A backlog
/// (a second file in the same step) is told to the store, so it may defer its housekeeping to
/// after the step's last commit (`StateStorage.backlogBegan`).
struct IntakePipeline {
    private let queue: DispatchQueue
    private let store: any StateStorage
    private let spool: SpoolDirectory
    private let logger: Logger
    private var inFlight: InFlightCommit<SpoolIntake.Prepared>?
    private var handedOver = 0

    init(queue: DispatchQueue, store: any StateStorage, spool: SpoolDirectory, logger: Logger) {
        self.queue = queue
        self.store = store
        self.spool = spool
        self.logger = logger
    }

    /// Whether a commit is running.
    var isCommitting: Bool { inFlight != nil }

    /// Waits until the file before is in the database, then hands this one to the commit queue.
    mutating func commit(_ prepared: SpoolIntake.Prepared) throws {
        try waitForCommit()
        let (spool, store, logger) = (spool, store, logger)
        handedOver += 1
        if handedOver == 2 { queue.async { try? store.backlogBegan() } }
        inFlight = InFlightCommit(on: queue, committing: prepared) { prepared in
            try SpoolIntake.commit(prepared, spool: spool, store: store, logger: logger)
        }
    }

    /// Waits for the running commit, if any; throws its failure.
    mutating func waitForCommit() throws {
        defer { inFlight = nil }
        try inFlight?.wait()
    }

    /// Ends a backlog: the store's deferred housekeeping is queued after the last commit. A
    /// failure there is only late work: the next backlog's end does it.
    mutating func endBacklog() {
        guard handedOver > 1 else { return }
        handedOver = 0
        let store = store
        queue.async { try? store.backlogEnded() }
    }
}
