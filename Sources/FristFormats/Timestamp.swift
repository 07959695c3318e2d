public import Foundation
public import FristCalendar

/// Wall-clock instants rendered in the configured time zone: the only place fristvakt turns
/// an instant into a calendar date, so rule code never sees `Foundation.Date`.
public enum Timestamp {
    /// `YYYY-MM-DDTHH:MM:SS±HH:MM` for a local date and time in a time zone (DST-correct).
    public static func rfc3339(_ date: CalendarDate, _ time: TimeOfDay, timeZone: String) -> String {
        rfc3339(instant(date, time, timeZone: timeZone), timeZone: timeZone)
    }

    /// The instant of a local date and time in a time zone (DST-correct: 07:00 in Oslo is 06:00Z
    /// in winter and 05:00Z in summer).
    public static func instant(_ date: CalendarDate, _ time: TimeOfDay, timeZone: String) -> Date {
        let (year, month, day) = date.components
        let components = DateComponents(year: year, month: month, day: day, hour: time.hour, minute: time.minute)
        return gregorian(timeZone).date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    /// The instant an RFC 3339 timestamp with offset names (as `rfc3339` writes them), or nil.
    public static func parseRFC3339(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }

    /// `YYYY-MM-DDTHH:MM:SS±HH:MM` for an instant in a time zone.
    public static func rfc3339(_ instant: Date, timeZone: String) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: timeZone) ?? .gmt  // start-up checked the zone (checkTimeZone)
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: instant)
    }

    /// The calendar date of an instant in a time zone.
    public static func calendarDate(of instant: Date, timeZone: String) throws(CalendarError) -> CalendarDate {
        let parts = gregorian(timeZone).dateComponents([.year, .month, .day], from: instant)
        return try CalendarDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
    }

    private static func gregorian(_ timeZone: String) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .gmt  // start-up checked the zone (checkTimeZone)
        return calendar
    }
}
