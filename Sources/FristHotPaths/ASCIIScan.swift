/// Whether bytes are ASCII, or the characters of a reference, eight at a time: every line of
/// every event file is asked (valid ASCII is valid UTF-8, and needs no further check), and every
/// event's id and case reference.
public enum ASCIIScan {
    /// Whether every byte is below 0x80.
    @inlinable
    public static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var high: UInt64 = 0
        var offset = 0
        while offset + 8 <= bytes.count {
            high |= bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset &+= 8
        }
        while offset < bytes.count {
            high |= UInt64(bytes[offset])
            offset &+= 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Whether every byte is one of a reference's characters (the contract's `A–Z a–z 0–9 . _ :
    /// -`). A UUID's 36 are five words (the last overlapping the one before), not 36 look-ups.
    public static func areReferenceBytes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // Under a word, byte by byte: copying the bytes into a word costs more than it saves.
        guard bytes.count >= 8 else { return bytes.allSatisfy(isReferenceByte) }
        var offset = 0
        while offset + 8 < bytes.count {
            guard areReferenceBytes(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) else { return false }
            offset &+= 8
        }
        // The last eight bytes, some of them perhaps asked already.
        return areReferenceBytes(bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
    }

    /// Whether a byte is a reference's character (a bit per ASCII byte, read from two words).
    private static func isReferenceByte(_ byte: UInt8) -> Bool {
        let word: UInt64 = byte < 64 ? 0x07FF_6000_0000_0000 : 0x07FF_FFFE_87FF_FFFE
        return byte < 128 && (word >> UInt64(byte & 63)) & 1 == 1
    }

    /// Whether all eight bytes of `word` are a reference's characters (`ByteLanes`: each byte in
    /// one of five ranges, and below 0x80, which the ranges' tests take for granted).
    private static func areReferenceBytes(_ word: UInt64) -> Bool {
        let accepted =
            ByteLanes.within(0x2D, 0x2E, word) | ByteLanes.within(0x30, 0x3A, word)
            | ByteLanes.within(0x41, 0x5A, word) | ByteLanes.within(0x5F, 0x5F, word)
            | ByteLanes.within(0x61, 0x7A, word)
        return word & ByteLanes.high == 0 && accepted == ByteLanes.high
    }
}
