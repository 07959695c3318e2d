/// Numbers filed under 64-bit key hashes, for a store that keeps a key's index in memory rather
/// than as a B-tree of random text on disk: one entry per hash in the common case, and every
/// number kept when keys with different numbers share a hash. A lookup gives candidates; the
/// caller checks which, if any, is its key's.
public struct HashedNumbers: Sendable {
    private var first: [UInt64: UInt32] = [:]
    /// Numbers beyond the first for a hash several keys share.
    private var more: [UInt64: [UInt32]] = [:]

    /// An empty index.
    public init() {}

    /// Makes room for this many pairs.
    public mutating func reserveCapacity(_ pairs: Int) {
        first.reserveCapacity(pairs)
    }

    /// Files `number` under `hash`; a pair already held is not added again.
    public mutating func insert(_ number: UInt32, for hash: UInt64) {
        guard let held = first[hash] else {
            first[hash] = number
            return
        }
        guard held != number, !(more[hash]?.contains(number) ?? false) else { return }
        more[hash, default: []].append(number)
    }

    /// The first number filed under `hash` for which `matches` holds, in filing order.
    public func first(for hash: UInt64, where matches: (UInt32) throws -> Bool) rethrows -> UInt32? {
        guard let held = first[hash] else { return nil }
        if try matches(held) { return held }
        return try more[hash]?.first(where: matches)
    }

    /// Calls `body` with every number filed under `hash`.
    public func forEach(for hash: UInt64, _ body: (UInt32) throws -> Void) rethrows {
        guard let held = first[hash] else { return }
        try body(held)
        try more[hash]?.forEach(body)
    }
}
