import FristEngine
import FristFormats
import FristStorage

/// Alerts from the engine to the journal, in the order that keeps the database the truth: logged
/// as decided (so a restart does not decide them again), sent, then marked sent. A crash between
/// sending and marking re-sends on restart: alerts are delivered at least once.
struct AlertDispatch {
    let store: any StateStorage
    let journal: any JournalSink
    /// The sending node's name (`FRIST_NODE`).
    let node: String

    /// Logs alerts with the persisted state of the cases they changed and, with `send`, sends
    /// them and marks them sent; returns the alerts newly logged, by kind. Throws when the log
    /// cannot be written; then nothing was sent. A cluster's nodes only log: the leader sends
    /// what is logged (`ClusterRole.sendUnsent`).
    func dispatch(_ alerts: [Alert], cases: [PersistedCase], send: Bool) throws -> [AlertKind: Int] {
        let logged = try store.record(alerts, cases: cases)
        if send { try self.send(alerts) }
        return logged
    }

    /// Sends alerts already logged and marks them sent; `term` is the leader's, in a cluster.
    func send(_ alerts: [Alert], term: Int64? = nil) throws {
        for alert in alerts { journal.send(AlertJournalEntry.fields(alert, node: node, term: term)) }
        try store.markSent(alerts)
    }
}
