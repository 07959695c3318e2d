public import FristEngine
import FristStorage
import PostgresNIO

/// Each case's folded state, written with the events and alerts that changed it, under the
/// state's version, and read back when a node starts or finds another node's write.
extension PostgresStorage {
    /// Every case's folded state, and the fingerprint it was written under.
    public func persistedCases() throws -> (fingerprint: String?, cases: [PersistedCase]) {
        var cases: [PersistedCase] = []
        let fingerprint = try forEachPersistedCase(decodingAhead: { caseRef, bytes in
            PersistedCase(caseRef: caseRef, bytes: [UInt8](bytes))
        }) { cases += $0 }
        return (fingerprint, cases)
    }

    /// The state's fingerprint, and the number of persisted cases.
    public func persistedCaseSummary() throws -> (fingerprint: String?, count: Int) {
        try transaction(repeatable: true) { connection in
            let count = try connection.rows("SELECT count(*) FROM case_state", logger: logger).first!.decode(Int64.self)
            return (try fingerprint(connection), Int(count))
        }
    }

    /// The cases' states in one consistent read, decoded on this thread a chunk at a time.
    public func forEachPersistedCase<Decoded: Sendable>(
        decodingAhead decode: @escaping @Sendable (String, UnsafeRawBufferPointer) throws -> Decoded,
        chunkSize: Int, _ consume: ([Decoded]) throws -> Void
    ) throws -> String? {
        try transaction(repeatable: true) { connection in
            let fingerprint = try fingerprint(connection)
            try withoutActuallyEscaping(consume) { consume in
                var chunks = DecodedChunks(size: chunkSize, consume)
                try connection.forEachRow(
                    "SELECT case_ref, state FROM case_state ORDER BY case_ref COLLATE \"C\"", logger: logger
                ) { row in
                    let (caseRef, state) = try row.decode((String, ByteBuffer).self)
                    try chunks.add(try state.withUnsafeReadableBytes { try decode(caseRef, $0) })
                }
                try chunks.finish()
            }
            return fingerprint
        }
    }

    /// Replaces every case's folded state and the fingerprint in one transaction, under the
    /// state's version.
    public func replaceCases(_ cases: [PersistedCase], fingerprint: String) throws {
        try versionedWrite { connection in
            try connection.run("DELETE FROM case_state", logger: logger)
            for start in stride(from: 0, to: cases.count, by: 10_000) {
                try save(cases[start..<min(start + 10_000, cases.count)], connection)
            }
            try setMeta("state_fingerprint", fingerprint, connection)
        }
    }

    func save(_ cases: some Collection<PersistedCase>, _ connection: PostgresConnection) throws {
        guard !cases.isEmpty else { return }
        try connection.run(
            """
            INSERT INTO case_state (case_ref, state)
            SELECT * FROM unnest(\(cases.map(\.caseRef)), \(cases.map { ByteBuffer(bytes: $0.bytes) }))
            ON CONFLICT (case_ref) DO UPDATE SET state = excluded.state
            """, logger: logger)
    }

    private func fingerprint(_ connection: PostgresConnection) throws -> String? {
        try connection.rows("SELECT value FROM meta WHERE name = 'state_fingerprint'", logger: logger).first?.decode(
            String.self)
    }

    func setMeta(_ name: String, _ value: String, _ connection: PostgresConnection) throws {
        try connection.run(
            """
            INSERT INTO meta (name, value) VALUES (\(name), \(value))
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """, logger: logger)
    }
}
