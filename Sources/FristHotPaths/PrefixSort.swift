/// Sorting by an integer key and then by a text, where most texts are never compared: each element
/// is sorted as two integers (its key, and its text's first eight bytes), and only elements whose
/// key and first eight bytes agree are compared in full, by the caller.
///
/// A status lists hundreds of thousands of open clocks, most urgent first; many share a day, so
/// a plain sort compares their case references again and again, each a heap string when it is a
/// UUID. Here a comparison is two integers, and the elements themselves are moved once.
public enum PrefixSort {
    /// A text's first eight bytes, big-endian, zero-padded: when two prefixes differ, they order
    /// the texts as their bytes do (texts without NUL bytes, which no identifier holds).
    @inlinable
    public static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var prefix: UInt64 = 0
        for offset in 0..<8 {
            prefix = prefix << 8 | UInt64(offset < bytes.count ? bytes[offset] : 0)
        }
        return prefix
    }

    /// A signed number as an unsigned one of the same order (for a key made of several fields).
    @inlinable
    public static func ordered(_ value: Int32) -> UInt32 {
        UInt32(bitPattern: value) ^ 0x8000_0000
    }

    /// The positions `0 ..< count` in the order of their `key`, then their `prefix`, then
    /// `precedes` (a strict order over the rest of the element, the text in full first);
    /// positions equal in all three keep their order.
    @inlinable
    public static func order(
        count: Int, key: (Int) -> UInt64, prefix: (Int) -> UInt64, precedes: (_ lhs: Int, _ rhs: Int) -> Bool
    ) -> [Int] {
        var entries = (0..<count).map { Entry(key: key($0), prefix: prefix($0), position: $0) }
        entries.sort { lhs, rhs in
            if lhs.key != rhs.key { return lhs.key < rhs.key }
            if lhs.prefix != rhs.prefix { return lhs.prefix < rhs.prefix }
            if precedes(lhs.position, rhs.position) { return true }
            if precedes(rhs.position, lhs.position) { return false }
            return lhs.position < rhs.position
        }
        return entries.map(\.position)
    }

    /// One element as the sort sees it: 24 bytes, no reference counted.
    @usableFromInline
    struct Entry {
        @usableFromInline let key: UInt64
        @usableFromInline let prefix: UInt64
        @usableFromInline let position: Int

        @usableFromInline
        init(key: UInt64, prefix: UInt64, position: Int) {
            self.key = key
            self.prefix = prefix
            self.position = position
        }
    }
}
