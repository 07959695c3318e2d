import FristCalendar

/// The byte format of persisted state: unsigned LEB128 integers, zigzag for signed ones, dates as
/// their day number, strings as a length and UTF-8, event ids as a length and their key bytes,
/// rules as a one-byte code, and a byte of flags for a group of optional parts. Compact, and the
/// same value always gives the same bytes, so two states compare by their bytes.
struct StateWriter {
    private(set) var bytes: [UInt8] = []

    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func int(_ value: Int) {
        unsigned(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63))))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// A rule as its one-byte code (see `RuleID.stateCode`).
    mutating func rule(_ value: RuleID) { bytes.append(value.stateCode) }

    mutating func date(_ value: CalendarDate) { int(Int(value.dayNumber)) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { write(utf8: $0) }
    }

    /// An event id, written as its key bytes (see `EventIdentifier.withKeyBytes`): a text id's
    /// UTF-8, or a packed UUID's 18 bytes instead of its 36-character text.
    mutating func identifier(_ value: EventIdentifier) {
        value.withKeyBytes { write(utf8: $0) }
    }

    private mutating func write(utf8: UnsafeBufferPointer<UInt8>) {
        unsigned(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}

/// Why persisted state could not be read: it is never misread, only refused (and then rebuilt
/// from the events).
public struct StateFormatError: Error, CustomStringConvertible {
    /// What was wrong.
    public let description: String

    /// Creates the error.
    public init(description: String) { self.description = description }
}

/// Reads what `StateWriter` wrote, refusing anything short, overlong or out of range. It reads
/// borrowed memory (a database row's, during a restart), so it must not outlive the buffer.
struct StateReader {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func unsigned() throws(StateFormatError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw StateFormatError(description: "truncated integer") }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws(StateFormatError) -> Int {
        let raw = try unsigned()
        return Int(truncatingIfNeeded: Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }

    mutating func bool() throws(StateFormatError) -> Bool {
        switch try byte() {
        case 0: false
        case 1: true
        case let other: throw StateFormatError(description: "bad flag \(other)")
        }
    }

    mutating func date() throws(StateFormatError) -> CalendarDate {
        let day = try int()
        do { return try CalendarDate(dayNumber: day) } catch {
            throw StateFormatError(description: "date out of range: day \(day)")
        }
    }

    mutating func string() throws(StateFormatError) -> String {
        try Self.text(of: try stringBytes())
    }

    /// An event id written by its key bytes: a packed UUID's, or a text id's UTF-8 (packed when
    /// it is a UUID's text, as `EventIdentifier` always keeps one).
    mutating func identifier() throws(StateFormatError) -> EventIdentifier {
        let slice = try stringBytes()
        if slice.first == 0xFF {
            guard let packed = EventIdentifier(keyBytes: slice) else {
                throw StateFormatError(description: "bad packed UUID")
            }
            return packed
        }
        if let packed = EventIdentifier(packing: slice) { return packed }
        return EventIdentifier(try Self.text(of: slice))
    }

    /// Validated UTF-8 as a string.
    private static func text(of slice: UnsafeRawBufferPointer) throws(StateFormatError) -> String {
        // Ids and units are nearly always ASCII, which needs no further validation.
        if slice.allSatisfy({ $0 < 0x80 }) { return String(decoding: slice, as: UTF8.self) }
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw StateFormatError(description: "string is not UTF-8")
        }
        return text
    }

    /// A string's bytes, borrowed from the buffer.
    private mutating func stringBytes() throws(StateFormatError) -> UnsafeRawBufferPointer {
        let count = try unsigned()
        guard count <= UInt64(bytes.count - offset) else { throw StateFormatError(description: "truncated string") }
        let end = offset + Int(count)
        defer { offset = end }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
    }

    /// A rule by its one-byte code.
    mutating func rule() throws(StateFormatError) -> RuleID {
        let code = try byte()
        guard let rule = RuleID(stateCode: code) else {
            throw StateFormatError(description: "unknown rule code \(code)")
        }
        return rule
    }

    /// A byte of flags, refused when it sets a bit outside `allowed`.
    mutating func flags(allowed: UInt8) throws(StateFormatError) -> UInt8 {
        let flags = try byte()
        guard flags & ~allowed == 0 else { throw StateFormatError(description: "unknown flags \(flags)") }
        return flags
    }

    /// A bit mask written as an unsigned integer, refused when it sets a bit outside `allowed` or
    /// is not written in its fewest bytes (each state has one form).
    mutating func mask(allowed: UInt64) throws(StateFormatError) -> UInt64 {
        let start = offset
        let mask = try unsigned()
        guard mask & ~allowed == 0 else { throw StateFormatError(description: "unknown flags \(mask)") }
        guard offset - start == 1 || bytes[offset - 1] != 0 else {
            throw StateFormatError(description: "a mask not in its fewest bytes")
        }
        return mask
    }

    /// A non-negative count no larger than what the bytes left could hold.
    mutating func count() throws(StateFormatError) -> Int {
        let value = try unsigned()
        guard value <= UInt64(bytes.count - offset) else { throw StateFormatError(description: "count too large") }
        return Int(value)
    }

    private mutating func byte() throws(StateFormatError) -> UInt8 {
        guard offset < bytes.count else { throw StateFormatError(description: "truncated") }
        defer { offset += 1 }
        return bytes[offset]
    }
}

extension RuleID {
    /// The rule's code in persisted state (see `RuleDefinition.stateCode`).
    var stateCode: UInt8 { Rules.codes[ordinal] }

    /// The rule with this code in persisted state, if any.
    init?(stateCode: UInt8) {
        guard let rule = Rules.withStateCode[Int(stateCode)] else { return nil }
        self = rule
    }
}
