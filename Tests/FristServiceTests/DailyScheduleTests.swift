import Foundation
import FristCalendar
import FristFormats
import FristService
import Testing

/// The daily alert run at 07:00 Europe/Oslo, across the DST changes.
@Suite("daily schedule")
struct DailyScheduleTests {
    let schedule = DailySchedule(time: TimeOfDay(hour: 7, minute: 0), timeZone: "Europe/Oslo")

    static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)!
    }

    @Test("07:00 in Oslo is 06:00Z in winter and 05:00Z in summer, on the days the clocks change too")
    func runTimes() throws {
        let cases: [(day: String, utc: String)] = [
            ("2026-01-15", "2026-01-15T06:00:00Z"),
            ("2026-03-28", "2026-03-28T06:00:00Z"),  // the day before summer time
            ("2026-03-29", "2026-03-29T05:00:00Z"),  // summer time from 02:00 that night
            ("2026-07-01", "2026-07-01T05:00:00Z"),
            ("2026-10-25", "2026-10-25T06:00:00Z"),  // winter time from 03:00 that night
            ("2026-10-24", "2026-10-24T05:00:00Z"),
        ]
        for (day, utc) in cases {
            #expect(schedule.runTime(of: try CalendarDate(parsing: day)) == Self.instant(utc), "\(day)")
        }
        let beforeSpring = try CalendarDate(parsing: "2026-03-28")
        #expect(schedule.nextRun(after: beforeSpring) == Self.instant("2026-03-29T05:00:00Z"))
        // 23 hours between the two runs around the spring change, 25 around the autumn one.
        #expect(
            schedule.nextRun(after: beforeSpring).timeIntervalSince(schedule.runTime(of: beforeSpring)) == 23 * 3600)
        let beforeAutumn = try CalendarDate(parsing: "2026-10-24")
        #expect(
            schedule.nextRun(after: beforeAutumn).timeIntervalSince(schedule.runTime(of: beforeAutumn)) == 25 * 3600)
    }

    @Test("the alert day rolls over at the run time, not at midnight")
    func alertDay() throws {
        #expect(
            schedule.alertDay(at: Self.instant("2026-12-08T05:59:59Z")) == (try CalendarDate(parsing: "2026-12-07")))
        #expect(
            schedule.alertDay(at: Self.instant("2026-12-08T06:00:00Z")) == (try CalendarDate(parsing: "2026-12-08")))
        #expect(schedule.today(at: Self.instant("2026-12-07T23:30:00Z")) == (try CalendarDate(parsing: "2026-12-08")))
        #expect(
            schedule.alertDay(at: Self.instant("2026-12-07T23:30:00Z")) == (try CalendarDate(parsing: "2026-12-07")))
    }
}
