import FristEngine
import FristFormats
import FristStorage

/// Alerts from the engine to the journal, in the order that keeps the database the truth: logged
/// as decided (so a restart does not decide them again), sent, then marked sent. A crash between
/// sending and marking re-sends on restart: alerts are delivered at least once.
struct AlertDispatch {
    let store: any StateStorage
    let journal: Journal

    /// Logs alerts with the persisted state of the cases they changed, sends them and marks them
    /// sent; returns the alerts newly logged, by kind. Throws when the log cannot be written; then
    /// nothing was sent.
    func dispatch(_ alerts: [Alert], cases: [PersistedCase]) throws -> [AlertKind: Int] {
        let logged = try store.record(alerts, cases: cases)
        try send(alerts)
        return logged
    }

    /// Sends alerts already logged and marks them sent.
    func send(_ alerts: [Alert]) throws {
        for alert in alerts { journal.send(AlertJournalEntry.fields(alert)) }
        try store.markSent(alerts)
    }
}
