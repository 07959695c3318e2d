/// Identifiers (the engine's case references, and the ids of the events it holds)
/// interned as dense integer handles 0, 1, 2, … in the order they were first inserted, so the
/// engine's arrays are indexed by the handle.
///
/// One table replaces a `[String]` beside a `[String: Int]`: the identifiers' bytes sit end to
/// end in one array, found through an open-addressing table of 8-byte slots, and nothing in it
/// is reference-counted per identifier, which keeps the idle service's memory down.
///
/// Identifiers are equal when their bytes are. For the contract's references (ASCII
/// `A–Z a–z 0–9 . _ : -`) that is exactly `String`'s equality; for strings in general it is not
/// (Swift compares canonically equivalent strings as equal). The table has no order of its own:
/// its users sort by what their identifiers stand for (`CaseReferences`, by the texts).
///
/// The hash is keyed with a random seed per table, so the slot an identifier lands in cannot be
/// chosen from outside the process. Handles do not depend on the seed: everything the engine
/// derives from the table is deterministic.
public struct IdentifierTable: Sendable {
    /// The identifiers' UTF-8 bytes, end to end, in handle order.
    private var bytes: [UInt8] = []
    /// Where each identifier's bytes end: handle `h` spans `ends[h - 1] ..< ends[h]`.
    private var ends: [UInt32] = []
    /// Open addressing with linear probing; at most three quarters full (a probe reads on along
    /// one cache line of eight slots, so a fuller table costs little time and saves memory).
    /// 0 is an empty slot; otherwise the
    /// high 32 bits are the identifier's hash (compared before its bytes) and the low 32 bits its
    /// handle plus one.
    private var slots: [UInt64]
    private let seed: UInt64

    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

    /// An empty table.
    public init() {
        self.init(seed: UInt64.random(in: 0...UInt64.max))
    }

    /// An empty table hashing with this seed (a test fixes it, so that a failure replays).
    public init(seed: UInt64) {
        self.seed = seed
        slots = [UInt64](repeating: 0, count: 16)
    }

    /// The number of identifiers.
    public var count: Int { ends.count }

    /// Makes room for `identifiers` in all, so that none of them rehashes the table.
    public mutating func reserveCapacity(_ identifiers: Int) {
        ends.reserveCapacity(identifiers)
        let needed = Self.slotCount(for: identifiers)
        if needed > slots.count { rehash(slotCount: needed) }
    }

    /// The handle of `identifier`, if it was inserted.
    public func handle(of identifier: String) -> Int? {
        var identifier = identifier
        return identifier.withUTF8(handle(ofUTF8:))
    }

    /// The handle of the identifier with these bytes, if it was inserted.
    public func handle(ofUTF8 utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        let (slot, found) = probe(utf8, hash: digest(utf8))
        return found ? Self.handle(inSlot: slots[slot]) : nil
    }

    /// Inserts `identifier` unless present; returns its handle either way, and whether it was
    /// inserted (it then has the next handle, `count - 1` afterwards).
    public mutating func insert(_ identifier: String) -> (handle: Int, inserted: Bool) {
        var identifier = identifier
        return identifier.withUTF8 { insert(bytes: $0) }
    }

    /// `insert(_:)` for an identifier given as its bytes: its UTF-8, or another encoding that is
    /// equal exactly when the identifiers are (an event id's key bytes; such a table is never
    /// read back as text).
    public mutating func insert(bytes utf8: UnsafeBufferPointer<UInt8>) -> (handle: Int, inserted: Bool) {
        let hash = digest(utf8)
        let (slot, found) = probe(utf8, hash: hash)
        if found { return (Self.handle(inSlot: slots[slot]), false) }
        let handle = ends.count
        precondition(bytes.count + utf8.count <= UInt32.max, "identifier table over 4 GiB")
        bytes.append(contentsOf: utf8)
        ends.append(UInt32(bytes.count))
        slots[slot] = (hash & Self.tagMask) | UInt64(handle + 1)
        let needed = Self.slotCount(for: ends.count)
        if needed > slots.count { rehash(slotCount: needed) }
        return (handle, true)
    }

