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
    /// What happened, in a few bokmål words (`fristvakt case`'s timeline); the wire name until
    /// `titled` gives one.
    public private(set) var title: String

    /// The same type with its bokmål title.
    func titled(_ title: String) -> EventSpec {
        var spec = self
        spec.title = title
        return spec
    }

    /// A type in the track that `track` starts.
    public init(_ name: String, track: String, fields: [FieldSpec] = []) {
        self.name = name
        self.track = track
        self.fields = fields
        self.title = name
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
    /// Each field's value by its place in the spec, as `FieldSpec.stored` keeps it; `absent`
    /// when not given.
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

    /// A field's value by its name (nil: not given). A value set must be of the field's kind and
    /// within its range or choices.
    public subscript(name: String) -> FieldSpec.Value? {
        get {
            let (position, field) = field(name)
            return stored(at: position).map(field.value(stored:))
        }
        set {
            let (position, field) = field(name)
            guard let newValue else { return setStored(Self.absent, at: position) }
            guard let stored = field.stored(newValue) else {
                preconditionFailure("\(newValue) is not a value of \(type)'s «\(name)»")
            }
            setStored(stored, at: position)
        }
    }

    /// A date field's value.
    public func date(_ name: String) -> CalendarDate? {
        guard case .date(let date)? = self[name] else { return nil }
        return date
    }

    private func field(_ name: String) -> (Int, FieldSpec) {
        guard let position = type.spec.fields.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("\(type) has no field «\(name)»")
        }
        return (position, type.spec.fields[position])
    }

    private func stored(at position: Int) -> Int32? {
        let value =
            switch position {
            case 0: values.0
            case 1: values.1
            default: values.2
            }
        return value == Self.absent ? nil : value
    }

    private mutating func setStored(_ value: Int32, at position: Int) {
        switch position {
        case 0: values.0 = value
        case 1: values.1 = value
        default: values.2 = value
        }
    }
}

extension FieldSpec {
    /// A declared field's value.
    public enum Value: Sendable, Equatable {
        /// A date field's.
        case date(CalendarDate)
        /// An integer field's.
        case integer(Int)
        /// A boolean field's.
        case bool(Bool)
        /// A choice field's, by its text.
        case choice(String)
    }

    /// How a value of this field is kept in 32 bits (a date's day number, the integer, 0 or 1, a
    /// choice's index), or nil when it is not of the field's kind, range or choices.
    func stored(_ value: Value) -> Int32? {
        switch (kind, value) {
        case (.date, .date(let date)): date.dayNumber
        case (.integer(let range), .integer(let integer)):
            Int32(exactly: integer).flatMap { range.contains($0) ? $0 : nil }
        case (.bool, .bool(let flag)): flag ? 1 : 0
        case (.choice(let choices), .choice(let choice)): choices.firstIndex(of: choice).map(Int32.init)
        default: nil
        }
    }

    /// The value kept as `stored` (which `stored(_:)` gave, so always of the field's kind).
    func value(stored: Int32) -> Value {
        switch kind {
        // A day number kept from a date lies within the calendar.
        case .date: .date((try? CalendarDate(dayNumber: Int(stored))) ?? .earliest)
        case .integer: .integer(Int(stored))
        case .bool: .bool(stored != 0)
        case .choice(let choices): .choice(choices[Int(stored)])
        }
    }
}
