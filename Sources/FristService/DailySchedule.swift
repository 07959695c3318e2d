public import Foundation
public import FristCalendar
public import FristFormats

/// When the daily alert run happens: at the configured local time (default 07:00) in the
/// configured time zone, DST-correct. The *alert day* rolls over at that time, not at midnight:
/// between midnight and 07:00 the last run's day is still the one in force.
public struct DailySchedule: Sendable {
    /// The local time of the run.
    public let time: TimeOfDay
    /// The IANA time zone.
    public let timeZone: String

    /// A schedule.
    public init(time: TimeOfDay, timeZone: String) {
        self.time = time
        self.timeZone = timeZone
    }

    /// The calendar date of an instant the calendar serves; a clock outside the calendar's years
    /// (a broken RTC, a mistyped test clock) is refused rather than counted from 1900.
    public func checkedToday(at now: Date) throws(ClockOutOfCalendar) -> CalendarDate {
        do {
            return try Timestamp.calendarDate(of: now, timeZone: timeZone)
        } catch {
            throw ClockOutOfCalendar(instant: Timestamp.rfc3339(now, timeZone: "UTC"))
        }
    }

    /// The calendar date of an instant (callers have checked the clock with `checkedToday`).
    public func today(at now: Date) -> CalendarDate {
        // The configuration checked the zone; dates of real instants are in range.
        (try? Timestamp.calendarDate(of: now, timeZone: timeZone)) ?? .earliest
    }

    /// The latest day whose run time has come.
    public func alertDay(at now: Date) -> CalendarDate {
        let today = today(at: now)
        if now >= runTime(of: today) { return today }
        return (try? today.adding(days: -1)) ?? today
    }

    /// The instant of a day's run.
    public func runTime(of day: CalendarDate) -> Date {
        Timestamp.instant(day, time, timeZone: timeZone)
    }

    /// The run a status file written at `now` must have seen: the latest run at least `margin`
    /// before `now` (the run itself and the write after it take a moment). A status file older
    /// than that instant is stale: the service missed a daily run.
    public func latestRunDue(at now: Date, margin: TimeInterval) -> Date {
        runTime(of: alertDay(at: now.addingTimeInterval(-margin)))
    }

    /// The instant of the next run after the one for `day`.
    public func nextRun(after day: CalendarDate) -> Date {
        guard let next = try? day.adding(days: 1) else { return .distantFuture }
        return runTime(of: next)
    }
}

/// The wall clock stands outside the years the calendar serves: the service stops instead of
/// judging deadlines against a wrong day.
public struct ClockOutOfCalendar: Error, CustomStringConvertible {
    /// The clock's instant, in UTC.
    public let instant: String
    /// The refusal, in bokmål, with the way out.
    public var description: String {
        "klokken viser \(instant), utenfor kalenderens område \(CalendarDate.supportedYears.lowerBound)–"
            + "\(CalendarDate.supportedYears.upperBound); tjenesten stopper. Rett systemklokken (timedatectl, NTP) "
            + "eller FRISTVAKT_NOW og start den igjen"
    }
}
