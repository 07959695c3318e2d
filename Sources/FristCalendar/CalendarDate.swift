/// A day in the civil (Gregorian) calendar of Europe/Oslo, with no time and no time zone.
///
/// Every `CalendarDate` lies in ``CalendarDate/supportedRange`` (1900-01-01 … 2200-12-31): the
/// initialisers and the arithmetic refuse anything outside it, so the calendar's precomputed
/// index covers every date the rest of fristvakt can hold.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let dayNumber: Int32

    /// The first date the calendar supports.
    public static let earliest = CalendarDate(uncheckedYear: 1900, month: 1, day: 1)
    /// The last date the calendar supports.
    public static let latest = CalendarDate(uncheckedYear: 2200, month: 12, day: 31)
    /// Every date the calendar supports.
    public static let supportedRange: ClosedRange<CalendarDate> = earliest...latest
    /// The years the calendar supports.
    public static let supportedYears: ClosedRange<Int> = 1900...2200

    /// Creates a date from its components, refusing impossible and unsupported dates.
    public init(year: Int, month: Int, day: Int) throws(CalendarError) {
        // The text only for a refusal: the common path allocates nothing.
        var text: String { CalendarDate.format(year: year, month: month, day: day) }
        guard (1...12).contains(month) else {
            throw .invalidDate(text, reason: "måned \(month) finnes ikke")
        }
        guard Self.supportedYears.contains(year) else { throw .outOfRange(text) }
        let length = CalendarDate.daysInMonth(year: year, month: month)
        guard (1...length).contains(day) else {
            throw .invalidDate(text, reason: "\(CalendarDate.monthNames[month - 1]) \(year) har \(length) dager")
        }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// Creates a date from a day number, refusing one outside the supported range.
    public init(dayNumber: Int) throws(CalendarError) {
        guard (Int(Self.earliest.dayNumber)...Int(Self.latest.dayNumber)).contains(dayNumber) else {
            throw .dayOutOfRange(dayNumber > Int(Self.latest.dayNumber) ? .after : .before)
        }
        self.dayNumber = Int32(dayNumber)
    }

    /// Parses `YYYY-MM-DD` exactly: four-digit year, two-digit month and day.
    public init(parsing text: some StringProtocol) throws(CalendarError) {
        let bytes = Array(text.utf8)
        do {
            self = try bytes.withUnsafeBytes { try CalendarDate(parsingUTF8: $0) }
        } catch let error as CalendarError {
            throw error
        } catch {
            throw .malformed(String(text))  // not reached: the parse throws only CalendarError
        }
    }

    /// Parses `YYYY-MM-DD` from its UTF-8 bytes (a line read in bulk), with the same checks and
    /// messages as `init(parsing:)`.
    public init(parsingUTF8 bytes: UnsafeRawBufferPointer) throws(CalendarError) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            throw .malformed(String(decoding: bytes, as: UTF8.self))
        }
        var valid = true
        func digits(_ range: Range<Int>) -> Int {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) &- 48
                valid = valid && digit >= 0 && digit <= 9
                value = value &* 10 &+ digit
            }
            return value
        }
        let year = digits(0..<4)
        let month = digits(5..<7)
        let day = digits(8..<10)
        guard valid else { throw .malformed(String(decoding: bytes, as: UTF8.self)) }
        try self.init(year: year, month: month, day: day)
    }

    /// Appends `YYYY-MM-DD` as UTF-8 (the bulk answer of the calendar commands, with no `String`).
    public func appendISO8601(to output: inout [UInt8]) {
        let (year, month, day) = components
        func two(_ value: Int) {
            output.append(UInt8(48 + value / 10))
            output.append(UInt8(48 + value % 10))
        }
        two(year / 100)
        two(year % 100)
        output.append(UInt8(ascii: "-"))
        two(month)
        output.append(UInt8(ascii: "-"))
        two(day)
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.dayNumber = Int32(CalendarDate.daysFromCivil(year: year, month: month, day: day))
    }

    /// The year, month and day of this date.
    public var components: (year: Int, month: Int, day: Int) {
        CalendarDate.civilFromDays(Int(dayNumber))
    }

    /// The year of this date.
    public var year: Int { components.year }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let offset = ((Int(dayNumber) % 7) + 7 + 3) % 7
        return Weekday(rawValue: offset + 1)!
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = components
        return CalendarDate.format(year: year, month: month, day: day)
    }

    /// The date `days` calendar days later (earlier when negative), refusing to leave the range.
    public func adding(days: Int) throws(CalendarError) -> CalendarDate {
        try CalendarDate(dayNumber: Int(dayNumber) + days)
    }

    /// The number of calendar days from `self` to `other` (negative when `other` is earlier).
    public func days(to other: CalendarDate) -> Int {
        Int(other.dayNumber) - Int(dayNumber)
    }

    /// Earlier dates sort first.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }

    /// The number of days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether a year is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static let monthNames = [
        "januar", "februar", "mars", "april", "mai", "juni",
        "juli", "august", "september", "oktober", "november", "desember",
    ]

    private static func format(year: Int, month: Int, day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    // Howard Hinnant's days_from_civil / civil_from_days, exact for the proleptic Gregorian calendar.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
