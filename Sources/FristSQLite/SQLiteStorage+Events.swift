import Foundation
import FristCalendar
public import FristEngine
public import FristFormats
import FristHotPaths
public import FristStorage
import GRDB
import GRDBSQLite

/// The accepted events and the intake log: what each spool file brought, committed in one
/// transaction with its events and the folded state of the cases they changed.
extension SQLiteStorage {
    /// Calls `body` with every accepted event in acceptance order.
    public func forEachEvent(_ body: (StoredEvent) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.eventColumns) \(Self.eventSource) ORDER BY e.seq")
            while let row = try rows.next() {
                try body(Self.storedEvent(row))
            }
        }
    }

    /// Calls `body` with each case's reference and its accepted events in acceptance order, one
    /// case at a time (in the order cases were numbered), in one read transaction: a
    /// whole-database pass (the report) that never holds more than one case's events.
    public func forEachCaseHistory(_ body: (String, [StoredEvent]) throws -> Void) throws {
        try database.read { db in
            // The index on case_no holds each case's rows in seq (rowid) order: no sort.
            let rows = try Row.fetchCursor(
                db,
                sql:
                    "SELECT \(Self.eventColumns), e.case_no \(Self.eventSource) WHERE e.case_no IS NOT NULL ORDER BY e.case_no, e.seq"
            )
            var current: Int64?
            var reference = ""
            var events: [StoredEvent] = []
            while let row = try rows.next() {
                let number: Int64 = row[5]
                if number != current {
                    if current != nil { try body(reference, events) }
                    current = number
                    reference = row[1]
                    events.removeAll(keepingCapacity: true)
                }
                events.append(Self.storedEvent(row))
            }
            if current != nil { try body(reference, events) }
        }
    }

    /// The cases that own any of these event ids: found in the key index, so a case whose id
    /// only shares a hash may be among them (the caller loads its events and finds no match).
    public func cases(owningEventIDs ids: [EventIdentifier]) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try database.read { db in
            let numbers = try withKeys(db, writing: false) {
                $0.events.caseNumbers(filedUnder: ids.lazy.map(\.stableHash))
            }
            return Set(try Self.references(of: numbers, db).values)
        }
    }

    /// The accepted events of these cases, per case in acceptance order.
    public func events(ofCases caseRefs: Set<String>) throws -> [String: [StoredEvent]] {
        guard !caseRefs.isEmpty else { return [:] }
        return try database.read { db in
            // Every number filed under the references' hashes; then, in one read, only those
            // whose stored reference is one of them.
            let candidates = try withKeys(db, writing: false) {
                $0.cases.caseNumbers(filedUnder: caseRefs.lazy.map(StableHash.of))
            }
            let numbers = try Self.references(of: candidates, db).filter { caseRefs.contains($0.value) }.keys
            var events: [String: [StoredEvent]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT \(Self.eventColumns) \(Self.eventSource) "
                    + "WHERE e.case_no IN (SELECT value FROM json_each(?)) ORDER BY e.seq",
                arguments: [Self.jsonArray(numbers)])
            while let row = try rows.next() {
                let event = Self.storedEvent(row)
                events[row[1], default: []].append(event)
            }
            return events
        }
    }

    /// Numbers as a JSON array, for `json_each`.
    static func jsonArray(_ numbers: some Collection<some BinaryInteger>) -> String {
        "[" + numbers.map { String($0) }.joined(separator: ",") + "]"
    }

    /// The references of these case numbers, by number.
    private static func references(of numbers: some Collection<Int64>, _ db: Database) throws -> [Int64: String] {
        guard !numbers.isEmpty else { return [:] }
        var references: [Int64: String] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT case_no, case_ref FROM case_state WHERE case_no IN (SELECT value FROM json_each(?))",
            arguments: [Self.jsonArray(numbers)])
        while let row = try rows.next() { references[row[0]] = row[1] }
        return references
    }

    /// The number of accepted events.
    public func eventCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 }
    }

    /// Commits a file's applied events and its intake record in one transaction; returns the
    /// record's number for `finish`.
    /// `cases` is the folded state of every case the events changed.
    public func commit(
        _ intake: IntakeRecord, events: [StoredEvent], cases: [PersistedCase], at takenAt: String
    ) throws -> Int64 {
        try writeWithKeys { db in
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
            // Every key checked and numbered first, then the rows written: the cases (a new one
            // inserted with its state), the events, and the events' keys. The events are read in
            // place, by index: a copy of each would retain its line's text, made on the thread
            // that prepared the file.
            var write = KeyWrite()
            let (caseNumbers, eventCases) = try withKeys(db, writing: true) { index in
                let caseNumbers = try cases.map { try write.caseNumber(of: $0.storedCaseRef, in: index, db) }
                let eventCases = try events.indices.map { at in
                    let number = try events[at].storedCaseRef.map { try write.caseNumber(of: $0, in: index, db) }
                    try write.addEvent(id: events[at].storedID, caseNumber: number?.0, in: index, db)
                    return number
                }
                return (caseNumbers, eventCases)
            }
            try Self.save(cases, numbered: caseNumbers, in: db)
            let insert = try db.makeStatement(
                sql: "INSERT INTO event (id, case_no, body, file, line, intake) VALUES (?, ?, ?, ?, ?, ?)")
            for (at, number) in eventCases.enumerated() {
                if let (number, isNew) = number, isNew { try Self.insertCase(number, events[at].caseRef, in: db) }
                try RawStatement.run(insert, "inserting an event") { handle in
                    RawStatement.bind(events[at].storedID, to: 1, of: handle)
                    if let (number, _) = number { sqlite3_bind_int64(handle, 2, number) }
                    RawStatement.bind(events[at].body, to: 3, of: handle)
                    RawStatement.bind(events[at].file, to: 4, of: handle)
                    sqlite3_bind_int64(handle, 5, Int64(events[at].line))
                    sqlite3_bind_int64(handle, 6, seq)
                }
            }
            if !events.isEmpty {
                try db.execute(
                    sql: "INSERT INTO event_key (intake, keys) VALUES (?, ?)", arguments: [seq, Data(write.eventKeys)])
                write.intake = seq
            }
            return (seq, write)
        }
    }

    /// Holds SQLite's automatic checkpoints back for a backlog's commits. SQLite copies the
    /// write-ahead log into the database whenever a commit leaves more than 1000 pages in it:
    /// during a backlog that is nearly every commit, on the commit's own thread, and the same hot
    /// index pages are copied again each time. Held back, the log is copied once, by
    /// `backlogEnded` after the backlog step's last commit. A checkpoint moves committed
    /// pages only; it never decides what is durable (the commit's fsync of the log does).
    ///
    /// The writer's page cache grows from SQLite's 2 MiB to `backlogCacheKibibytes` meanwhile:
    /// with random ids (UUIDs) each event lands on another page of the id and case indexes, and
    /// a small cache reads those pages again for every commit (docs/performance.md). The
    /// memory is given back when the backlog ends.
    public func backlogBegan() throws {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            try db.execute(sql: "PRAGMA cache_size = -\(Self.backlogCacheKibibytes)")
        }
    }

    /// The writer's page cache during a backlog, in KiB (64 MiB).
    public static let backlogCacheKibibytes = 65_536

    /// The writer's page cache limit in KiB (SQLite's `cache_size`, which it keeps negative for
    /// KiB): SQLite's default of 2 000, or `backlogCacheKibibytes` during a backlog.
    public func writerCacheKibibytes() throws -> Int {
        try database.writeWithoutTransaction { db in
            -(try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0)
        }
    }

    /// Lets SQLite checkpoint by itself again (every 1000 pages, its default) and copies the
    /// write-ahead log into the database now, and gives the backlog's page cache back. Passive:
    /// it never waits for a reader.
    public func backlogEnded() throws {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
            try db.execute(sql: "PRAGMA cache_size = -2000")
            try db.execute(sql: "PRAGMA shrink_memory")
            try db.checkpoint(.passive)
        }
    }

    /// The committed but unfinished intake of a file with this name and fingerprint: after a
    /// crash between the commit and the move to `processed/`, the file is finished from this
    /// record instead of being applied again.
    public func unfinishedIntake(file: String, fingerprint: String) throws -> (seq: Int64, intake: IntakeRecord)? {
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
            let intake = IntakeRecord(
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
            try Self.finish(seq, in: db)
        }
    }

    /// Marks finished every unfinished intake whose file is no longer waiting (a crash came after
    /// the move but before the mark).
    public func finishIntakes(notIn waiting: Set<String>) throws {
        try database.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT seq, file FROM intake WHERE finished = 0")
            for row in rows where !waiting.contains(row[1] as String) {
                try Self.finish(row[0], in: db)
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

    /// The columns a `StoredEvent` is read from, in `storedEvent(_:)`'s order, from `eventSource`.
    private static let eventColumns = "e.id, c.case_ref, e.body, e.file, e.line"
    /// The events with their cases' references.
    private static let eventSource = "FROM event e LEFT JOIN case_state c ON c.case_no = e.case_no"

    /// A stored event from a row of `eventColumns`.
    private static func storedEvent(_ row: Row) -> StoredEvent {
        StoredEvent(id: row[0], caseRef: row[1], body: row[2], file: row[3], line: row[4])
    }

    /// Marks an intake finished and drops its refused text (see `finishIntake`).
    private static func finish(_ seq: Int64, in db: Database) throws {
        try db.execute(sql: "UPDATE intake SET finished = 1, rejected = NULL WHERE seq = ?", arguments: [seq])
    }
}
