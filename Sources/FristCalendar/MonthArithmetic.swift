/// Month and week periods of domstolloven § 148 (rules.md § 1).
extension CalendarDate {
    /// The largest month count accepted.
    public static let maximumMonths = 12 * 301

    /// § 148: `months` months after this date end on the day of the last month with the same
    /// day number; if that month has no such day, on its last day.
    public func adding(months: Int) throws(CalendarError) -> CalendarDate {
        guard (0...Self.maximumMonths).contains(months) else {
            throw .countOutOfRange(value: months, allowed: 0...Self.maximumMonths)
        }
        let (year, month, day) = components
        let total = year * 12 + (month - 1) + months
        let (newYear, newMonth) = (total / 12, total % 12 + 1)
        guard newYear <= CalendarDate.latest.year else { throw .dayOutOfRange(.after) }
        let newDay = min(day, CalendarDate.daysInMonth(year: newYear, month: newMonth))
        return try CalendarDate(year: newYear, month: newMonth, day: newDay)
    }

    /// § 148: `weeks` weeks after this date is the date 7 × `weeks` days later.
    public func adding(weeks: Int) throws(CalendarError) -> CalendarDate {
        try adding(days: 7 * weeks)
    }
}
