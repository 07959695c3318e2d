import Foundation
import FristCalendar
public import FristEngine
import FristFormats
public import FristStorage
import GRDB

/// The alert log: every alert decided, logged before it is sent and marked sent after.
extension SQLiteStorage {
    /// Alerts in the log, by kind.
    public func alertCounts() throws -> [AlertKind: Int] {
        try database.read { db in
            var counts: [AlertKind: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, count(*) FROM alert GROUP BY kind") {
                if let kind = AlertKind(rawValue: row[0]) { counts[kind] = row[1] }
            }
            return counts
        }
    }

    /// Logs alerts as decided (not yet sent), with the folded state of the cases they changed
    /// (their ledger), in one transaction. An alert already logged is left as it is. Returns the
    /// alerts newly logged, by kind.
    @discardableResult
    public func record(_ alerts: [Alert], cases: [PersistedCase]) throws -> [AlertKind: Int] {
        guard !alerts.isEmpty || !cases.isEmpty else { return [:] }
        return try writeWithKeys { db in
            var logged: [AlertKind: Int] = [:]
            let write = try save(cases, in: db)
            let insert = try db.makeStatement(
                sql: """
                    INSERT OR IGNORE INTO alert
                        (key, kind, rule, clock_event, case_ref, unit, due, date, days_left, outcome, late, level)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for alert in alerts {
                try insert.execute(arguments: [
                    alert.key, alert.kind.rawValue, alert.rule.rawValue, alert.clock.event, alert.caseRef,
                    alert.unit, alert.due.description, alert.date.description, alert.daysLeft,
                    alert.outcome?.rawValue, alert.late, alert.level,
                ])
                if db.changesCount > 0 { logged[alert.kind, default: 0] += 1 }
            }
            return (logged, write)
        }
    }

    /// Marks alerts sent.
    public func markSent(_ alerts: [Alert]) throws {
        guard !alerts.isEmpty else { return }
        try database.write { db in
            let update = try db.makeStatement(sql: "UPDATE alert SET sent = 1 WHERE key = ?")
            for alert in alerts { try update.execute(arguments: [alert.key]) }
        }
    }

    /// Every logged alert, in the order decided; only those not yet sent with `unsentOnly`.
    public func alerts(unsentOnly: Bool, kind only: AlertKind?, caseRef: String?) throws -> [StoredAlert] {
        try database.read { db in
            var conditions: [String] = []
            var arguments: [String] = []
            if unsentOnly { conditions.append("sent = 0") }
            if let only {
                conditions.append("kind = ?")
                arguments.append(only.rawValue)
            }
            if let caseRef {
                conditions.append("case_ref = ?")
                arguments.append(caseRef)
            }
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT kind, rule, clock_event, case_ref, unit, due, date, days_left, outcome, late, level, sent
                    FROM alert \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY seq
                    """,
                arguments: StatementArguments(arguments))
            var alerts: [StoredAlert] = []
            while let row = try rows.next() {
                guard let kind = AlertKind(rawValue: row[0]), let rule = RuleID(rawValue: row[1]),
                    let due = try? CalendarDate(parsing: row[5] as String),
                    let date = try? CalendarDate(parsing: row[6] as String)
                else {
                    throw DatabaseError(message: "unreadable alert row: \(row)")
                }
                let alert = Alert(
                    kind: kind, clock: ClockID(event: row[2], rule: rule), caseRef: row[3], unit: row[4], due: due,
                    date: date, daysLeft: row[7], outcome: (row[8] as String?).flatMap(Outcome.init(rawValue:)),
                    late: row[9], level: row[10])
                alerts.append(StoredAlert(alert: alert, sent: row[11]))
            }
            return alerts
        }
    }
}
