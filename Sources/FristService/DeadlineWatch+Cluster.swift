import Foundation
import FristStorage

/// A cluster node's part of the step: the lease, following the other nodes' writes, and sending
/// as the leader.
extension DeadlineWatch {
    /// Claims the lease, and rebuilds the engine from the database when another node changed
    /// the state since this one read or wrote it (its intake, or the leader's alerts): every node
    /// judges and counts the same state. Nothing on a single node.
    func followCluster(now: Date) throws {
        guard let wasLeader = cluster?.isLeader else { return }
        try cluster?.claim(logger: logger)
        if cluster?.isLeader != wasLeader {
            status.markDirtyNow()
            // The day of the last daily run, as the last leader left it.
            lastDailyRun = try store.lastDailyRun()
        }
        guard try store.stateChangedElsewhere() else { return }
        try reloadEngine(now: now)
        lastDailyRun = try store.lastDailyRun()
        lastIntake = try store.lastIntakeTime()
        intakeLinesStale = true
        status.markDirty()
    }

    /// Sends, as the leader, every alert a node logged and none has sent.
    func sendAsLeader() throws {
        if try cluster?.sendUnsent(store: store, dispatch: alerts, logger: logger) ?? 0 > 0 { status.markDirty() }
    }
}
