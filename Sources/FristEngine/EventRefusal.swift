public import FristCalendar

/// Why an event was refused: the field at fault (nil when the event as a whole is) and the
/// reason in bokmål. The caller adds the file and line.
public struct EventRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field at fault, or nil.
    public let field: String?
    /// Why, in bokmål.
    public let reason: String

    /// Creates a refusal.
    public init(field: String?, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    /// An event dated after today (contract § 1).
    public static func dateAfterToday(_ date: CalendarDate, today: CalendarDate) -> EventRefusal {
        EventRefusal(field: "date", "datoen \(date) er etter i dag (\(today))")
    }

    /// `felt «date»: reason`, or the reason alone.
    public var description: String {
        if let field { return "felt «\(field)»: \(reason)" }
        return reason
    }
}
