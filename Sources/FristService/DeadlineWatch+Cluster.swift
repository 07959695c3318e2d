import Foundation
import FristEngine
import FristFormats
import FristStorage

/// A cluster node's part of the step: the lease, following the other nodes' writes, and sending
/// as the leader.
extension DeadlineWatch {
    /// Claims the lease, and rebuilds the engine from the database when another node changed
    /// the state since this one read or wrote it (its intake, or the leader's alerts): every node
    /// judges and counts the same state. Nothing on a single node.
    func followCluster(now: Date) throws {
        guard var role = cluster else { return }
        defer {
            cluster = role
            figures.cluster = role.status
        }
        let wasLeader = role.isLeader
        try role.claim(logger: logger)
        if role.isLeader != wasLeader {
            status.markDirtyNow()
            // The day of the last daily run, as the last leader left it.
            lastDailyRun = try store.lastDailyRun()
        }
        guard try store.stateChangedElsewhere() else { return }
        engine = try EngineRebuild.load(
            store: store, configuration: setup.configuration.engine, today: schedule.today(at: now),
            statusIncludingRunning: setup.configuration.statusIncludesRunning, logger: logger)
        engineAhead = false
        lastDailyRun = try store.lastDailyRun()
        lastIntake = try store.lastIntakeTime()
        intakeLinesStale = true
        status.markDirty()
    }

    /// Sends, as the leader, every alert a node logged and none has sent.
    func sendAsLeader() throws {
        guard var role = cluster else { return }
        defer {
            cluster = role
            figures.cluster = role.status
        }
        if try role.sendUnsent(store: store, dispatch: alerts, logger: logger) > 0 { status.markDirty() }
    }
}
