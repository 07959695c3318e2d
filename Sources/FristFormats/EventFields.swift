import Glibc

/// A key an event may have (docs/events.md): the common ones and every type's extra ones.
enum EventField: Int, CaseIterable {
    case id, type, caseRef, date, unit
    case group, assessmentWorkingDays, outcome, frist, scheduled, reason, substantive, targetMonths, validUntil

    /// The key as written in an event.
    var name: String {
        switch self {
        case .id: "id"
        case .type: "type"
        case .caseRef: "case"
        case .date: "date"
        case .unit: "unit"
        case .group: "group"
        case .assessmentWorkingDays: "assessment_working_days"
        case .outcome: "outcome"
        case .frist: "frist"
        case .scheduled: "scheduled"
        case .reason: "reason"
        case .substantive: "substantive"
        case .targetMonths: "target_months"
        case .validUntil: "valid_until"
        }
    }

    /// The field's bit in a `Set`.
    var bit: UInt16 { 1 << UInt16(rawValue) }

    /// A set of fields as a bit mask, so checking an event's keys allocates nothing.
    struct Set: Equatable {
        var bits: UInt16

        init(_ fields: EventField...) { bits = fields.reduce(0) { $0 | $1.bit } }

        func contains(_ field: EventField) -> Bool { bits & field.bit != 0 }

        func union(_ other: Set) -> Set { Set(bits: bits | other.bits) }

        private init(bits: UInt16) { self.bits = bits }
    }

    /// The field with this key, or nil.
    init?(name: String) {
        guard let field = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = field
    }

    /// The field whose key is these bytes (a key with no escapes, as written), or nil.
    init?(key: UnsafeBufferPointer<UInt8>) {
        for (field, name) in Self.names where name.count == key.count {
            if name.withUnsafeBufferPointer({ memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }) {
                self = field
                return
            }
        }
        return nil
    }

    /// Every field with its key's bytes, for matching keys without a `String`.
    private static let names: [(EventField, [UInt8])] = allCases.map { ($0, Array($0.name.utf8)) }
}

/// The members of an event's top-level object, each known key's value in its slot: what the
/// JSON parser gives the event decoder, with no dictionary, no heap storage for the slots, and no
/// string made for a known key or a string value. It points into the line it was parsed from and
/// is valid only while that line's buffer is.
struct EventFields {
    /// A member's value as the parser reads it.
    enum Value {
        case string(JSONParser.StringToken)
        case number(Double)
        case bool(Bool)
        case null
        case composite(JSONValue)
    }

    /// A slot: a string as its place in the line (or, when it had escapes, the index of its
    /// decoded bytes), a scalar as read, an array or object by index (no event field takes one,
    /// so it is only ever refused). Trivial and 16 bytes, so the slots are cheap to set up.
    enum Token {
        case plain(start: Int32, end: Int32)
        case escaped(Int32)
        case number(Double)
        case bool(Bool)
        case null
        case composite(Int32)
    }

    /// The line the string tokens point into.
    private let line: UnsafeBufferPointer<UInt8>
    /// One slot per `EventField`, by raw value (14 fields: checked by a test).
    private var slots = InlineArray<14, Token?>(repeating: nil)
    /// Decoded strings that had escapes, and arrays or objects: rare, so kept aside.
    private var escaped: [[UInt8]] = []
    private(set) var composites: [JSONValue] = []
    /// The known keys present.
    private(set) var present = EventField.Set()
    /// Keys outside `EventField`, with their values, in the order written.
    private(set) var unknown: [(key: String, token: Token)] = []

    init(line: UnsafeBufferPointer<UInt8>) { self.line = line }

    /// The value of a key, or nil when it is absent.
    subscript(field: EventField) -> Token? { slots[field.rawValue] }

    /// Calls `body` with a string token's bytes (in the line, or its decoded bytes); nil when the
    /// token is not a string.
    func withString<Result, Failure: Error>(
        _ token: Token, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result? {
        switch token {
        case .plain(let start, let end): return try body(UnsafeBufferPointer(rebasing: line[Int(start)..<Int(end)]))
        case .escaped(let index):
            return try escaped[Int(index)].withUnsafeBufferPointer { buffer throws(Failure) in try body(buffer) }
        default: return nil
        }
    }

    /// The JSON type's name of a token in bokmål, for refusals (as `JSONValue.typeName`).
    func typeName(_ token: Token) -> String {
        // The names are `JSONValue`'s: one place for them.
        switch token {
        case .plain, .escaped: JSONValue.string("").typeName
        case .number(let number): JSONValue.number(number).typeName
        case .bool(let flag): JSONValue.bool(flag).typeName
        case .null: JSONValue.null.typeName
        case .composite(let index): composites[Int(index)].typeName
        }
    }

    /// Adds a known key's value; false when the key was already there.
    mutating func add(_ field: EventField, _ value: Value) -> Bool {
        guard slots[field.rawValue] == nil else { return false }
        slots[field.rawValue] = token(value)
        present = present.union(EventField.Set(field))
        return true
    }

    /// Adds a key the contract's types do not have (a declared type's field, or one to refuse);
    /// false when the key was already there.
    mutating func add(unknown key: String, _ value: Value) -> Bool {
        guard !unknown.contains(where: { $0.key == key }) else { return false }
        unknown.append((key, token(value)))
        return true
    }

    /// The value of any key, known or not, or nil when it is absent.
    func token(named name: String) -> Token? {
        if let field = EventField(name: name) { return self[field] }
        return unknown.first { $0.key == name }?.token
    }

    /// A value as a slot holds it.
    private mutating func token(_ value: Value) -> Token {
        switch value {
        case .string(.plain(let range)): return .plain(start: Int32(range.lowerBound), end: Int32(range.upperBound))
        case .string(.escaped(let bytes)):
            escaped.append(bytes)
            return .escaped(Int32(escaped.count - 1))
        case .number(let number): return .number(number)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .composite(let value):
            composites.append(value)
            return .composite(Int32(composites.count - 1))
        }
    }

    /// The first key, in sorted order, that is neither in `allowed` nor one of `declared`: what
    /// the refusal names.
    func firstKey(notIn allowed: EventField.Set, declared: [String] = []) -> String? {
        // Nearly every line has only known keys, all allowed: nothing to look at.
        guard present.bits & ~allowed.bits != 0 || !unknown.isEmpty else { return nil }
        let others = unknown.map(\.key).filter { !declared.contains($0) }
        let outside = EventField.allCases.filter { present.contains($0) && !allowed.contains($0) }.map(\.name)
        return (outside + others).min()
    }
}
