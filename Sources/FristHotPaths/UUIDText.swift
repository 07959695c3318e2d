/// A UUID's 36-character text (RFC 9562: `8-4-4-4-12` hexadecimal digits) read eight digits at a
/// time: a file of UUID ids and case references packs two of them on every line, and intake and
/// `status --events` decode every line.
public enum UUIDText {
    /// Which letters the digits held.
    public struct Letters: OptionSet, Sendable {
        /// One bit per case.
        public let rawValue: UInt8
        /// The letters with these bits.
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// At least one of a–f.
        public static let lowercase = Letters(rawValue: 1)
        /// At least one of A–F.
        public static let uppercase = Letters(rawValue: 2)
    }

    /// The 128 bits of the UUID whose text these bytes are (the first digit the most significant),
    /// and the case of its letters; nil unless the bytes are 36 long, with a dash at offsets 8, 13,
    /// 18 and 23 and a hexadecimal digit everywhere else.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (high: UInt64, low: UInt64, letters: Letters)? {
        guard hasDashes(bytes), let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        // The 32 digits as four words of eight: 0–7; 9–12 and 14–17; 19–22 and 24–27; 28–35.
        func load(_ offset: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        func load4(_ offset: Int) -> UInt64 { UInt64(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        let words = (load(0), load4(9) | load4(14) << 32, load4(19) | load4(24) << 32, load(28))
        let (first, one) = digits(words.0)
        let (second, two) = digits(words.1)
        let (third, three) = digits(words.2)
        let (fourth, four) = digits(words.3)
        let classes = one & two & three & four
        guard classes.valid else { return nil }
        let letters = one.letters.union(two.letters).union(three.letters).union(four.letters)
        return (UInt64(first) << 32 | UInt64(second), UInt64(third) << 32 | UInt64(fourth), letters)
    }

    /// Whether these bytes have a UUID's length and its dashes at their four places
    /// (`8-4-4-4-12`); the digits between are not checked.
    @inlinable
    public static func hasDashes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 36, let base = bytes.baseAddress else { return false }
        let dash = UInt8(ascii: "-")
        return base[8] == dash && base[13] == dash && base[18] == dash && base[23] == dash
    }

    /// Writes the text of the UUID with these 128 bits into `buffer` (36 bytes), its letters in
    /// the case given: the inverse of `parse` for a UUID whose letters share one case.
    public static func write(
        high: UInt64, low: UInt64, uppercase: Bool, into buffer: UnsafeMutableBufferPointer<UInt8>
    ) {
        precondition(buffer.count >= 36, "a UUID's text takes 36 bytes")
        let letters = uppercase ? UInt8(ascii: "A") : UInt8(ascii: "a")
        var position = 0
        for digit in 0..<32 {
            if position == 8 || position == 13 || position == 18 || position == 23 {
                buffer[position] = UInt8(ascii: "-")
                position += 1
            }
            let word = digit < 16 ? high : low
            let value = UInt8(truncatingIfNeeded: word >> UInt64(4 * (15 - digit % 16))) & 0xF
            buffer[position] = value < 10 ? UInt8(ascii: "0") + value : letters + value - 10
            position += 1
        }
    }

    /// What eight digits held: whether all were hexadecimal, and which letters.
    @usableFromInline
    struct Classes {
        @usableFromInline var valid: Bool
        @usableFromInline var letters: Letters

        @inlinable
        init(valid: Bool, letters: Letters) {
            self.valid = valid
            self.letters = letters
        }

        @inlinable
        static func & (lhs: Classes, rhs: Classes) -> Classes {
            Classes(valid: lhs.valid && rhs.valid, letters: lhs.letters.union(rhs.letters))
        }
    }

    /// The value of eight ASCII hexadecimal digits in a little-endian word (the first digit in the
    /// lowest byte, and the most significant in the value), and their classes.
    @inlinable
    static func digits(_ word: UInt64) -> (UInt32, Classes) {
        // Bytes of 0x80 and over are refused (`isASCII`), so the range tests hold.
        let isASCII = ~word & ByteLanes.high
        let isDigit = ByteLanes.within(0x30, 0x39, word)
        let folded = word | 0x2020_2020_2020_2020  // A–F to a–f
        let isLetter = ByteLanes.within(0x61, 0x66, folded)
        let valid = isASCII & (isDigit | isLetter) == ByteLanes.high
        let upper = isLetter & ~(word << 2)  // a letter whose 0x20 bit (moved to 0x80) is clear
        let letters: Letters = [
            isLetter & ~upper != 0 ? .lowercase : [], upper != 0 ? .uppercase : [],
        ]
        // Each byte's value: its low four bits, plus nine for a letter (whose low bits are 1–6).
        let values = (word & 0x0F0F_0F0F_0F0F_0F0F) &+ (isLetter >> 7) &* 9
        // Pairs of digits into bytes, then bytes into the 32 bits, first digit most significant.
        let pairs = ((values << 4) | (values >> 8)) & 0x00FF_00FF_00FF_00FF
        let quads = (pairs | pairs >> 8) & 0x0000_FFFF_0000_FFFF
        let packed = UInt32(truncatingIfNeeded: quads | quads >> 16)
        return (packed.byteSwapped, Classes(valid: valid, letters: letters))
    }
}
