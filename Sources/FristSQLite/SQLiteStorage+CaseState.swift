import Foundation
import FristCalendar
public import FristEngine
import FristFormats
import FristStorage
import GRDB
import GRDBSQLite
import Synchronization

/// Each case's folded state, written with the events that changed it and read back at a start.
extension SQLiteStorage {
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
            (
                try Self.stateFingerprint(db),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM case_state WHERE state IS NOT NULL") ?? 0
            )
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
            let statement = try db.makeStatement(
                sql: "SELECT case_ref, state FROM case_state WHERE state IS NOT NULL")
            try RawStatement.forEachRow(statement, "reading case_state") { handle in
                let caseRef = String(decoding: RawStatement.column(0, of: handle), as: UTF8.self)
                try body(&target, caseRef, RawStatement.column(1, of: handle))
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
        chunkSize: Int, _ consume: ([Decoded]) throws -> Void
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

    static func stateFingerprint(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'state_fingerprint'")
    }

    /// Replaces every case's folded state and its fingerprint in one transaction (after a
    /// rebuild from the events, or a configuration that moved deadlines). A case keeps its
    /// number, which its events name.
    public func replaceCases(_ cases: [PersistedCase], fingerprint: String) throws {
        try writeWithKeys { db in
            try db.execute(sql: "UPDATE case_state SET state = NULL")
            let write = try save(cases, in: db)
            try Self.setMeta("state_fingerprint", fingerprint, in: db)
            return ((), write)
        }
    }

    /// Runs `body` in a write transaction; what it adds to the key index (`KeyWrite`) is added
    /// once the transaction has committed, never for one rolled back.
    func writeWithKeys<Result>(_ body: (Database) throws -> (Result, KeyWrite)) throws -> Result {
        let (result, write) = try database.write(body)
        keys.withLock { $0?.apply(write) }
        return result
    }

    /// Saves these cases' states in `db`'s write transaction, numbering a new case; returns what
    /// the key index gains, to be applied once the transaction has committed.
    func save(_ cases: [PersistedCase], in db: Database) throws -> KeyWrite {
        var write = KeyWrite()
        let numbers = try withKeys(db, writing: true) { index in
            try cases.map { try write.caseNumber(of: $0.storedCaseRef, in: index, db) }
        }
        try Self.save(cases, numbered: numbers, in: db)
        return write
    }

    /// Writes each case's state under its number (`KeyWrite.caseNumber`): a new case's row is
    /// inserted, a known one's state replaced.
    static func save(_ cases: [PersistedCase], numbered numbers: [(Int64, isNew: Bool)], in db: Database) throws {
        guard !cases.isEmpty else { return }
        let insert = try db.makeStatement(sql: "INSERT INTO case_state (case_no, case_ref, state) VALUES (?, ?, ?)")
        let update = try db.makeStatement(sql: "UPDATE case_state SET state = ? WHERE case_no = ?")
        for (persisted, (number, isNew)) in zip(cases, numbers) {
            try persisted.bytes.withUnsafeBytes { bytes in
                if isNew {
                    try RawStatement.run(insert, "saving a new case's state") { handle in
                        sqlite3_bind_int64(handle, 1, number)
                        RawStatement.bind(persisted.storedCaseRef, to: 2, of: handle)
                        _ = sqlite3_bind_blob(handle, 3, bytes.baseAddress, Int32(bytes.count), RawStatement.transient)
                    }
                } else {
                    try RawStatement.run(update, "saving a case's state") { handle in
                        _ = sqlite3_bind_blob(handle, 1, bytes.baseAddress, Int32(bytes.count), RawStatement.transient)
                        sqlite3_bind_int64(handle, 2, number)
                    }
                }
            }
        }
    }

    /// Inserts a case an event names that no saved state brought (its row has no state yet).
    static func insertCase(_ number: Int64, _ reference: String?, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO case_state (case_no, case_ref) VALUES (?, ?)")
            .execute(arguments: [number, reference])
    }

    /// Runs `body` with the key index, built first when this store has none. In a write
    /// transaction (`writing`), it is also built again when another connection has written keys
    /// since. In a read, an index ahead of the read's snapshot (a write committed since it began)
    /// names cases the read does not find yet, as the tables would.
    func withKeys<Result>(_ db: Database, writing: Bool, _ body: (KeyIndex) throws -> Result) throws -> Result {
        try keys.withLock { index in
            if let current = index, try !writing || current.isCurrent(db) {
                return try body(current)
            }
            let loaded = try KeyIndex.load(db)
            index = loaded
            return try body(loaded)
        }
    }
}
