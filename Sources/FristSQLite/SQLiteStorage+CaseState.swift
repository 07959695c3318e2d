import Foundation
import FristCalendar
public import FristEngine
import FristFormats
import FristStorage
import GRDB
import GRDBSQLite

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
    /// rebuild from the events, or a configuration that moved deadlines).
    public func replaceCases(_ cases: [PersistedCase], fingerprint: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM case_state")
            try Self.save(cases, in: db)
            try Self.setMeta("state_fingerprint", fingerprint, in: db)
        }
    }

    static func save(_ cases: [PersistedCase], in db: Database) throws {
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
}
