public import FristEngine

/// Every alert decided: logged before it is sent, marked sent after, so a crash between the two
/// sends it at the next start and nothing is sent twice by the same node.
public protocol AlertLog: Sendable {
    /// Alerts in the log, by kind.
    func alertCounts() throws -> [AlertKind: Int]

    /// Logs alerts as decided (not yet sent), with the folded state of the cases they changed,
    /// all or nothing. An alert already logged (same key) is left as it is. Returns the alerts
    /// newly logged, by kind.
    @discardableResult
    func record(_ alerts: [Alert], cases: [PersistedCase]) throws -> [AlertKind: Int]

    /// Marks alerts sent.
    func markSent(_ alerts: [Alert]) throws

    /// The logged alerts in the order decided: only those not yet sent with `unsentOnly`, only
    /// those of one kind with `kind`, only those of one case with `caseRef`.
    func alerts(unsentOnly: Bool, kind: AlertKind?, caseRef: String?) throws -> [StoredAlert]
}

extension AlertLog {
    /// Every logged alert, in the order decided.
    public func alerts() throws -> [StoredAlert] { try alerts(unsentOnly: false, kind: nil, caseRef: nil) }

    /// The logged alerts of one kind, in the order decided.
    public func alerts(kind: AlertKind) throws -> [StoredAlert] {
        try alerts(unsentOnly: false, kind: kind, caseRef: nil)
    }

    /// The logged alerts of one case, in the order decided.
    public func alerts(ofCase caseRef: String) throws -> [StoredAlert] {
        try alerts(unsentOnly: false, kind: nil, caseRef: caseRef)
    }

    /// The logged alerts not yet sent, in the order decided.
    public func unsentAlerts() throws -> [StoredAlert] { try alerts(unsentOnly: true, kind: nil, caseRef: nil) }
}
