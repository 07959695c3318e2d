import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristSQLite
import FristStorage
import GRDB
import Testing

/// What the SQLite adapter adds to the port's contract (StoragePortTests): its page size, its
/// wait for another writer, and the migrations of databases earlier versions left.
@Suite("SQLite storage")
struct SQLiteStorageTests {
    static func temporaryStore() throws -> (SQLiteStorage, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return (try SQLiteStorage(path: directory + "/fristvakt.sqlite"), directory)
    }

    /// One event, and the intake record of the file it came in: the simplest commit.
    static let event = StoredEvent(id: "e1", caseRef: "H-1", body: "{}", file: "a.jsonl", line: 1)
    static let intake = IntakeRecord(
        file: "a.jsonl", fingerprint: "2-x", applied: 1, duplicates: 0, refused: 0, rejected: nil)

    @Test("a new database gets the service's page size; one made with SQLite's default keeps its own")
    func pageSize() throws {
        let (store, directory) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (event, intake) = (Self.event, Self.intake)
        _ = try store.commit(intake, events: [event], cases: [], at: "t")
        let made = try DatabaseQueue(path: directory + "/fristvakt.sqlite")
        #expect(try made.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == SQLiteStorage.pageSize)
        #expect(SQLiteStorage.pageSize != 4096, "otherwise this test tells nothing")

        // A database an earlier version made, with 4 KiB pages, opens and takes events as before.
        let older = directory + "/older.sqlite"
        try DatabaseQueue(path: older).write { try $0.execute(sql: "PRAGMA journal_mode = WAL; CREATE TABLE x (y)") }
        let olderStore = try SQLiteStorage(path: older)
        _ = try olderStore.commit(intake, events: [event], cases: [], at: "t")
        #expect(try olderStore.eventCount() == 1)
        #expect(try DatabaseQueue(path: older).read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 4096)
    }

