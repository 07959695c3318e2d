import Glibc

/// A key an event may have (contract § 1): the common ones and every type's extra ones.
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

/// The members of an event's top-level object, each known key in its slot: what the JSON
/// parser gives the event decoder, without a dictionary or a string per known key.
struct EventFields {
    private var slots = [JSONValue?](repeating: nil, count: EventField.allCases.count)
    /// The known keys present.
    private(set) var present = EventField.Set()
    /// Keys that no event type has, in the order written.
    private(set) var unknown: [String] = []

    /// The value of a key, or nil when it is absent.
    subscript(field: EventField) -> JSONValue? { slots[field.rawValue] }

    /// Adds a known key's value; false when the key was already there.
    mutating func add(_ field: EventField, _ value: JSONValue) -> Bool {
        guard slots[field.rawValue] == nil else { return false }
        slots[field.rawValue] = value
        present = present.union(EventField.Set(field))
        return true
    }

    /// Adds a key no event type has; false when the key was already there.
    mutating func add(unknown key: String) -> Bool {
        guard !unknown.contains(key) else { return false }
        unknown.append(key)
        return true
    }

    /// The first key, in sorted order, that is not in `allowed`: what the refusal names.
    func firstKey(notIn allowed: EventField.Set) -> String? {
        guard present.bits & ~allowed.bits != 0 || !unknown.isEmpty else { return nil }
        let outside = EventField.allCases.filter { present.contains($0) && !allowed.contains($0) }.map(\.name)
        return (outside + unknown).min()
    }
}
