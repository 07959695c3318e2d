public import FristEngine

/// An alert in the alert log, and whether it reached the journal.
public struct StoredAlert: Sendable, Equatable {
    /// The alert.
    public let alert: Alert
    /// Whether it was sent.
    public let sent: Bool

    /// Creates a logged alert.
    public init(alert: Alert, sent: Bool) {
        self.alert = alert
        self.sent = sent
    }
}