    /// Takes out the identifier inserted last (a new case whose first event was refused).
    ///
    /// With linear probing, emptying the last insertion's slot breaks no other identifier's
    /// probe sequence: every identifier inserted before it found its slot while this one was
    /// still empty, so none of them probes past it.
    public mutating func removeLast() {
        let handle = ends.count - 1
        let slot = bytes.withUnsafeBufferPointer { all in
            let utf8 = UnsafeBufferPointer(rebasing: all[range(of: handle)])
            return probe(utf8, hash: digest(utf8)).slot
        }
        precondition(Self.handle(inSlot: slots[slot]) == handle, "identifier table: last insertion not found")
        slots[slot] = 0
        bytes.removeLast(range(of: handle).count)
        ends.removeLast()
    }

    /// The identifier with this handle.
    public subscript(handle: Int) -> String {
        withUTF8(of: handle) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of the identifier with this handle.
    public func withUTF8<Result>(
        of handle: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows
        -> Result
    {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range(of: handle)])) }
    }

    // MARK: - The table

    private func range(of handle: Int) -> Range<Int> {
        (handle == 0 ? 0 : Int(ends[handle - 1]))..<Int(ends[handle])
    }

    private static func handle(inSlot slot: UInt64) -> Int { Int(slot & 0xFFFF_FFFF) - 1 }

    /// The smallest power of two that keeps `identifiers` at most three quarters of the slots.
    private static func slotCount(for identifiers: Int) -> Int {
        let wanted = max(16, identifiers * 4 / 3)
        return 1 << (Int.bitWidth - (wanted - 1).leadingZeroBitCount)
    }

    /// Where an identifier with this hash starts its probe among `slotCount` slots (a power of two).
    private static func firstSlot(of hash: UInt64, in slotCount: Int) -> Int {
        Int(truncatingIfNeeded: hash) & (slotCount - 1)
    }

    /// The slot holding `utf8`, or the empty slot where it would go.
    private func probe(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, found: Bool) {
        let mask = slots.count - 1
        let tag = hash & Self.tagMask
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { all in
                var slot = Self.firstSlot(of: hash, in: slots.count)
                while true {
                    let content = slots[slot]
                    if content == 0 { return (slot, false) }
                    if content & Self.tagMask == tag,
                        all[range(of: Self.handle(inSlot: content))].elementsEqual(utf8)
                    {
                        return (slot, true)
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Builds the slots anew at `slotCount`, inserting every identifier in handle order.
    private mutating func rehash(slotCount: Int) {
        var fresh = [UInt64](repeating: 0, count: slotCount)
        let mask = slotCount - 1
        bytes.withUnsafeBufferPointer { all in
            for handle in ends.indices {
                let hash = digest(UnsafeBufferPointer(rebasing: all[range(of: handle)]))
                var slot = Self.firstSlot(of: hash, in: slotCount)
                while fresh[slot] != 0 { slot = (slot + 1) & mask }
                fresh[slot] = (hash & Self.tagMask) | UInt64(handle + 1)
            }
        }
        slots = fresh
    }

    /// A keyed hash of the bytes: eight at a time, each word mixed in by a 128-bit multiply and
    /// folded (the construction of wyhash). Not cryptographic; the random seed is what keeps
    /// slots from being chosen from outside.
    private func digest(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        func mix(_ value: UInt64, _ multiplier: UInt64) -> UInt64 {
            let product = value.multipliedFullWidth(by: multiplier)
            return product.high ^ product.low
        }
        var hash = seed ^ (UInt64(utf8.count) &* 0x9E37_79B9_7F4A_7C15)
        let raw = UnsafeRawBufferPointer(utf8)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = mix(hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self), 0xA076_1D64_78BD_642F)
            offset += 8
        }
        if offset < raw.count {
            var word: UInt64 = 0
            for (shift, byte) in raw[offset...].enumerated() { word |= UInt64(byte) << (8 * UInt64(shift)) }
            hash = mix(hash ^ word, 0xE703_7ED1_A0B4_28DB)
        }
        return mix(hash ^ 0x8EBC_6AF0_9C88_C6E3, seed | 1)
    }
}
