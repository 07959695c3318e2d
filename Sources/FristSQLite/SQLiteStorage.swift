import CMalloc
import CSQLiteConfig
import Foundation
import FristCalendar
import FristEngine
import FristFormats
public import FristStorage
import GRDB
import GRDBSQLite
import Synchronization

/// The service's durable state in SQLite (WAL, `synchronous=FULL`): the accepted events
/// (append-only, unique id), each case's folded state (written in the same transaction as the
/// events and alerts that changed it), the spool files taken, the log of emitted alerts, and the
/// date of the last daily alert run. A restart reads the folded state back; when it was written
/// under another format or configuration, it replays the events and reads the alert log back
/// instead. Either way it rebuilds the same clocks and emits nothing twice.
///
/// The service's store is a pool: one writer, and reads that run beside a write on the last
/// committed snapshot (WAL), so intake prepares the next spool file while the last one commits.
public final class SQLiteStorage: StateStorage, Sendable {
    let database: any DatabaseWriter
    /// The case numbers and event ids, indexed in memory (`KeyIndex`); built at the first need.
    let keys = Mutex<KeyIndex?>(nil)

    /// Opens (creating when missing) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        _ = Self.sqliteSettings
        var configuration = GRDB.Configuration()
        configuration.journalMode = .wal
        // SQLite can answer "busy" even in WAL mode: a reader that opens while the log's index is
        // being rebuilt or the last other connection closes, or a write while another process
        // (`sqlite3` during a backup, say) holds the write lock. Every connection waits up to
        // this long instead of failing the step at once.
        configuration.busyMode = .timeout(SQLiteStorage.busyTimeout)
        configuration.prepareDatabase { db in
            // Takes effect only while the file is still empty (see `pageSize`).
            try db.execute(sql: "PRAGMA page_size = \(SQLiteStorage.pageSize)")
            // An accepted event must survive power loss, not only a process crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.label = "fristvakt"
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
            // SQLite opens a file it may not write read-only without an error, and a schema
            // already up to date writes nothing; the first write would fail, so ask now.
            if database.writeWithoutTransaction({ sqlite3_db_readonly($0.sqliteConnection, "main") }) == 1 {
                throw DatabaseError(resultCode: .SQLITE_READONLY, message: "databasen er åpnet skrivebeskyttet")
            }
        } catch let error as DatabaseError {
            throw Self.explaining(error, path: path)
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
        // The read's other buffers (the decode thread's chunks) were freed, but glibc keeps
        // freed memory resident unless told to give it back.
        _ = malloc_trim(0)
    }

    /// Opens an existing database read-only (`fristvakt report`): nothing is created, migrated or
    /// written. A database an older version left, not yet brought up to date by the service, is
    /// refused.
    public init(readingOnly path: String) throws {
        _ = Self.sqliteSettings
        var configuration = GRDB.Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(SQLiteStorage.busyTimeout)
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

    /// SQLite's error when the database at `path` could not be opened or written, with the
    /// path and the way out in bokmål; any other error as SQLite put it, with the path.
    static func explaining(_ error: DatabaseError, path: String) -> StoreError {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
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
                let caseRef = try? StoredEvent.decoded(body: row[1]).caseRef
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
        migrator.registerMigration("v6: cases numbered, and no index keyed by text") { db in
            try NumberedCases.migrate(db)
        }
        return migrator
    }
}