    @Test("a backlog gets a larger page cache for its commits, given back when it ends")
    func backlogCache() throws {
        let (store, folder) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try store.writerCacheKibibytes() == 2000, "SQLite's default")
        try store.backlogBegan()
        #expect(try store.writerCacheKibibytes() == SQLiteStorage.backlogCacheKibibytes)
        try store.backlogEnded()
        #expect(try store.writerCacheKibibytes() == 2000)
    }

    @Test("a commit waits for a write lock another process holds, instead of failing at once")
    func waitsForAnotherWriter() throws {
        let (store, directory) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Another process's connection (an operator's `sqlite3`, say), without a busy timeout.
        var holdsTransactions = GRDB.Configuration()
        holdsTransactions.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: directory + "/fristvakt.sqlite", configuration: holdsTransactions)
        try other.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
            try? other.inDatabase { try $0.execute(sql: "COMMIT") }
        }
        let (event, intake) = (Self.event, Self.intake)
        _ = try store.commit(intake, events: [event], cases: [], at: "t")
        #expect(try store.eventCount() == 1)
    }

    @Test(
        "a database from before the persisted state gets each event's case, and no fingerprint, so the next start replays"
    )
    func upgradeFromVersion2() throws {
        let path = try Self.scratchDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        // The tables as migrations v1 and v2 left them, with two events and one undecodable row.
        try Self.writeVersion2Database(
            at: path,
            rows: """
                    INSERT INTO intake (file, fingerprint, applied, duplicates, refused, taken_at, finished)
                        VALUES ('a', '3-0', 3, 0, 0, '2026-11-05T08:00:00+01:00', 1);
                    INSERT INTO event (id, body, file, line, intake) VALUES
                        ('r1', '{"id":"r1","type":"referral.received","case":"H-1","date":"2026-11-02"}', 'a', 1, 1),
                        ('a1', '{"id":"a1","type":"referral.assessed","case":"H-1","date":"2026-11-05","outcome":"no-right"}', 'a', 2, 1),
                        ('x', 'not an event', 'a', 3, 1);
                """)
        let store = try SQLiteStorage(path: path)
        #expect(try store.persistedCaseSummary().fingerprint == nil)
        var cases: [String: String] = [:]
        try store.forEachEvent { cases[$0.id] = $0.caseRef ?? "(none)" }
        #expect(cases == ["r1": "H-1", "a1": "H-1", "x": "(none)"])
        #expect(try store.events(ofCases: ["H-1"])["H-1"]?.map(\.id) == ["r1", "a1"])
    }

    @Test("identity numbers an earlier version kept are replaced by pseudonyms everywhere, and the cases stay whole")
    func legacyIdentityNumbers() throws {
        let path = try Self.scratchDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        // What a version that checked `case` alone could accept: a number inside a case, as a
        // unit, inside an id, and escaped.
        try Self.writeVersion2Database(
            at: path,
            rows: """
                    INSERT INTO intake (file, fingerprint, applied, duplicates, refused, taken_at, finished)
                        VALUES ('from-15038510190.jsonl', '1-0', 3, 0, 0, '2026-11-02T08:00:00+01:00', 1);
                    INSERT INTO event (id, body, file, line, intake) VALUES
                        ('r15038510190', '{"id":"r15038510190","type":"referral.received","case":"H-15038510190","date":"2026-11-02","unit":"05109706460"}', 'from-15038510190.jsonl', 1, 1),
                        ('a1', '{"id":"a1","type":"referral.assessed","case":"H-\\u0031\\u0035038510190","date":"2026-11-05","outcome":"no-right"}', 'from-15038510190.jsonl', 2, 1),
                        ('r2', '{"id":"r2","type":"referral.received","case":"H-2","date":"2026-11-02"}', 'from-15038510190.jsonl', 3, 1);
                    INSERT INTO alert (key, kind, rule, clock_event, case_ref, unit, due, date, days_left, late, level, sent)
                        VALUES ('r15038510190/vurderingsfrist/at-risk/2026-11-16/1', 'at-risk', 'vurderingsfrist',
                        'r15038510190', 'H-15038510190', '05109706460', '2026-11-16', '2026-11-12', 2, 0, 1, 1);
                """)
        let store = try SQLiteStorage(path: path)
        #expect(try store.persistedCaseSummary().fingerprint == nil)
        // No number is left in any table.
        let check = try DatabaseQueue(path: path)
        for number in ["15038510190", "05109706460", "150385101", "051097064"] {
            for (table, column) in [
                ("event", "id"), ("event", "body"), ("event", "file"), ("case_state", "case_ref"), ("intake", "file"),
                ("alert", "key"), ("alert", "clock_event"), ("alert", "case_ref"), ("alert", "unit"),
            ] {
                let found = try check.read { db in
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM \(table) WHERE \(column) LIKE ?", arguments: ["%\(number)%"])
                }
                #expect(found == 0, "\(number) in \(table).\(column)")
            }
        }
        // Every event decodes; both events of the first case, in whatever form its number was
        // written, have one pseudonymous case, which its alert names too.
        var decoded: [String: String] = [:]
        try store.forEachEvent { stored in
            decoded[stored.id] = (try? EventDecoder.decode(stored.body.utf8))?.caseRef ?? "(undecodable)"
            #expect(stored.caseRef == decoded[stored.id])
        }
        #expect(decoded.count == 3)
        let pseudonymous = try #require(decoded["a1"])
        #expect(
            pseudonymous.hasPrefix("H-") && pseudonymous.count == 13
                && pseudonymous.dropFirst(2).allSatisfy(\.isLowercase))
        #expect(decoded.values.filter { $0 == pseudonymous }.count == 2)
        #expect(decoded["r2"] == "H-2")
        #expect(try store.alerts().map(\.alert.caseRef) == [pseudonymous])
        try check.close()
    }

    /// A database path in a new folder of its own.
    static func scratchDatabasePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/fristvakt.sqlite"
    }

    /// A database as migrations v1 and v2 left it, holding `rows` (SQL inserts).
    static func writeVersion2Database(at path: String, rows: String) throws {
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1'), ('v2: no refused text once its report is written');
                    CREATE TABLE event (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL,
                        file TEXT NOT NULL, line INTEGER NOT NULL, intake INTEGER NOT NULL);
                    CREATE TABLE intake (seq INTEGER PRIMARY KEY, file TEXT NOT NULL, fingerprint TEXT NOT NULL,
                        applied INTEGER NOT NULL, duplicates INTEGER NOT NULL, refused INTEGER NOT NULL, rejected TEXT,
                        taken_at TEXT NOT NULL, finished INTEGER NOT NULL DEFAULT 0);
                    CREATE TABLE alert (seq INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
                        rule TEXT NOT NULL, clock_event TEXT NOT NULL, case_ref TEXT NOT NULL, unit TEXT,
                        due TEXT NOT NULL, date TEXT NOT NULL, days_left INTEGER NOT NULL, outcome TEXT,
                        late INTEGER NOT NULL, level INTEGER NOT NULL, sent INTEGER NOT NULL DEFAULT 0);
                    CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                    """ + rows)
        }
        try old.close()
    }
}
