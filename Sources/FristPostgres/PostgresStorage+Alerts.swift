public import FristCalendar
public import FristEngine
public import FristStorage
import PostgresNIO

/// The alert log and the daily run, shared by the nodes: any node logs the alerts its engine
/// decides; only the leader sends them (`PostgresLease.beginSending`).
extension PostgresStorage {
    /// Alerts in the log, by kind.
    public func alertCounts() throws -> [AlertKind: Int] {
        try withConnection { connection in
            var counts: [AlertKind: Int] = [:]
            for row in try connection.rows("SELECT kind, count(*) FROM alert GROUP BY kind", logger: logger) {
                let (kind, count) = try row.decode((String, Int64).self)
                if let kind = AlertKind(rawValue: kind) { counts[kind] = Int(count) }
            }
            return counts
        }
    }

    /// Logs alerts as decided, with the folded state of the cases they changed, in one
    /// transaction under the state's version. An alert already logged, by any node, is left as
    /// it is.
    @discardableResult
    public func record(_ alerts: [Alert], cases: [PersistedCase]) throws -> [AlertKind: Int] {
        guard !alerts.isEmpty || !cases.isEmpty else { return [:] }
        return try versionedWrite { connection in
            try save(cases, connection)
            var logged: [AlertKind: Int] = [:]
            for alert in alerts {
                let inserted = try connection.run(
                    """
                    INSERT INTO alert
                        (key, kind, rule, clock_event, case_ref, unit, due, date, days_left, outcome, late, level)
                    VALUES (\(alert.key), \(alert.kind.rawValue), \(alert.rule.rawValue), \(alert.clock.event),
                            \(alert.caseRef), \(alert.unit), \(alert.due.description), \(alert.date.description),
                            \(Int64(alert.daysLeft)), \(alert.outcome?.rawValue), \(alert.late), \(Int64(alert.level)))
                    ON CONFLICT (key) DO NOTHING
                    """, logger: logger)
                if inserted > 0 { logged[alert.kind, default: 0] += 1 }
            }
            return logged
        }
    }

    /// Marks alerts sent.
    public func markSent(_ alerts: [Alert]) throws {
        guard !alerts.isEmpty else { return }
        _ = try withConnection { connection in
            try connection.run("UPDATE alert SET sent = true WHERE key = ANY(\(alerts.map(\.key)))", logger: logger)
        }
    }

    /// The logged alerts in the order decided.
    public func alerts(unsentOnly: Bool, kind only: AlertKind?, caseRef: String?) throws -> [StoredAlert] {
        try withConnection { connection in
            let rows = try connection.rows(
                """
                SELECT kind, rule, clock_event, case_ref, unit, due, date, days_left, outcome, late, level, sent
                FROM alert WHERE (NOT sent OR NOT \(unsentOnly)) AND (kind = \(only?.rawValue) OR \(only == nil))
                AND (case_ref = \(caseRef) OR \(caseRef == nil))
                ORDER BY seq
                """, logger: logger)
            return try rows.map { row in
                let (kind, rule, event, caseRef, unit, due, date, daysLeft, outcome, late, level, sent) =
                    try row.decode(
                        (String, String, String, String, String?, String, String, Int64, String?, Bool, Int64, Bool)
                            .self)
                guard let kind = AlertKind(rawValue: kind), let rule = RuleID(rawValue: rule),
                    let due = try? CalendarDate(parsing: due), let date = try? CalendarDate(parsing: date)
                else { throw StoreError("uleselig varsel i alert-tabellen: \(caseRef) \(kind) \(rule)") }
                let alert = Alert(
                    kind: kind, clock: ClockID(event: event, rule: rule), caseRef: caseRef, unit: unit, due: due,
                    date: date, daysLeft: Int(daysLeft), outcome: outcome.flatMap(Outcome.init(rawValue:)), late: late,
                    level: Int(level))
                return StoredAlert(alert: alert, sent: sent)
            }
        }
    }

    // MARK: - DailyRunLog

    /// The day of the last daily alert run, by whichever node led then.
    public func lastDailyRun() throws -> CalendarDate? {
        try meta(["last_daily_run"])["last_daily_run"].flatMap { try? CalendarDate(parsing: $0) }
    }

    /// Records the day of a daily run, and when it ended and how long it took.
    public func setLastDailyRun(_ day: CalendarDate, endedAt: Double?, duration: Double?) throws {
        try transaction { connection in
            try setMeta("last_daily_run", day.description, connection)
            if let endedAt, let duration {
                try setMeta("last_daily_run_ended_at", "\(endedAt)", connection)
                try setMeta("last_daily_run_seconds", "\(duration)", connection)
            }
        }
    }

    /// When the last daily run ended and how long it took, if recorded.
    public func lastDailyRunTimes() throws -> (endedAt: Double, duration: Double)? {
        let values = try meta(["last_daily_run_ended_at", "last_daily_run_seconds"])
        guard let endedAt = values["last_daily_run_ended_at"].flatMap(Double.init),
            let duration = values["last_daily_run_seconds"].flatMap(Double.init)
        else { return nil }
        return (endedAt, duration)
    }

    private func meta(_ names: [String]) throws -> [String: String] {
        try withConnection { connection in
            var values: [String: String] = [:]
            for row in try connection.rows("SELECT name, value FROM meta WHERE name = ANY(\(names))", logger: logger) {
                let (name, value) = try row.decode((String, String).self)
                values[name] = value
            }
            return values
        }
    }
}
