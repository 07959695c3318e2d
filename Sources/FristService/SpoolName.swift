import FristEngine

/// A file's name in the spool, kept as the bytes the kernel gave: a name that is not UTF-8 (a
/// Latin-1 `lat\xe9.jsonl` from an old system) is opened, moved and deleted by those bytes, never
/// by a text that only looks like it.
///
/// `display` is the name as text for people and records (the journal, reports, the database, the
/// names of the copies in `processed/` and `rejected/`): a byte that is not UTF-8, a control
/// character and the backslash itself are written `\xNN`, so two names never show the same; an
/// identity number in the name is masked, as everywhere else.
public struct SpoolName: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The name's bytes, without a NUL.
    public let bytes: [UInt8]
    /// The name as text (see the type's comment).
    public let display: String

    /// A name from its bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        display = NationalIdentityNumber.masked(Self.escaped(bytes))
    }

    /// A name that is already text.
    public init(_ text: String) { self.init(bytes: Array(text.utf8)) }

    /// The name as text: `display`.
    public var description: String { display }

    /// Names sort by their bytes, so the order of `incoming/` is the order `ls` shows in the C
    /// locale (writers that want an order name their files so).
    public static func < (left: SpoolName, right: SpoolName) -> Bool {
        left.bytes.lexicographicallyPrecedes(right.bytes)
    }

    /// The bytes as text: valid UTF-8 as it is, except `\` and control characters; every byte of
    /// an invalid sequence as `\xNN`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        var index = 0
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            if length == 1, bytes[index] < 0x20 || bytes[index] == 0x7F || bytes[index] == UInt8(ascii: "\\") {
                text += hex(bytes[index])
            } else if length > 0 {
                text += String(decoding: bytes[index..<(index + length)], as: UTF8.self)
            } else {
                text += hex(bytes[index])
            }
            index += max(length, 1)
        }
        return text
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    /// The length of the well-formed UTF-8 sequence at `index`, or 0 when there is none.
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        return String(validating: bytes[index..<(index + length)], as: UTF8.self) == nil ? 0 : length
    }
}
