/// Values handed on in chunks of at most `size`, as `CaseStateLog.forEachPersistedCase` gives
/// them: the adapters that decode on the caller's thread collect through this.
public struct DecodedChunks<Decoded> {
    private var chunk: [Decoded] = []
    private let size: Int
    private let consume: ([Decoded]) throws -> Void

    /// Chunks of `size` for `consume`.
    public init(size: Int, _ consume: @escaping ([Decoded]) throws -> Void) {
        self.size = size
        self.consume = consume
        chunk.reserveCapacity(size)
    }

    /// Adds a value; a full chunk is handed on.
    public mutating func add(_ value: Decoded) throws {
        chunk.append(value)
        if chunk.count == size {
            try consume(chunk)
            chunk.removeAll(keepingCapacity: true)
        }
    }

    /// Hands on the last, partial chunk.
    public mutating func finish() throws {
        if !chunk.isEmpty { try consume(chunk) }
        chunk.removeAll()
    }
}
