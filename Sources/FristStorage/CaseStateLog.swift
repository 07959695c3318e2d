public import FristEngine

/// Each case's folded state (`PersistedCase`), written in the same transaction as the events and
/// alerts that changed it, under a fingerprint of the format and configuration it was folded
/// with. A start reads it back instead of folding every event again.
public protocol CaseStateLog: Sendable {
    /// The state's fingerprint (nil before the first full write), and the number of cases.
    func persistedCaseSummary() throws -> (fingerprint: String?, count: Int)

    /// Every case's folded state, and the fingerprint it was written under.
    func persistedCases() throws -> (fingerprint: String?, cases: [PersistedCase])

    /// The start's read: hands each case's reference and bytes (valid only during the call) to
    /// `decode`, which is pure and may run on another thread, and gives the decoded values back
    /// in `consume`, in chunks of at most `chunkSize`, on the caller's thread. Returns the
    /// fingerprint the cases were written under.
    func forEachPersistedCase<Decoded: Sendable>(
        decodingAhead decode: @escaping @Sendable (String, UnsafeRawBufferPointer) throws -> Decoded,
        chunkSize: Int, _ consume: ([Decoded]) throws -> Void
    ) throws -> String?

    /// Replaces every case's folded state and the fingerprint, all or nothing (after a replay, or
    /// a configuration that moved deadlines).
    func replaceCases(_ cases: [PersistedCase], fingerprint: String) throws
}

extension CaseStateLog {
    /// The start's read in chunks of 16 384 cases.
    public func forEachPersistedCase<Decoded: Sendable>(
        decodingAhead decode: @escaping @Sendable (String, UnsafeRawBufferPointer) throws -> Decoded,
        _ consume: ([Decoded]) throws -> Void
    ) throws -> String? {
        try forEachPersistedCase(decodingAhead: decode, chunkSize: 16_384, consume)
    }
}
