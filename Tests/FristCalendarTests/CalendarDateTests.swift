import FristCalendar
import Testing

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test("parses and prints YYYY-MM-DD")
    func roundTrip() throws {
        let date = try CalendarDate(parsing: "2026-11-23")
        #expect(date.description == "2026-11-23")
        #expect(date.components == (2026, 11, 23))
        #expect(date.weekday == .monday)
        #expect(try CalendarDate(parsing: "1900-01-01").weekday == .monday)
        #expect(try CalendarDate(parsing: "2200-12-31").weekday == .wednesday)
        #expect(try CalendarDate(parsing: "2024-02-29").description == "2024-02-29")
    }

    @Test("every supported day survives day number → components → date")
    func everyDayRoundTrips() throws {
        var previous: CalendarDate?
        for number in Int(CalendarDate.earliest.dayNumber)...Int(CalendarDate.latest.dayNumber) {
            let date = try CalendarDate(dayNumber: number)
            let (year, month, day) = date.components
            #expect(try CalendarDate(year: year, month: month, day: day) == date)
            if let previous { #expect(previous.days(to: date) == 1) }
            previous = date
        }
    }

    @Test(
        "refuses what is not a date, with the message a user sees",
        arguments: [
            ("2026-4-1", "«2026-4-1» er ikke en dato på formen ÅÅÅÅ-MM-DD"),
            ("26-04-01", "«26-04-01» er ikke en dato på formen ÅÅÅÅ-MM-DD"),
            ("2026/04/01", "«2026/04/01» er ikke en dato på formen ÅÅÅÅ-MM-DD"),
            ("", "«» er ikke en dato på formen ÅÅÅÅ-MM-DD"),
            (" 2026-04-01", "« 2026-04-01» er ikke en dato på formen ÅÅÅÅ-MM-DD"),
            ("2026-02-29", "«2026-02-29» er ikke en gyldig dato: februar 2026 har 28 dager"),
            ("1900-02-29", "«1900-02-29» er ikke en gyldig dato: februar 1900 har 28 dager"),
            ("2026-13-01", "«2026-13-01» er ikke en gyldig dato: måned 13 finnes ikke"),
            ("2026-00-10", "«2026-00-10» er ikke en gyldig dato: måned 0 finnes ikke"),
            ("2026-04-31", "«2026-04-31» er ikke en gyldig dato: april 2026 har 30 dager"),
            ("2026-04-00", "«2026-04-00» er ikke en gyldig dato: april 2026 har 30 dager"),
            ("1899-12-31", "«1899-12-31» er utenfor kalenderens område 1900-01-01–2200-12-31"),
            ("2201-01-01", "«2201-01-01» er utenfor kalenderens område 1900-01-01–2200-12-31"),
        ])
    func refusals(text: String, message: String) {
        #expect {
            _ = try CalendarDate(parsing: text)
        } throws: { error in
            (error as? CalendarError)?.description == message
        }
    }

    @Test("day arithmetic refuses to leave the supported range")
    func arithmeticRange() throws {
        #expect(throws: CalendarError.dayOutOfRange(.after)) { try CalendarDate.latest.adding(days: 1) }
        #expect(throws: CalendarError.dayOutOfRange(.before)) { try CalendarDate.earliest.adding(days: -1) }
        #expect(try CalendarDate.latest.adding(days: 0) == .latest)
    }

    @Test("leap years follow the Gregorian rule")
    func leapYears() {
        #expect(CalendarDate.isLeapYear(2000))
        #expect(CalendarDate.isLeapYear(2024))
        #expect(!CalendarDate.isLeapYear(1900))
        #expect(!CalendarDate.isLeapYear(2100))
        #expect(!CalendarDate.isLeapYear(2026))
    }
}
