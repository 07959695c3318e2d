import FristCalendar
public import FristHotPaths

/// The persisted state's writer: the byte format (`ByteWriter`, in `FristHotPaths`) with the
/// engine's own types on top: dates as their day number, strings as a length and UTF-8, event
/// ids as a length and their key bytes, rules as a one-byte code.
typealias StateWriter = ByteWriter

/// The persisted state's reader (`ByteReader`), refusing anything short, overlong or out of
/// range.
typealias StateReader = ByteReader

/// Why persisted state could not be read: it is never misread, only refused (and then rebuilt
/// from the events).
public typealias StateFormatError = ByteFormatError

extension ByteWriter {
    /// A rule as its one-byte code (see `RuleID.stateCode`).
    mutating func rule(_ value: RuleID) { byte(value.stateCode) }

    mutating func date(_ value: CalendarDate) { int(Int(value.dayNumber)) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { lengthPrefixed($0) }
    }

    /// An event id, written as its key bytes (see `EventIdentifier.withKeyBytes`): a text id's
    /// UTF-8, or a packed UUID's 18 bytes instead of its 36-character text.
    mutating func identifier(_ value: EventIdentifier) {
        value.withKeyBytes { lengthPrefixed($0) }
    }
}

extension ByteReader {
    mutating func date() throws(StateFormatError) -> CalendarDate {
        let day = try int()
        do { return try CalendarDate(dayNumber: day) } catch {
            throw StateFormatError(description: "date out of range: day \(day)")
        }
    }

    mutating func string() throws(StateFormatError) -> String {
        try Self.text(of: try lengthPrefixed())
    }

    /// An event id written by its key bytes: a packed UUID's, or a text id's UTF-8 (packed when
    /// it is a UUID's text, as `EventIdentifier` always keeps one).
    mutating func identifier() throws(StateFormatError) -> EventIdentifier {
        let slice = try lengthPrefixed()
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
        if ASCIIScan.isASCII(slice) { return String(decoding: slice, as: UTF8.self) }
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw StateFormatError(description: "string is not UTF-8")
        }
        return text
    }

    /// A rule by its one-byte code.
    mutating func rule() throws(StateFormatError) -> RuleID {
        let code = try byte()
        guard let rule = RuleID(stateCode: code) else {
            throw StateFormatError(description: "unknown rule code \(code)")
        }
        return rule
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
