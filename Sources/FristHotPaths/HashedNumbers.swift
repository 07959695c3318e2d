/// Numbers filed under 64-bit key hashes, for a store that keeps a key's index in memory rather
/// than as a B-tree of random text on disk: one entry per hash in the common case, and every
/// number kept when keys with different numbers share a hash. A lookup gives candidates; the
/// caller checks which, if any, is its key's.
///
/// The hashes are already well mixed (`StableHash`), so they place themselves: an open-addressing
/// table of hashes, probed linearly and at most three quarters full, beside the numbers in the
/// same order. A lookup of a hash not filed (every new event id at intake) reads one cache line
/// of the hashes and nothing else; a `Dictionary` would hash the hash again and read its
/// occupancy bitmap and its keys.
public struct HashedNumbers: Sendable {
    /// The filed hashes by slot; 0 is an empty slot. A key whose hash is 0 is filed under 1: a
    /// lookup of either gives the numbers of both, which are only candidates.
    private var hashes: [UInt64]
    /// The first number filed under each slot's hash.
    private var numbers: [UInt32]
    /// The number of filed hashes.
    private var filed = 0
    /// Numbers beyond the first for a hash several keys share.
    private var more: [UInt64: [UInt32]] = [:]

    /// An empty index.
    public init() {
        hashes = [UInt64](repeating: 0, count: 16)
        numbers = [UInt32](repeating: 0, count: 16)
    }

    /// Makes room for this many pairs.
    public mutating func reserveCapacity(_ pairs: Int) {
        let needed = Self.slotCount(for: pairs)
        if needed > hashes.count { rehash(slotCount: needed) }
    }

    /// Files `number` under `hash`; a pair already held is not added again.
    public mutating func insert(_ number: UInt32, for hash: UInt64) {
        let key = Self.key(hash)
        let (slot, found) = probe(key)
        guard found else {
            hashes[slot] = key
            numbers[slot] = number
            filed += 1
            let needed = Self.slotCount(for: filed)
            if needed > hashes.count { rehash(slotCount: needed) }
            return
        }
        guard numbers[slot] != number, !(more[key]?.contains(number) ?? false) else { return }
        more[key, default: []].append(number)
    }

    /// The first number filed under `hash` for which `matches` holds, in filing order.
    public func first(for hash: UInt64, where matches: (UInt32) throws -> Bool) rethrows -> UInt32? {
        let key = Self.key(hash)
        let (slot, found) = probe(key)
        guard found else { return nil }
        if try matches(numbers[slot]) { return numbers[slot] }
        return try more[key]?.first(where: matches)
    }

    /// Calls `body` with every number filed under `hash`.
    public func forEach(for hash: UInt64, _ body: (UInt32) throws -> Void) rethrows {
        let key = Self.key(hash)
        let (slot, found) = probe(key)
        guard found else { return }
        try body(numbers[slot])
        try more[key]?.forEach(body)
    }

    // MARK: - The table

    private static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

    /// The smallest power of two that keeps `pairs` at most three quarters of the slots.
    private static func slotCount(for pairs: Int) -> Int {
        let wanted = max(16, pairs * 4 / 3 + 1)
        return 1 << (Int.bitWidth - (wanted - 1).leadingZeroBitCount)
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func probe(_ key: UInt64) -> (slot: Int, found: Bool) {
        hashes.withUnsafeBufferPointer { hashes in
            let mask = hashes.count - 1
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let held = hashes[slot]
                if held == key { return (slot, true) }
                if held == 0 { return (slot, false) }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Builds the table anew at `slotCount` slots, each hash with its first number.
    private mutating func rehash(slotCount: Int) {
        var freshHashes = [UInt64](repeating: 0, count: slotCount)
        var freshNumbers = [UInt32](repeating: 0, count: slotCount)
        let mask = slotCount - 1
        for (key, number) in zip(hashes, numbers) where key != 0 {
            var slot = Int(truncatingIfNeeded: key) & mask
            while freshHashes[slot] != 0 { slot = (slot + 1) & mask }
            freshHashes[slot] = key
            freshNumbers[slot] = number
        }
        hashes = freshHashes
        numbers = freshNumbers
    }
}
