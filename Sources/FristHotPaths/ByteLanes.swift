/// The eight bytes of a 64-bit word tested at once: each test answers in each byte's high bit
/// (0x80 for yes, 0 for no). The UUID reader and the reference check share them.
@usableFromInline
enum ByteLanes {
    /// 0x01 in every byte.
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    /// 0x80 in every byte.
    @usableFromInline static let high: UInt64 = 0x8080_8080_8080_8080

    /// Yes in each byte whose low seven bits are at least `n` (`n` at most 0x80): with the high
    /// bit set first, subtracting `n` borrows from no other byte and leaves the high bit exactly
    /// then. For an ASCII byte (the callers check that apart), the byte itself is at least `n`.
    @inlinable
    static func atLeast(_ n: UInt8, _ word: UInt64) -> UInt64 {
        ((word | high) &- ones &* UInt64(n)) & high
    }

    /// Yes in each ASCII byte from `low` through `highest` (`highest` below 0x80).
    @inlinable
    static func within(_ low: UInt8, _ highest: UInt8, _ word: UInt64) -> UInt64 {
        atLeast(low, word) & ~atLeast(highest + 1, word)
    }
}
