/// A calendar month (`YYYY-MM`), as reports group by: its first and last day, and the next one.
public struct CalendarMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month, 1–12.
    public let month: Int

    /// The month of a date.
    public init(of date: CalendarDate) {
        let (year, month, _) = date.components
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM` exactly, within the supported years.
    public init(parsing text: some StringProtocol) throws(CalendarError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1])
        else { throw .malformed(String(text)) }
        guard (1...12).contains(month) else { throw .invalidDate(String(text), reason: "måned \(month) finnes ikke") }
        guard CalendarDate.supportedYears.contains(year) else { throw .outOfRange(String(text)) }
        self.year = year
        self.month = month
    }

    /// The first day.
    public var firstDay: CalendarDate {
        // In range by construction: the year is a supported one.
        (try? CalendarDate(year: year, month: month, day: 1)) ?? .earliest
    }

    /// The last day.
    public var lastDay: CalendarDate {
        (try? CalendarDate(year: year, month: month, day: CalendarDate.daysInMonth(year: year, month: month)))
            ?? .latest
    }

    /// The month after this one.
    public var next: CalendarMonth {
        month == 12 ? CalendarMonth(year: year + 1, month: 1) : CalendarMonth(year: year, month: month + 1)
    }

    /// The month before this one.
    public var previous: CalendarMonth {
        month == 1 ? CalendarMonth(year: year - 1, month: 12) : CalendarMonth(year: year, month: month - 1)
    }

    /// Whether a date falls in this month.
    public func contains(_ date: CalendarDate) -> Bool { CalendarMonth(of: date) == self }

    private init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// `YYYY-MM`.
    public var description: String {
        // The supported years all have four digits.
        "\(year)-\(month < 10 ? "0" : "")\(month)"
    }

    /// Months order by time.
    public static func < (lhs: CalendarMonth, rhs: CalendarMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
