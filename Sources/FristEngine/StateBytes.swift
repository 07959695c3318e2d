import FristCalendar

/// The byte format of persisted state: unsigned LEB128 integers, zigzag for signed ones, dates as
/// their day number, strings as a length and UTF-8. Compact, and the same value always gives the
/// same bytes, so two states compare by their bytes.
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

    mutating func date(_ value: CalendarDate) { int(Int(value.dayNumber)) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { write(utf8: $0) }
    }

    /// An event id, written as its string (a packed UUID is written out without making one).
    mutating func identifier(_ value: EventIdentifier) {
        value.withUTF8 { write(utf8: $0) }
    }

    private mutating func write(utf8: UnsafeBufferPointer<UInt8>) {
        unsigned(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// An optional as a presence byte, then the value.
    mutating func optional<T>(_ value: T?, _ write: (inout StateWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
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

    /// An event id written as a string, packed when it is a UUID's text (no `String` is made).
    mutating func identifier() throws(StateFormatError) -> EventIdentifier {
        let slice = try stringBytes()
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

    /// One of a closed set of names, matched by its bytes (no string is made).
    private mutating func name<T>(
        in table: [(value: T, utf8: [UInt8])], _ what: String
    ) throws(StateFormatError) -> T {
        let slice = try stringBytes()
        for entry in table where entry.utf8.elementsEqual(slice) { return entry.value }
        throw StateFormatError(description: "unknown \(what) «\(String(decoding: slice, as: UTF8.self))»")
    }

    mutating func optional<T>(
        _ read: (inout StateReader) throws(StateFormatError) -> T
    ) throws(StateFormatError) -> T? {
        try bool() ? try read(&self) : nil
    }

    /// A rule by its id.
    mutating func rule() throws(StateFormatError) -> RuleID { try name(in: Self.rules, "rule") }

    /// A patient group by its name.
    mutating func group() throws(StateFormatError) -> PatientGroup { try name(in: Self.groups, "patient group") }

    private static let rules = RuleID.allCases.map { (value: $0, utf8: Array($0.rawValue.utf8)) }
    private static let groups = PatientGroup.allCases.map { (value: $0, utf8: Array($0.rawValue.utf8)) }

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
