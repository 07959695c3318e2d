import CSQLiteConfig
import Foundation
public import FristCalendar
public import FristEngine
public import FristFormats
import GRDB
import GRDBSQLite

/// The service's durable state in SQLite (WAL, `synchronous=FULL`): the accepted events
/// (append-only, unique id), each case's folded state (written in the same transaction as the
/// events and alerts that changed it), the spool files taken, the log of emitted alerts, and the
/// date of the last daily alert run. A restart reads the folded state back; when it was written
/// under another format or configuration, it replays the events and reads the alert log back
/// instead. Either way it rebuilds the same clocks and emits nothing twice.
///
/// The service's store is a pool: one writer, and reads that run beside a write on the last
/// committed snapshot (WAL), so intake prepares the next spool file while the last one commits.
public final class StateStore: Sendable {
    private let database: any DatabaseWriter

    /// Opens (creating when missing) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        _ = Self.sqliteSettings
        var configuration = GRDB.Configuration()
        configuration.journalMode = .wal
        // SQLite can answer "busy" even in WAL mode: a reader that opens while the log's index is
        // being rebuilt or the last other connection closes, or a write while another process
        // (`sqlite3` during a backup, say) holds the write lock. Every connection waits up to
        // this long instead of failing the step at once.
        configuration.busyMode = .timeout(StateStore.busyTimeout)
        configuration.prepareDatabase { db in
            // Takes effect only while the file is still empty (see `pageSize`).
            try db.execute(sql: "PRAGMA page_size = \(StateStore.pageSize)")
            // An accepted event must survive power loss, not only a process crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.label = "fristvakt"
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch let error as DatabaseError {
            throw StoreError.explaining(error, path: path)
        }
    }

    /// How long a connection waits for a lock another connection holds (see `init(path:)`).
    static let busyTimeout: TimeInterval = 10

    /// The page size of a database this service creates, in bytes (SQLite's default is 4096).
    /// Intake writes every page a commit changes to the write-ahead log, two system calls per
    /// page: larger pages halve them (`fristvakt-bench service --intake-only` measures it). A
    /// database made before keeps its pages: SQLite cannot change the page size of a database in
    /// WAL mode (docs/operations.md).
    public static let pageSize = 8192

    /// SQLite's process-wide settings, made once before the first connection opens. Memory
    /// statistics off: SQLite otherwise takes a global mutex around every allocation to count
    /// it, a visible part of a commit's time; nothing here reads those statistics.
    private static let sqliteSettings: Void = {
        _ = fristvakt_sqlite_config_memstatus(0)
    }()

    /// Gives back the memory SQLite holds beyond what it needs: the writer's page cache and the
    /// pool's read connections (opened again when next needed). Called once the start's state
    /// read is done.
    public func releaseMemory() {
        (database as? DatabasePool)?.releaseMemory()
    }

    /// Opens an existing database read-only (`fristvakt report`): nothing is created, migrated or
    /// written. A database an older version left, not yet brought up to date by the service, is
    /// refused.
    public init(readingOnly path: String) throws {
        _ = Self.sqliteSettings
        var configuration = GRDB.Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(StateStore.busyTimeout)
        configuration.label = "fristvakt-read"
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError("finnes ikke: \(path)")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        guard try database.read({ try Self.migrator.hasCompletedMigrations($0) }) else {
            throw StoreError("\(path) er fra en eldre versjon; start tjenesten én gang for å oppgradere den")
        }
    }

    /// Refuses to open another user's database as root. SQLite makes the `-wal` and `-shm` files
    /// a reader or writer needs; made by root, they would lock the service's own user out of its
    /// database. A command run as root on the service's state (`report`, `verify-state`) is told
    /// to run as the database's owner instead.
    public static func refuseForeignOwnerAsRoot(_ path: String) throws {
        guard geteuid() == 0, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let owner = (attributes[.ownerAccountID] as? NSNumber)?.uint32Value, owner != 0
        else { return }
        let name = (attributes[.ownerAccountName] as? String) ?? String(owner)
        throw StoreError(
            "\(path) tilhører brukeren \(name); kjør kommandoen som den brukeren (sudo -u \(name) fristvakt …), "
                + "ellers kan root-eide hjelpefiler stenge tjenesten ute")
    }

