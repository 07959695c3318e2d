public import FristCalendar

/// Why an event was refused: a stable machine-readable code, the field at fault (nil when the
/// event as a whole is) and the reason in bokmål. The caller adds the file and line.
public struct EventRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of refusal, for an integrator's software (`code` in `rejected/`).
    public let code: RefusalCode
    /// The field at fault, or nil.
    public let field: String?
    /// Why, in bokmål.
    public let reason: String

    /// Creates a refusal.
    public init(_ code: RefusalCode, field: String?, _ reason: String) {
        self.code = code
        self.field = field
        self.reason = reason
    }

    /// An event dated after today (docs/events.md).
    public static func dateAfterToday(_ date: CalendarDate, today: CalendarDate) -> EventRefusal {
        EventRefusal(.futureDate, field: "date", "datoen \(date) er etter i dag (\(today))")
    }

    /// `felt «date»: reason`, or the reason alone.
    public var description: String {
        if let field { return "felt «\(field)»: \(reason)" }
        return reason
    }
}

/// The stable codes of refusals (`code` in `rejected/NAME.rejected.jsonl`). The raw values are
/// part of the contract: they never change meaning, and new ones are only added.
public enum RefusalCode: String, Sendable, CaseIterable {
    /// The whole file was refused (not a regular file, a symbolic link, too large, unreadable).
    case fileRefused = "file-refused"
    /// The line is longer than the limit.
    case lineTooLong = "line-too-long"
    /// The line is not valid UTF-8.
    case invalidUTF8 = "invalid-utf8"
    /// The line is not JSON.
    case invalidJSON = "invalid-json"
    /// The line is JSON, but not an object.
    case notObject = "not-object"
    /// A key appears twice in the object.
    case duplicateField = "duplicate-field"
    /// The `type` is not an event type of the contract.
    case unknownType = "unknown-type"
    /// A field the event type does not have.
    case unknownField = "unknown-field"
    /// A required field is missing.
    case missingField = "missing-field"
    /// A field has the wrong JSON type, characters, choice or range.
    case invalidValue = "invalid-value"
    /// A date field is not a real `YYYY-MM-DD` date in the supported range.
    case invalidDate = "invalid-date"
    /// The case reference passes the fødselsnummer/D-number check digits.
    case nationalID = "national-id"
    /// The event is dated after today.
    case futureDate = "future-date"
    /// The id was used before by an event with other content.
    case idConflict = "id-conflict"
    /// The case does not exist and the event does not start one.
    case unknownCase = "unknown-case"
    /// A stop dated before the start it would stop.
    case beforeStart = "before-start"
    /// A date field is before the event's own date (a frist, a validity).
    case dateOrder = "date-order"
    /// A back-dated event that would make a later, accepted event of the case invalid.
    case invalidatesLater = "invalidates-later"
    /// A deadline would fall outside the calendar's range (1900–2200).
    case outOfRange = "out-of-range"
    /// The case's state does not allow the step (already assessed, nothing open to stop, …).
    case state
}
