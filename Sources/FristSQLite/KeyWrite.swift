import FristEngine
import FristHotPaths
import GRDB
import GRDBSQLite

/// What one write transaction adds to the key index (`KeyIndex`): the cases it numbers and the
/// keys of the events it inserts, decided inside the transaction against the index as it was,
/// and added to the index only once the transaction has committed.
struct KeyWrite {
    /// A case's number, and whether this write numbers it.
    typealias Numbered = (number: Int64, isNew: Bool)

    /// The cases numbered in this write, with their references' hashes.
    private(set) var newCases: [(number: Int64, hash: UInt64)] = []
    /// This write's events' keys (`EventKeys`), for `event_key` and the index.
    private(set) var eventKeys: [UInt8] = []
    /// The intake `eventKeys` are stored under, once they are.
    var intake: Int64?
    /// The references resolved in this write.
    private var numbered: [EventIdentifier: Int64] = [:]
    /// This write's event ids and their hashes, to find an id repeated within it.
    private var idHashes: Set<UInt64> = []
    private var ids: [EventIdentifier] = []

    /// Checks a case's reference before a repeated hash is taken for it.
    private static let referenceSQL = "SELECT case_ref FROM case_state WHERE case_no = ?"
    /// Checks whether a case already holds an event id.
    private static let holdsSQL = "SELECT 1 FROM event WHERE case_no IS ? AND id = ? LIMIT 1"

    /// The number of the case `reference` names, and whether this write numbers it (the caller
    /// then inserts its row). A hash filed under another reference is not taken.
    mutating func caseNumber(of reference: EventIdentifier, in index: KeyIndex, _ db: Database) throws -> Numbered {
        if let number = numbered[reference] { return (number, false) }
        let hash = reference.stableHash
        let known = try index.cases.first(for: hash) { try Self.case(Int64($0), isNamed: reference, db) }
        let number = known.map(Int64.init) ?? index.nextCase + Int64(newCases.count)
        numbered[reference] = number
        if known == nil {
            _ = try KeyIndex.caseNumber(number)
            newCases.append((number, hash))
        }
        return (number, known == nil)
    }

    /// Whether case `number` has this reference: read with SQLite's own accessors, compared as
    /// bytes (one read for nearly every event of a case already stored).
    private static func `case`(_ number: Int64, isNamed reference: EventIdentifier, _ db: Database) throws -> Bool {
        let statement = try db.cachedStatement(sql: referenceSQL)
        sqlite3_bind_int64(statement.sqliteStatement, 1, number)
        var named = false
        try RawStatement.forEachRow(statement, "reading a case's reference") { handle in
            named = reference.withUTF8 { $0.elementsEqual(RawStatement.column(0, of: handle)) }
        }
        return named
    }

    /// Notes an event this write inserts; throws as SQLite's unique constraint would when its id
    /// is already taken, by an earlier write or this one.
    mutating func addEvent(id: EventIdentifier, caseNumber: Int64?, in index: KeyIndex, _ db: Database) throws {
        let hash = id.stableHash
        var taken = !idHashes.insert(hash).inserted && ids.contains(id)
        try index.events.forEach(for: hash) { number in
            let owner: Int64? = number == KeyIndex.noCase ? nil : Int64(number)
            taken =
                try taken || Bool.fetchOne(db.cachedStatement(sql: Self.holdsSQL), arguments: [owner, id.text]) != nil
        }
        guard !taken else {
            throw DatabaseError(
                resultCode: .SQLITE_CONSTRAINT_UNIQUE, message: "event id «\(id.text)» is already stored")
        }
        ids.append(id)
        EventKeys.append(
            hash: hash, caseNumber: try caseNumber.map(KeyIndex.caseNumber) ?? KeyIndex.noCase, to: &eventKeys)
    }
}

extension EventIdentifier {
    /// The `StableHash` of the identifier's text (a packed UUID written out on the stack).
    var stableHash: UInt64 { withUTF8(StableHash.of) }
}
