/// The Norwegian working-day calendar ("virkedager", rules.md § 1) with a precomputed index, so
/// every question it answers takes constant time.
///
/// Working days are Monday–Friday (and Saturday when configured) that are neither public
/// holidays nor configured extra closed days.
public struct WorkingDayCalendar: Sendable {
    /// The options this calendar was built with.
    public let options: CalendarOptions

    private struct DayFlags: OptionSet {
        let rawValue: UInt8
        static let working = DayFlags(rawValue: 1)
        static let publicHoliday = DayFlags(rawValue: 2)
    }

    /// Flags per supported day, indexed from ``CalendarDate/earliest``.
    private let flags: [DayFlags]
    /// `cumulative[i]`: the number of working days in `earliest … earliest + i`.
    private let cumulative: [Int32]
    /// `workingDayIndex[k]`: the day index of the (k + 1)-th working day of the range.
    private let workingDayIndex: [Int32]

    /// The largest working-day count the calendar accepts (more than the range holds).
    public static let maximumWorkingDays = 100_000

    /// Builds the index for a set of options (about 110 000 days; a few milliseconds).
    public init(options: CalendarOptions = CalendarOptions()) {
        self.options = options
        let first = Int(CalendarDate.earliest.dayNumber)
        let count = Int(CalendarDate.latest.dayNumber) - first + 1
        var flags = [DayFlags](repeating: [], count: count)
        var closed = [Bool](repeating: false, count: count)
        for year in CalendarDate.supportedYears {
            // Every date built here is inside the range, so these calls cannot throw.
            for (date, _) in try! PublicHoliday.all(in: year) {
                flags[Int(date.dayNumber) - first].insert(.publicHoliday)
            }
            for day in options.extraClosedDays {
                closed[Int(try! day.date(in: year).dayNumber) - first] = true
            }
        }
        for date in options.extraClosedDates {
            closed[Int(date.dayNumber) - first] = true
        }
        var cumulative = [Int32](repeating: 0, count: count)
        var workingDayIndex: [Int32] = []
        workingDayIndex.reserveCapacity(count * 5 / 7 + 1)
        var running: Int32 = 0
        for index in 0..<count {
            let weekday = (((first + index) % 7) + 7 + 3) % 7 + 1
            let openWeekday = weekday <= 5 || (weekday == 6 && options.saturdayIsWorkingDay)
            if openWeekday && !flags[index].contains(.publicHoliday) && !closed[index] {
                flags[index].insert(.working)
                running += 1
                workingDayIndex.append(Int32(index))
            }
            cumulative[index] = running
        }
        self.flags = flags
        self.cumulative = cumulative
        self.workingDayIndex = workingDayIndex
    }

    private func index(_ date: CalendarDate) -> Int {
        Int(date.dayNumber) - Int(CalendarDate.earliest.dayNumber)
    }

    private func date(atIndex index: Int) -> CalendarDate {
        // Indices come from the table, so they are inside the range.
        try! CalendarDate(dayNumber: Int(CalendarDate.earliest.dayNumber) + index)
    }

    /// Whether a date is a working day under this calendar's options.
    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        flags[index(date)].contains(.working)
    }

    /// Whether a date is one of the twelve public holidays (independent of the options).
    public func isPublicHoliday(_ date: CalendarDate) -> Bool {
        flags[index(date)].contains(.publicHoliday)
    }

    /// The date `count` working days after `date`: `date` is day 0, the result is the
    /// `count`-th working day strictly after it (rules.md § 1). Zero returns `date` itself.
    public func addingWorkingDays(_ count: Int, to date: CalendarDate) throws(CalendarError) -> CalendarDate {
        guard (0...Self.maximumWorkingDays).contains(count) else {
            throw .countOutOfRange(value: count, allowed: 0...Self.maximumWorkingDays)
        }
        if count == 0 { return date }
        let target = Int(cumulative[index(date)]) + count
        guard target <= workingDayIndex.count else { throw .dayOutOfRange(.after) }
        return self.date(atIndex: Int(workingDayIndex[target - 1]))
    }

    /// The number of working days W with `start` < W ≤ `end`; negative (the count of
    /// `end` < W ≤ `start`) when `end` is before `start`.
    public func workingDays(after start: CalendarDate, through end: CalendarDate) -> Int {
        Int(cumulative[index(end)]) - Int(cumulative[index(start)])
    }

    /// The first day T with at most `window` working days W, T < W ≤ `due`: the day a
    /// working-day clock enters a warning window of that size. Constant time.
    public func firstDay(withAtMost window: Int, workingDaysUntil due: CalendarDate) -> CalendarDate {
        let needed = Int(cumulative[index(due)]) - max(0, window)
        if needed <= Int(cumulative[0]) { return CalendarDate.earliest }
        return date(atIndex: Int(workingDayIndex[needed - 1]))
    }

    /// The first working day on or after `date`.
    public func workingDay(onOrAfter date: CalendarDate) throws(CalendarError) -> CalendarDate {
        isWorkingDay(date) ? date : try addingWorkingDays(1, to: date)
    }
}