    /// Why a database cannot be used.
    public struct StoreError: Error, CustomStringConvertible {
        /// What is wrong.
        public let description: String
        init(_ description: String) { self.description = description }

        /// SQLite's error when the database at `path` could not be opened or written, with the
        /// path and the way out in bokmål; any other error as SQLite put it, with the path.
        static func explaining(_ error: DatabaseError, path: String) -> StoreError {
            let folder = AtomicFile.directory(of: path)
            switch error.resultCode {
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
                return StoreError(
                    "databasen \(path) kan ikke skrives (\(error.message ?? "\(error.resultCode)")): gi tjenestens "
                        + "bruker skrivetilgang til filen, til -wal- og -shm-filene ved siden av og til mappen "
                        + "\(folder) (chown fristvakt:fristvakt), og sjekk at mappen ikke er montert skrivebeskyttet")
            case .SQLITE_CANTOPEN:
                return StoreError(
                    "databasen \(path) kan ikke åpnes (\(error.message ?? "\(error.resultCode)")): sjekk at mappen "
                        + "\(folder) finnes og at tjenestens bruker kan lese og skrive i den")
            case .SQLITE_FULL:
                return StoreError("databasen \(path) kan ikke skrives: disken er full; frigjør plass og start på nytt")
            default:
                return StoreError("databasen \(path): \(error)")
            }
        }
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
        migrator.registerMigration("v3: each event's case, and each case's folded state") { db in
            try db.execute(
                sql: """
                    ALTER TABLE event ADD COLUMN case_ref TEXT;
                    CREATE TABLE case_state (case_ref TEXT PRIMARY KEY, state BLOB NOT NULL) WITHOUT ROWID;
                    """)
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, body FROM event")
            let update = try db.makeStatement(sql: "UPDATE event SET case_ref = ? WHERE seq = ?")
            while let row = try rows.next() {
                // An event that no longer decodes keeps no case; the replay reports it.
                let caseRef = try? EventDecoder.decode((row[1] as String).utf8).caseRef
                try update.execute(arguments: [caseRef, row[0] as Int64])
            }
            // No fingerprint yet: the first start replays the events and writes every case.
            try db.execute(sql: "CREATE INDEX event_case ON event(case_ref)")
        }
        migrator.registerMigration("v4: the names of an intake's copy and report") { db in
            try db.execute(sql: "ALTER TABLE intake ADD COLUMN copy TEXT")
        }
        migrator.registerMigration("v5: identity numbers kept by earlier versions replaced by pseudonyms") { db in
            try LegacyIdentityNumbers.pseudonymise(db)
        }
        return migrator
    }

    // MARK: - Events and intake

    /// One accepted event as stored: the line as written, and where it came from.
    public struct StoredEvent: Sendable {
        /// The event's id.
        public let id: String
        /// The event's case.
        public let caseRef: String?
        /// The JSON line.
        public let body: String
        /// The spool file it came in.
        public let file: String
        /// Its line in that file.
        public let line: Int

        /// Creates a stored event.
        public init(id: String, caseRef: String?, body: String, file: String, line: Int) {
            self.id = id
            self.caseRef = caseRef
            self.body = body
            self.file = file
            self.line = line
        }
    }

