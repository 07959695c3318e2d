import FristHotPaths
import GRDB
import GRDBSQLite

/// The database's two text keys indexed in memory rather than in SQLite: each case reference's
/// number (`case_state.case_no`) and each accepted event id's case. A B-tree keyed by random text
/// (a UUID) takes every insert on another page, and every such page is written to the log at the
/// commit; numbered cases and an id index kept here leave intake's writes appends at the end of
/// each table (docs/performance.md). The index is built from the database at the first need, and
/// grows by each committed write (`KeyWrite`).
///
/// Entries are filed by `StableHash`; a hash is never taken for its key: a case's reference is
/// read back to confirm it, and an id's owning cases are candidates to load and check.
struct KeyIndex: Sendable {
    /// Case numbers by the hash of their reference.
    var cases = HashedNumbers()
    /// The case of each accepted event (`noCase` for an event without one) by the hash of its id.
    var events = HashedNumbers()
    /// The number the next new case gets.
    var nextCase: Int64 = 1
    /// The last intake whose events' keys are held (0 for none).
    var lastIntake: Int64 = 0

    /// The case number filed for an event with no case.
    static let noCase = UInt32.max

    /// The index of what `db` holds now.
    static func load(_ db: Database) throws -> KeyIndex {
        var index = KeyIndex()
        let counts = try Row.fetchOne(db, sql: "SELECT count(*), (SELECT count(*) FROM event) FROM case_state")
        index.cases.reserveCapacity(counts?[0] ?? 0)
        index.events.reserveCapacity(counts?[1] ?? 0)
        let cases = try db.makeStatement(sql: "SELECT case_no, case_ref FROM case_state")
        try RawStatement.forEachRow(cases, "reading the case numbers") { handle in
            let number = sqlite3_column_int64(handle, 0)
            index.cases.insert(try caseNumber(number), for: StableHash.of(RawStatement.column(1, of: handle)))
            index.nextCase = max(index.nextCase, number + 1)
        }
        let keys = try db.makeStatement(sql: "SELECT intake, keys FROM event_key")
        try RawStatement.forEachRow(keys, "reading the event keys") { handle in
            EventKeys.forEach(in: RawStatement.column(1, of: handle)) { index.events.insert($1, for: $0) }
            index.lastIntake = max(index.lastIntake, sqlite3_column_int64(handle, 0))
        }
        return index
    }

    /// Whether the index still covers what `db` holds: no other connection has added a case or
    /// an intake's event keys since it was built (checked at every write, in its transaction).
    func isCurrent(_ db: Database) throws -> Bool {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT coalesce(max(case_no), 0), (SELECT coalesce(max(intake), 0) FROM event_key) FROM case_state")
        return row?[0] == nextCase - 1 && row?[1] == lastIntake
    }

    /// Adds what a committed write added. Adding the same write twice changes nothing.
    mutating func apply(_ write: KeyWrite) {
        for (number, hash) in write.newCases {
            cases.insert(UInt32(number), for: hash)
            nextCase = max(nextCase, number + 1)
        }
        write.eventKeys.withUnsafeBytes { keys in EventKeys.forEach(in: keys) { events.insert($1, for: $0) } }
        if let intake = write.intake { lastIntake = max(lastIntake, intake) }
    }

    /// A case number as the index holds it; throws beyond four billion cases.
    static func caseNumber(_ number: Int64) throws -> UInt32 {
        guard number > 0, number < Int64(noCase) else {
            throw DatabaseError(resultCode: .SQLITE_RANGE, message: "case number \(number) out of range")
        }
        return UInt32(number)
    }
}

extension HashedNumbers {
    /// Every case number filed under these keys' hashes (`StableHash`; none for an event
    /// without a case): the candidates a read then checks.
    func caseNumbers(filedUnder hashes: some Sequence<UInt64>) -> Set<Int64> {
        var numbers: Set<Int64> = []
        for hash in hashes {
            forEach(for: hash) { number in
                if number != KeyIndex.noCase { numbers.insert(Int64(number)) }
            }
        }
        return numbers
    }
}

/// The keys of one intake's events as `event_key.keys` holds them: per event, in acceptance
/// order, the `StableHash` of its id (8 bytes) and its case number (4 bytes, `KeyIndex.noCase`
/// for none), little-endian.
enum EventKeys {
    /// Bytes per event.
    static let width = 12

    /// Appends one event's key.
    static func append(hash: UInt64, caseNumber: UInt32, to keys: inout [UInt8]) {
        withUnsafeBytes(of: hash.littleEndian) { keys.append(contentsOf: $0) }
        withUnsafeBytes(of: caseNumber.littleEndian) { keys.append(contentsOf: $0) }
    }

    /// Calls `body` with each event's id hash and case number.
    static func forEach(in keys: UnsafeRawBufferPointer, _ body: (UInt64, UInt32) -> Void) {
        var offset = 0
        while offset + width <= keys.count {
            body(
                UInt64(littleEndian: keys.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                UInt32(littleEndian: keys.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)))
            offset += width
        }
    }
}
