import Foundation
public import FristCalendar
public import FristEngine
import GRDB

/// The service's durable state in SQLite (WAL, `synchronous=FULL`): the accepted events
/// (append-only, unique id), the spool files taken, the log of emitted alerts, and the date of
/// the last daily alert run. A restart replays the events and reads the alert log back, so it
/// rebuilds the same clocks and emits nothing twice.
public final class StateStore: Sendable {
    private let database: DatabaseQueue

    /// Opens (creating when missing) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            // An accepted event must survive power loss, not only a process crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.label = "fristvakt"
        database = try DatabaseQueue(path: path, configuration: configuration)
        try Self.migrator.migrate(database)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE event (
                        seq INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        body TEXT NOT NULL,
                        file TEXT NOT NULL,
                        line INTEGER NOT NULL,
                        intake INTEGER NOT NULL REFERENCES intake(seq)
                    );
                    CREATE TABLE intake (
                        seq INTEGER PRIMARY KEY,
                        file TEXT NOT NULL,
                        fingerprint TEXT NOT NULL,
                        applied INTEGER NOT NULL,
                        duplicates INTEGER NOT NULL,
                        refused INTEGER NOT NULL,
                        rejected TEXT,
                        taken_at TEXT NOT NULL,
                        finished INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX intake_unfinished ON intake(file) WHERE finished = 0;
                    CREATE TABLE alert (
                        seq INTEGER PRIMARY KEY,
                        key TEXT NOT NULL UNIQUE,
                        kind TEXT NOT NULL,
                        rule TEXT NOT NULL,
                        clock_event TEXT NOT NULL,
                        case_ref TEXT NOT NULL,
                        unit TEXT,
                        due TEXT NOT NULL,
                        date TEXT NOT NULL,
                        days_left INTEGER NOT NULL,
                        outcome TEXT,
                        late INTEGER NOT NULL,
                        level INTEGER NOT NULL,
                        sent INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX alert_unsent ON alert(seq) WHERE sent = 0;
                    CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                    """)
        }
        migrator.registerMigration("v2: no refused text once its report is written") { db in
            try db.execute(sql: "UPDATE intake SET rejected = NULL WHERE finished = 1")
        }
        return migrator
    }

    // MARK: - Events and intake

    /// One accepted event as stored: the line as written, and where it came from.
    public struct StoredEvent: Sendable {
        /// The event's id.
        public let id: String
        /// The JSON line.
        public let body: String
        /// The spool file it came in.
        public let file: String
        /// Its line in that file.
        public let line: Int

        /// Creates a stored event.
        public init(id: String, body: String, file: String, line: Int) {
            self.id = id
            self.body = body
            self.file = file
            self.line = line
        }
    }

    /// Calls `body` with every accepted event in acceptance order.
    public func forEachEvent(_ body: (StoredEvent) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, body, file, line FROM event ORDER BY seq")
            while let row = try rows.next() {
                try body(StoredEvent(id: row[0], body: row[1], file: row[2], line: row[3]))
            }
        }
    }

    /// The number of accepted events.
    public func eventCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 }
    }

    /// What one spool file's intake did, committed in one transaction with its events.
    public struct Intake: Sendable, Equatable {
        /// The file's name in `incoming/`.
        public let file: String
        /// A fingerprint of its bytes, to recognise the same file after a crash.
        public let fingerprint: String
        /// Events applied.
        public let applied: Int
        /// Lines that repeated an event already applied.
        public let duplicates: Int
        /// Lines refused.
        public let refused: Int
        /// The text of `rejected/NAME.rejected.jsonl`, if any line was refused.
        public let rejected: String?

        /// Creates an intake record.
        public init(file: String, fingerprint: String, applied: Int, duplicates: Int, refused: Int, rejected: String?) {
            self.file = file
            self.fingerprint = fingerprint
            self.applied = applied
            self.duplicates = duplicates
            self.refused = refused
            self.rejected = rejected
        }
    }

    /// Commits a file's applied events and its intake record in one transaction; returns the
    /// record's number for `finish`.
    public func commit(_ intake: Intake, events: [StoredEvent], at takenAt: String) throws -> Int64 {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO intake (file, fingerprint, applied, duplicates, refused, rejected, taken_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    intake.file, intake.fingerprint, intake.applied, intake.duplicates, intake.refused,
                    intake.rejected, takenAt,
                ])
            let seq = db.lastInsertedRowID
            let insert = try db.makeStatement(
                sql: "INSERT INTO event (id, body, file, line, intake) VALUES (?, ?, ?, ?, ?)")
            for event in events {
                try insert.execute(arguments: [event.id, event.body, event.file, event.line, seq])
            }
            return seq
        }
    }

    /// The committed but unfinished intake of a file with this name and fingerprint: after a
    /// crash between the commit and the move to `processed/`, the file is finished from this
    /// record instead of being applied again.
    public func unfinishedIntake(file: String, fingerprint: String) throws -> (seq: Int64, intake: Intake)? {
        try database.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT seq, applied, duplicates, refused, rejected FROM intake
                        WHERE file = ? AND fingerprint = ? AND finished = 0 ORDER BY seq DESC LIMIT 1
                        """,
                    arguments: [file, fingerprint])
            else { return nil }
            let intake = Intake(
                file: file, fingerprint: fingerprint, applied: row[1], duplicates: row[2], refused: row[3],
                rejected: row[4])
            return (row[0], intake)
        }
    }

    /// Marks an intake finished (its file is in `processed/`, its report in `rejected/`). The
    /// refused lines' text was kept only to write that report after a crash: it is dropped now,
    /// so the database holds no refused raw text.
    public func finishIntake(_ seq: Int64) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE intake SET finished = 1, rejected = NULL WHERE seq = ?", arguments: [seq])
        }
    }

    /// Marks finished every unfinished intake whose file is no longer waiting (a crash came after
    /// the move but before the mark).
    public func finishIntakes(notIn waiting: Set<String>) throws {
        try database.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT seq, file FROM intake WHERE finished = 0")
            for row in rows where !waiting.contains(row[1] as String) {
                try db.execute(
                    sql: "UPDATE intake SET finished = 1, rejected = NULL WHERE seq = ?", arguments: [row[0] as Int64])
            }
        }
    }

    /// When the last file was taken, if any (`taken_at` as written).
    public func lastIntakeTime() throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT taken_at FROM intake ORDER BY seq DESC LIMIT 1")
        }
    }

    // MARK: - Alerts

    /// An alert in the log, and whether it reached the journal.
    public struct StoredAlert: Sendable {
        /// The alert.
        public let alert: Alert
        /// Whether it was sent.
        public let sent: Bool
    }

    /// Logs alerts as decided (not yet sent). An alert already logged is left as it is.
    public func record(_ alerts: [Alert]) throws {
        guard !alerts.isEmpty else { return }
        try database.write { db in
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
            }
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

    /// Every logged alert, in the order decided.
    public func alerts() throws -> [StoredAlert] {
        try database.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT kind, rule, clock_event, case_ref, unit, due, date, days_left, outcome, late, level, sent
                    FROM alert ORDER BY seq
                    """)
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

    // MARK: - Meta

    /// The day of the last daily alert run.
    public func lastDailyRun() throws -> CalendarDate? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'last_daily_run'")
                .flatMap { try? CalendarDate(parsing: $0) }
        }
    }

    /// Records the day of a daily alert run.
    public func setLastDailyRun(_ day: CalendarDate) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO meta (name, value) VALUES ('last_daily_run', ?) "
                    + "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                arguments: [day.description])
        }
    }
}
