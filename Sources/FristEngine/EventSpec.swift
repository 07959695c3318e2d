public import FristCalendar

/// What an event type is on the wire: its name, the track it belongs to, and the fields it takes
/// beyond the common ones (`id`, `type`, `case`, `date`, `unit`). A rule that needs events the
/// contract does not have declares them in its own file (`Rule.events`); the decoder, the
/// encoder and the refusals follow from the spec.
public struct EventSpec: Sendable {
    /// The wire name, such as `complaint.filed`.
    public let name: String
    /// The name of the type that starts this type's track (itself for a starting type): a type
    /// dated before the first start of its track in a case is refused as before its start.
    public let track: String
    /// Whether this type may open a case that does not exist yet.
    public var startsCase: Bool { track == name }
    /// The type's own fields, in the order the encoder writes them.
    public let fields: [FieldSpec]

    /// A type in the track that `track` starts.
    public init(_ name: String, track: String, fields: [FieldSpec] = []) {
        self.name = name
        self.track = track
        self.fields = fields
    }

    /// A type that starts a track (and may open a case).
    public init(starting name: String, fields: [FieldSpec] = []) {
        self.init(name, track: name, fields: fields)
    }

    /// The type this spec names.
    public var type: EventType { EventType(rawValue: name)! }
}

/// A field a declared event type takes: its key, the JSON value it holds, and whether it must be
/// given. The decoder refuses a value of another kind, naming the field.
public struct FieldSpec: Sendable, Equatable {
    /// The key, as written in an event.
    public let name: String
    /// The value it holds.
    public let kind: Kind
    /// Whether an event of the type must have it.
    public let isRequired: Bool

    /// A field's value kind.
    public enum Kind: Sendable, Equatable {
        /// A date, `YYYY-MM-DD`.
        case date
        /// A whole number within the range.
        case integer(ClosedRange<Int32>)
        /// `true` or `false`.
        case bool
        /// One of the strings.
        case choice([String])
    }

    /// A field.
    public init(_ name: String, _ kind: Kind, required: Bool) {
        self.name = name
        self.kind = kind
        self.isRequired = required
    }
}

/// An event of a declared type: the type and its fields' values, inline and trivial (no heap
/// storage, so an `Event` stays as cheap to copy as one of the contract's types).
public struct DeclaredEvent: Sendable, Equatable {
    /// The most fields a declared type may have.
    public static let capacity = 3

    /// The type.
    public let type: EventType
    /// Each field's value by its place in the spec: a date's day number, an integer, 0 or 1, a
    /// choice's index; `absent` when not given.
    private var values: (Int32, Int32, Int32) = (absent, absent, absent)
    private static let absent = Int32.min

    /// An event of `type` with no field given.
    public init(_ type: EventType) {
        precondition(type.isDeclared, "\(type) is one of the contract's types, with a case of its own")
        self.type = type
    }

    /// The same type with the same fields given.
    public static func == (lhs: DeclaredEvent, rhs: DeclaredEvent) -> Bool {
        lhs.type == rhs.type && lhs.values == rhs.values
    }

    /// A date field's value.
    public func date(_ name: String) -> CalendarDate? { position(name).flatMap(date(at:)) }

    /// A date field's value by its place in the spec.
    public func date(at position: Int) -> CalendarDate? {
        // Stored only from a date, so always within the calendar.
        self[position].flatMap { try? CalendarDate(dayNumber: Int($0)) }
    }

    /// An integer field's value.
    public func integer(_ name: String) -> Int? { raw(name).map(Int.init) }

    /// A boolean field's value.
    public func bool(_ name: String) -> Bool? { raw(name).map { $0 != 0 } }

    /// A choice field's value.
    public func choice(_ name: String) -> String? {
        guard let position = position(name), let index = self[position],
            case .choice(let choices) = type.spec.fields[position].kind
        else { return nil }
        return choices[Int(index)]
    }

    /// Gives a date field.
    public mutating func set(_ name: String, _ date: CalendarDate) { self[position(name)!] = date.dayNumber }

    /// Gives an integer field.
    public mutating func set(_ name: String, _ integer: Int32) { self[position(name)!] = integer }

    /// Gives a boolean field.
    public mutating func set(_ name: String, _ flag: Bool) { self[position(name)!] = flag ? 1 : 0 }

    /// Gives a choice field, by the choice's text.
    public mutating func set(_ name: String, choice: String) {
        let position = position(name)!
        guard case .choice(let choices) = type.spec.fields[position].kind, let index = choices.firstIndex(of: choice)
        else { preconditionFailure("«\(choice)» is not a choice of \(type)'s «\(name)»") }
        self[position] = Int32(index)
    }

    /// A field's value as stored, by its place in the spec (nil: not given). Set only values of
    /// the field's kind: a date's day number, an integer in its range, 0 or 1, a choice's index.
    public subscript(position: Int) -> Int32? {
        get {
            let value =
                switch position {
                case 0: values.0
                case 1: values.1
                default: values.2
                }
            return value == Self.absent ? nil : value
        }
        set {
            precondition(position < type.spec.fields.count, "no field \(position) in \(type)")
            let value = newValue ?? Self.absent
            switch position {
            case 0: values.0 = value
            case 1: values.1 = value
            default: values.2 = value
            }
        }
    }

    private func position(_ name: String) -> Int? {
        let position = type.spec.fields.firstIndex { $0.name == name }
        precondition(position != nil, "\(type) has no field «\(name)»")
        return position
    }

    private func raw(_ name: String) -> Int32? { position(name).flatMap { self[$0] } }
}
