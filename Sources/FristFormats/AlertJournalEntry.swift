import FristCalendar
public import FristEngine

/// The journald entry of an alert (docs/alerts.md): its fields in a fixed order, ready for the
/// native protocol or the logfmt fallback. The MESSAGE_IDs are documented in the journal catalog
/// (`systemd/fristvakt.catalog`) and never change.
public enum AlertJournalEntry {
    /// `SYSLOG_IDENTIFIER`.
    public static let identifier = "fristvakt"

    /// The fixed 128-bit `MESSAGE_ID` of each kind.
    public static func messageID(_ kind: AlertKind) -> String {
        switch kind {
        case .atRisk: "57a2e23471204f4484be2e15d3580f03"
        case .breached: "3a296e37943b4473907b2c0dba261275"
        case .reminder: "377cfd9479c144aa9d66d3b4db3045be"
        case .helfoRequired: "baa9a38260714c22b049e9e15a374a1e"
        case .overCap: "e56184f5b90c4a4db1156f93e7c1a7d7"
        case .resolved: "8e886a744e9b45998cd937d5089c7ee0"
        }
    }

    /// The syslog `PRIORITY`: warning for at-risk and over-cap, error for breached and reminder,
    /// critical for helfo-required, info (met) or notice (met-late) for resolved.
    public static func priority(_ alert: Alert) -> Int {
        switch alert.kind {
        case .atRisk, .overCap: 4
        case .breached, .reminder: 3
        case .helfoRequired: 2
        case .resolved: alert.outcome == .metLate ? 5 : 6
        }
    }

    /// The alert's stable id (`FRIST_ALERT_ID`): 16 hex digits of a 64-bit FNV-1a hash of its
    /// key, the same on every node and every repeat, so a log system can drop a repeat.
    public static func alertID(_ alert: Alert) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in alert.key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The fields, in order. `FRIST_UNIT` and `FRIST_OUTCOME` only when they have a value;
    /// `FRIST_NODE` always (the sending node), `FRIST_TERM` when a cluster's leader sends it.
    public static func fields(_ alert: Alert, node: String, term: Int64? = nil) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [
            ("MESSAGE", alert.message),
            ("MESSAGE_ID", messageID(alert.kind)),
            ("PRIORITY", String(priority(alert))),
            ("SYSLOG_IDENTIFIER", identifier),
            ("FRIST_KIND", alert.kind.rawValue),
            ("FRIST_RULE", alert.rule.rawValue),
            ("FRIST_CASE", alert.caseRef),
            ("FRIST_DUE", alert.due.description),
            ("FRIST_DAYS_LEFT", String(alert.daysLeft)),
        ]
        if let unit = alert.unit { fields.append(("FRIST_UNIT", unit)) }
        fields.append(("FRIST_LAW", alert.law))
        if let outcome = alert.outcome { fields.append(("FRIST_OUTCOME", outcome.rawValue)) }
        fields.append(("FRIST_LATE", alert.late ? "1" : "0"))
        fields.append(("FRIST_ALERT_ID", alertID(alert)))
        fields.append(("FRIST_NODE", node))
        if let term { fields.append(("FRIST_TERM", String(term))) }
        return fields
    }
}
