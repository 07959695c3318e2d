import FristEngine
import FristFormats
import FristStorage
import Logging

/// This node's part in a cluster on a shared database (docs/operations.md): the lease claimed at
/// every step, the role that gives, and the sending of logged alerts under the leader's term.
/// Every node takes its own spool in and logs the alerts its engine decides; only the leader runs
/// the daily run and sends, in batches each begun under its term, so a node whose term has been
/// superseded sends nothing more.
struct ClusterRole {
    /// The most alerts sent under one check of the term.
    static let batchSize = 64

    let lease: any LeaderLease
    let settings: ClusterSettings
    /// The role, term and leader as last seen, for the status file and the metrics.
    private(set) var status: ClusterStatus

    init(lease: any LeaderLease, settings: ClusterSettings) {
        self.lease = lease
        self.settings = settings
        status = ClusterStatus(node: lease.node, role: .standby, term: 0, leader: nil, leaseAge: 0, leaderChanges: 0)
    }

    /// Whether this node held the lease at its last claim.
    var isLeader: Bool { status.role == .leader }

    /// Renews or takes the lease and logs a change of role or leader. A claim that fails makes
    /// this node a standby at once (it cannot send without the database anyway), and throws.
    mutating func claim(logger: Logger) throws {
        let state: LeaseState
        do {
            state = try lease.claim()
        } catch {
            if isLeader {
                logger.error(
                    "Ledelsen kunne ikke fornyes; noden sender ingen varsler før den har den igjen",
                    metadata: ["node": "\(status.node)", "term": "\(status.term)", "reason": "\(error)"])
            }
            status.role = .standby
            throw error
        }
        let role: ClusterStatus.Role = state.isHolder ? .leader : .standby
        if status.term != 0, state.term != status.term { status.leaderChanges += 1 }
        if role != status.role || state.holder != status.leader {
            let message =
                role == .leader ? "Denne noden er nå leder og sender varslene" : "Denne noden er reserve"
            logger.notice(
                "\(message)",
                metadata: ["node": "\(status.node)", "term": "\(state.term)", "leader": "\(state.holder ?? "")"])
        }
        status.role = role
        status.term = state.term
        status.leader = state.holder
        status.leaseAge = state.age
    }

    /// Sends every logged alert no node has sent yet, oldest first, in batches each begun under
    /// this node's term; stops as soon as the lease says the term is over. Returns how many
    /// were sent.
    @discardableResult
    mutating func sendUnsent(store: any StateStorage, dispatch: AlertDispatch, logger: Logger) throws -> Int {
        guard isLeader else { return 0 }
        let unsent = try store.unsentAlerts().map(\.alert)
        var sent = 0
        for start in stride(from: 0, to: unsent.count, by: Self.batchSize) {
            let batch = Array(unsent[start..<min(start + Self.batchSize, unsent.count)])
            guard try lease.beginSending(batch, term: status.term) else {
                logger.warning(
                    "Ledelsen er gått over til en annen node; denne noden sender ikke flere varsler",
                    metadata: ["node": "\(status.node)", "term": "\(status.term)"])
                status.role = .standby
                break
            }
            try dispatch.send(batch, term: status.term)
            sent += batch.count
        }
        return sent
    }

    /// Gives the lease up on a clean stop, so a standby takes over at once.
    func release(logger: Logger) {
        guard isLeader else { return }
        do {
            try lease.release(term: status.term)
        } catch {
            logger.warning(
                "Ledelsen kunne ikke gis fra seg ved stopp; den løper ut av seg selv", metadata: ["reason": "\(error)"])
        }
    }
}