    /// Calls `body` with every accepted event in acceptance order.
    public func forEachEvent(_ body: (StoredEvent) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, case_ref, body, file, line FROM event ORDER BY seq")
            while let row = try rows.next() {
                try body(StoredEvent(id: row[0], caseRef: row[1], body: row[2], file: row[3], line: row[4]))
            }
        }
    }

    /// Calls `body` with each case's reference and its accepted events in acceptance order, one
    /// case at a time (by reference), in one read transaction: a whole-database pass (the report)
    /// that never holds more than one case's events.
    public func forEachCaseHistory(_ body: (String, [StoredEvent]) throws -> Void) throws {
        try database.read { db in
            // The index on case_ref holds each case's rows in seq (rowid) order: no sort.
            let rows = try Row.fetchCursor(
                db,
                sql:
                    "SELECT id, case_ref, body, file, line FROM event WHERE case_ref IS NOT NULL ORDER BY case_ref, seq"
            )
            var current: String?
            var events: [StoredEvent] = []
            while let row = try rows.next() {
                let caseRef: String = row[1]
                if caseRef != current {
                    if let current { try body(current, events) }
                    current = caseRef
                    events.removeAll(keepingCapacity: true)
                }
                events.append(StoredEvent(id: row[0], caseRef: caseRef, body: row[2], file: row[3], line: row[4]))
            }
            if let current { try body(current, events) }
        }
    }

    /// The cases that own any of these event ids.
    public func cases(owningEventIDs ids: some Collection<String>) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try database.read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: "SELECT DISTINCT case_ref FROM event WHERE id IN (SELECT value FROM json_each(?)) "
                        + "AND case_ref IS NOT NULL",
                    arguments: [ids.jsonArrayText]))
        }
    }

    /// The accepted events of these cases, per case in acceptance order.
    public func events(ofCases caseRefs: some Collection<String>) throws -> [String: [StoredEvent]] {
        guard !caseRefs.isEmpty else { return [:] }
        return try database.read { db in
            var events: [String: [StoredEvent]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT id, case_ref, body, file, line FROM event "
                    + "WHERE case_ref IN (SELECT value FROM json_each(?)) ORDER BY seq",
                arguments: [caseRefs.jsonArrayText])
            while let row = try rows.next() {
                let event = StoredEvent(id: row[0], caseRef: row[1], body: row[2], file: row[3], line: row[4])
                events[row[1], default: []].append(event)
            }
            return events
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
        /// The name its copy in `processed/` and its report in `rejected/` get (`NAME`, or the
        /// next free one when an earlier file used it), chosen once at its commit so that a
        /// finish done again after a crash writes the same files. Nil in records made before
        /// names were chosen at the commit.
        public var copy: String?

        /// Creates an intake record.
        public init(
            file: String, fingerprint: String, applied: Int, duplicates: Int, refused: Int, rejected: String?,
            copy: String? = nil
        ) {
            self.file = file
            self.fingerprint = fingerprint
            self.applied = applied
            self.duplicates = duplicates
            self.refused = refused
            self.rejected = rejected
            self.copy = copy
        }
    }

    /// Commits a file's applied events and its intake record in one transaction; returns the
    /// record's number for `finish`.
    /// `cases` is the folded state of every case the events changed.
    public func commit(
        _ intake: Intake, events: [StoredEvent], cases: [PersistedCase], at takenAt: String
    ) throws -> Int64 {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO intake (file, fingerprint, applied, duplicates, refused, rejected, taken_at, copy)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    intake.file, intake.fingerprint, intake.applied, intake.duplicates, intake.refused,
                    intake.rejected, takenAt, intake.copy,
                ])
            let seq = db.lastInsertedRowID
            let insert = try db.makeStatement(
                sql: "INSERT INTO event (id, case_ref, body, file, line, intake) VALUES (?, ?, ?, ?, ?, ?)")
            for event in events {
                try RawStatement.run(insert, "inserting an event") { handle in
                    RawStatement.bind(event.id, to: 1, of: handle)
                    RawStatement.bind(event.caseRef, to: 2, of: handle)
                    RawStatement.bind(event.body, to: 3, of: handle)
                    RawStatement.bind(event.file, to: 4, of: handle)
                    sqlite3_bind_int64(handle, 5, Int64(event.line))
                    sqlite3_bind_int64(handle, 6, seq)
                }
            }
            try Self.save(cases, in: db)
            return seq
        }
    }

    /// Holds SQLite's automatic checkpoints back for a backlog's commits. SQLite copies the
    /// write-ahead log into the database whenever a commit leaves more than 1000 pages in it:
    /// during a backlog that is nearly every commit, on the commit's own thread, and the same hot
    /// index pages are copied again each time. Held back, the log is copied once, by
    /// `resumeCheckpoints` after the backlog step's last commit. A checkpoint moves committed
    /// pages only; it never decides what is durable (the commit's fsync of the log does).
    public func holdCheckpoints() throws {
        try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
    }

    /// Lets SQLite checkpoint by itself again (every 1000 pages, its default) and copies the
    /// write-ahead log into the database now. Passive: it never waits for a reader.
    public func resumeCheckpoints() throws {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
            try db.checkpoint(.passive)
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
                        SELECT seq, applied, duplicates, refused, rejected, copy FROM intake
                        WHERE file = ? AND fingerprint = ? AND finished = 0 ORDER BY seq DESC LIMIT 1
                        """,
                    arguments: [file, fingerprint])
            else { return nil }
            let intake = Intake(
                file: file, fingerprint: fingerprint, applied: row[1], duplicates: row[2], refused: row[3],
                rejected: row[4], copy: row[5])
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

    /// Lines taken from spool files since the database was made, by result (the intake log).
    public func intakeLineCounts() throws -> ServiceMetrics.IntakeLines {
        try database.read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT total(applied), total(duplicates), total(refused) FROM intake")
            return ServiceMetrics.IntakeLines(
                applied: Int(row?[0] as Double? ?? 0), duplicate: Int(row?[1] as Double? ?? 0),
                refused: Int(row?[2] as Double? ?? 0))
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
        return try database.write { db in
            var logged: [AlertKind: Int] = [:]
            try Self.save(cases, in: db)
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
            return logged
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
    public func alerts(unsentOnly: Bool = false, kind only: AlertKind? = nil) throws -> [StoredAlert] {
        try database.read { db in
            var conditions: [String] = []
            if unsentOnly { conditions.append("sent = 0") }
            if only != nil { conditions.append("kind = ?") }
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT kind, rule, clock_event, case_ref, unit, due, date, days_left, outcome, late, level, sent
                    FROM alert \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY seq
                    """,
                arguments: StatementArguments(only.map { [$0.rawValue] } ?? []))
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

    // MARK: - Folded state

    /// Every case's folded state, and the fingerprint it was written under (nil before the first
    /// write, for instance right after the upgrade that added it).
    public func persistedCases() throws -> (fingerprint: String?, cases: [PersistedCase]) {
        var cases: [PersistedCase] = []
        let fingerprint = try forEachPersistedCase(into: &cases) { cases, caseRef, bytes in
            cases.append(PersistedCase(caseRef: caseRef, bytes: [UInt8](bytes)))
        }
        return (fingerprint, cases)
    }

    /// The state's fingerprint, and the number of persisted cases.
    public func persistedCaseSummary() throws -> (fingerprint: String?, count: Int) {
        try database.read { db in
            (try Self.stateFingerprint(db), try Int.fetchOne(db, sql: "SELECT count(*) FROM case_state") ?? 0)
        }
    }

    /// Calls `body` with `target`, each case's reference and its state's bytes (borrowed from
    /// SQLite: valid only during the call), in one read transaction; returns the fingerprint of
    /// that state. This is the restart's hot loop: it reads the columns with SQLite's own
    /// accessors, with no copy of the bytes.
    @discardableResult
    public func forEachPersistedCase<Target>(
        into target: inout Target, _ body: (inout Target, String, UnsafeRawBufferPointer) throws -> Void
    ) throws -> String? {
        try database.read { db in
            let fingerprint = try Self.stateFingerprint(db)
            let statement = try db.makeStatement(sql: "SELECT case_ref, state FROM case_state")
            let handle = statement.sqliteStatement
            defer { sqlite3_reset(handle) }
            while true {
                let code = sqlite3_step(handle)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "reading case_state")
                }
                let caseRef = String(
                    decoding: UnsafeRawBufferPointer(
                        start: sqlite3_column_text(handle, 0), count: Int(sqlite3_column_bytes(handle, 0))),
                    as: UTF8.self)
                let state = UnsafeRawBufferPointer(
                    start: sqlite3_column_blob(handle, 1), count: Int(sqlite3_column_bytes(handle, 1)))
                try body(&target, caseRef, state)
            }
            return fingerprint
        }
    }

    /// The restart's read on two cores: a thread of its own steps through the rows and hands
    /// each case's reference and bytes to `decode` (pure: it must not touch the caller's state),
    /// while the caller's thread gets the decoded values back in row order, a chunk at a time,
    /// in `consume`. Returns the fingerprint the rows were written under.
    public func forEachPersistedCase<Decoded: Sendable>(
        decodingAhead decode: @escaping @Sendable (String, UnsafeRawBufferPointer) throws -> Decoded,
        chunkSize: Int = 16_384, _ consume: ([Decoded]) throws -> Void
    ) throws -> String? {
        let handoff = ChunkHandoff<Decoded>()
        nonisolated(unsafe) var fingerprint: String?
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [self] in
            do {
                var chunk: [Decoded] = []
                chunk.reserveCapacity(chunkSize)
                fingerprint = try forEachPersistedCase(into: &chunk) { chunk, caseRef, bytes in
                    chunk.append(try decode(caseRef, bytes))
                    if chunk.count == chunkSize {
                        guard handoff.put(chunk) else { throw ChunkHandoffCancelled() }
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                _ = handoff.put(chunk)
                handoff.finish(nil)
            } catch {
                handoff.finish(error)
            }
            done.signal()
        }
        defer { done.wait() }  // the reading thread is gone before this returns
        do {
            while let chunk = try handoff.take() { try consume(chunk) }
        } catch {
            handoff.cancel()
            throw error
        }
        return fingerprint
    }

    private static func stateFingerprint(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'state_fingerprint'")
    }

    /// Replaces every case's folded state and its fingerprint in one transaction (after a
    /// rebuild from the events, or a configuration that moved deadlines).
    public func replaceCases(_ cases: [PersistedCase], fingerprint: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM case_state")
            try Self.save(cases, in: db)
            try Self.setMeta("state_fingerprint", fingerprint, in: db)
        }
    }

    private static func save(_ cases: [PersistedCase], in db: Database) throws {
        guard !cases.isEmpty else { return }
        let upsert = try db.makeStatement(
            sql: "INSERT INTO case_state (case_ref, state) VALUES (?, ?) "
                + "ON CONFLICT(case_ref) DO UPDATE SET state = excluded.state")
        for persisted in cases {
            try RawStatement.run(upsert, "saving a case's state") { handle in
                RawStatement.bind(persisted.caseRef, to: 1, of: handle)
                persisted.bytes.withUnsafeBytes { bytes in
                    _ = sqlite3_bind_blob(handle, 2, bytes.baseAddress, Int32(bytes.count), RawStatement.transient)
                }
            }
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

    /// Records the day of a daily alert run, and when it ended and how long it took (seconds).
    public func setLastDailyRun(_ day: CalendarDate, endedAt: Double? = nil, duration: Double? = nil) throws {
        try database.write { db in
            try Self.setMeta("last_daily_run", day.description, in: db)
            if let endedAt, let duration {
                try Self.setMeta("last_daily_run_ended_at", "\(endedAt)", in: db)
                try Self.setMeta("last_daily_run_seconds", "\(duration)", in: db)
            }
        }
    }

    /// When the last daily run ended (seconds since the epoch) and how long it took, if recorded.
    public func lastDailyRunTimes() throws -> (endedAt: Double, duration: Double)? {
        try database.read { db in
            let values = try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(
                    db,
                    sql: "SELECT name, value FROM meta WHERE name IN "
                        + "('last_daily_run_ended_at', 'last_daily_run_seconds')"
                ).map { ($0[0] as String, $0[1] as String) })
            guard let endedAt = values["last_daily_run_ended_at"].flatMap(Double.init),
                let duration = values["last_daily_run_seconds"].flatMap(Double.init)
            else { return nil }
            return (endedAt, duration)
        }
    }

    private static func setMeta(_ name: String, _ value: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            arguments: [name, value])
    }
}
