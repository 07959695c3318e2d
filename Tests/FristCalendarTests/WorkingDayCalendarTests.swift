import FristCalendar
import FristTesting
import Testing

/// A slow, obviously right reference: walk day by day.
struct DayByDayOracle {
    let calendar: WorkingDayCalendar

    func adding(_ count: Int, to date: CalendarDate) throws -> CalendarDate {
        var current = date
        var left = count
        while left > 0 {
            current = try current.adding(days: 1)
            if calendar.isWorkingDay(current) { left -= 1 }
        }
        return current
    }

    func between(_ start: CalendarDate, _ end: CalendarDate) throws -> Int {
        let (low, high, sign) = start <= end ? (start, end, 1) : (end, start, -1)
        var count = 0
        var current = low
        while current < high {
            current = try current.adding(days: 1)
            if calendar.isWorkingDay(current) { count += 1 }
        }
        return sign * count
    }
}

@Suite("WorkingDayCalendar")
struct WorkingDayCalendarTests {
    let calendar = WorkingDayCalendar()

    @Test(
        "the examples of rules.md § 1",
        arguments: [
            ("2026-11-23", 10, "2026-12-07"),  // two whole weeks
            ("2026-11-21", 10, "2026-12-04"),  // Mon 23 is day 1
            ("2025-04-16", 10, "2025-05-06"),  // skips 17, 18, 21 April and 1 May
            ("2026-12-18", 10, "2027-01-05"),  // skips 25 Dec, 1 Jan and weekends
            ("2027-01-04", 65, "2027-04-08"),  // skips Easter 2027 (25, 26, 29 March)
        ])
    func rulesExamples(start: String, count: Int, expected: String) throws {
        #expect(try calendar.addingWorkingDays(count, to: day(start)) == day(expected))
        #expect(calendar.workingDays(after: day(start), through: day(expected)) == count)
    }

    @Test("the worked example's dates (shared/spec/examples)")
    func workedExample() throws {
        #expect(try calendar.addingWorkingDays(10, to: day("2026-03-27")) == day("2026-04-15"))
        #expect(calendar.workingDays(after: day("2026-04-10"), through: day("2026-04-15")) == 3)
        #expect(calendar.workingDays(after: day("2026-05-13"), through: day("2026-05-29")) == 10)
        #expect(calendar.workingDays(after: day("2026-05-12"), through: day("2026-05-29")) == 11)
    }

    @Test("day 0 is the start itself, whatever weekday it is")
    func zero() throws {
        #expect(try calendar.addingWorkingDays(0, to: day("2026-11-22")) == day("2026-11-22"))
        #expect(try calendar.addingWorkingDays(1, to: day("2026-11-22")) == day("2026-11-23"))
        #expect(calendar.workingDays(after: day("2026-11-23"), through: day("2026-11-23")) == 0)
    }

    @Test("working days between is signed: minus the count the other way")
    func signed() {
        #expect(calendar.workingDays(after: day("2026-12-07"), through: day("2026-11-23")) == -10)
    }

    @Test("refuses negative and huge counts, and results past 2200-12-31")
    func countRefusals() {
        #expect {
            try calendar.addingWorkingDays(-1, to: day("2026-01-01"))
        } throws: { error in
            (error as? CalendarError)?.description == "-1 er utenfor det tillatte området 0–100000"
        }
        #expect(throws: CalendarError.countOutOfRange(value: 100_001, allowed: 0...100_000)) {
            try calendar.addingWorkingDays(100_001, to: day("2026-01-01"))
        }
        #expect {
            try calendar.addingWorkingDays(10, to: day("2200-12-20"))
        } throws: { error in
            (error as? CalendarError)?.description
                == "resultatet ville ligget etter 2200-12-31, utenfor kalenderens område 1900-01-01–2200-12-31"
        }
        #expect(throws: CalendarError.dayOutOfRange(.after)) {
            try calendar.addingWorkingDays(100_000, to: day("1900-01-01"))
        }
    }

    @Test("add-working-days lands on a working day and round-trips, over 20 000 random dates")
    func properties() throws {
        var generator = SeededGenerator(seed: 2026)
        for _ in 0..<20_000 {
            let start = randomDate(using: &generator)
            guard start < day("2199-01-01") else { continue }
            let count = Int.random(in: 1...250, using: &generator)
            let result = try calendar.addingWorkingDays(count, to: start)
            #expect(calendar.isWorkingDay(result))
            #expect(result > start)
            #expect(calendar.workingDays(after: start, through: result) == count)
            // The day before the result has one working day fewer: the result is the first such day.
            #expect(calendar.workingDays(after: start, through: try result.adding(days: -1)) == count - 1)
        }
    }

    @Test("the index agrees with a day-by-day walk, default and configured calendars")
    func agreesWithOracle() throws {
        let calendars = [
            calendar,
            WorkingDayCalendar(options: CalendarOptions(saturdayIsWorkingDay: true)),
            WorkingDayCalendar(
                options: CalendarOptions(
                    extraClosedDates: [day("2026-11-27"), day("1999-06-01")],
                    extraClosedDays: Set(ExtraClosedDay.allCases))),
        ]
        var generator = SeededGenerator(seed: 148)
        for calendar in calendars {
            let oracle = DayByDayOracle(calendar: calendar)
            for _ in 0..<2_000 {
                let start = randomDate(using: &generator)
                guard start > day("1901-01-01"), start < day("2199-01-01") else { continue }
                let count = Int.random(in: 0...80, using: &generator)
                #expect(try calendar.addingWorkingDays(count, to: start) == oracle.adding(count, to: start))
                let end = try start.adding(days: Int.random(in: -120...120, using: &generator))
                #expect(calendar.workingDays(after: start, through: end) == (try oracle.between(start, end)))
            }
        }
    }

    @Test("Saturday as a working day shortens deadlines that span a Saturday")
    func saturdayOption() throws {
        let saturdays = WorkingDayCalendar(options: CalendarOptions(saturdayIsWorkingDay: true))
        #expect(saturdays.isWorkingDay(day("2026-11-28")))
        #expect(!saturdays.isWorkingDay(day("2026-11-29")))
        #expect(!saturdays.isWorkingDay(day("2026-12-26")))  // andre juledag on a Saturday stays closed
        // Mon 23 Nov + 10: Tue 24 … Sat 28 (5), Mon 30 … Thu 3 Dec (9), Fri 4 Dec (10).
        #expect(try saturdays.addingWorkingDays(10, to: day("2026-11-23")) == day("2026-12-04"))
        var generator = SeededGenerator(seed: 6)
        for _ in 0..<5_000 {
            let start = randomDate(using: &generator)
            guard start < day("2199-01-01") else { continue }
            let count = Int.random(in: 1...100, using: &generator)
            #expect(try saturdays.addingWorkingDays(count, to: start) <= calendar.addingWorkingDays(count, to: start))
        }
    }

    @Test("extra closed dates and named days are skipped, and only when configured")
    func extraClosed() throws {
        #expect(calendar.isWorkingDay(day("2026-12-24")))
        #expect(calendar.isWorkingDay(day("2026-12-31")))
        #expect(calendar.isWorkingDay(day("2026-04-01")))
        let closed = WorkingDayCalendar(
            options: CalendarOptions(extraClosedDays: [.julaften, .nyttarsaften, .onsdagForSkjaertorsdag]))
        #expect(!closed.isWorkingDay(day("2026-12-24")))
        #expect(!closed.isWorkingDay(day("2026-12-31")))
        #expect(!closed.isWorkingDay(day("2026-04-01")))  // the Wednesday before skjærtorsdag 2 April
        #expect(!closed.isWorkingDay(day("2027-03-24")))
        // Fri 18 Dec 2026 + 10 skips 24 and 31 Dec as well: Tue 5 Jan becomes Thu 7 Jan.
        #expect(try closed.addingWorkingDays(10, to: day("2026-12-18")) == day("2027-01-07"))
        let oneDate = WorkingDayCalendar(options: CalendarOptions(extraClosedDates: [day("2026-11-30")]))
        #expect(try oneDate.addingWorkingDays(10, to: day("2026-11-23")) == day("2026-12-08"))
        #expect(!oneDate.isPublicHoliday(day("2026-11-30")))
    }
}

@Suite("Month arithmetic (domstolloven § 148) and the § 149 move")
struct PeriodTests {
    @Test(
        "the examples of rules.md § 1",
        arguments: [
            ("2025-11-30", 3, "2026-02-28"),
            ("2023-11-30", 3, "2024-02-29"),
            ("2026-01-31", 1, "2026-02-28"),
            ("2026-01-31", 3, "2026-04-30"),
            ("2026-02-15", 12, "2027-02-15"),
            ("2024-02-29", 12, "2025-02-28"),
            ("2026-03-31", 0, "2026-03-31"),
        ])
    func examples(start: String, months: Int, expected: String) throws {
        #expect(try day(start).adding(months: months) == day(expected))
    }

    @Test("never overflows into the next month, over 20 000 random dates")
    func neverOverflows() throws {
        var generator = SeededGenerator(seed: 1947)
        for _ in 0..<20_000 {
            let start = randomDate(using: &generator)
            guard start < day("2199-01-01") else { continue }
            let months = Int.random(in: 0...12, using: &generator)
            let result = try start.adding(months: months)
            let (year, month, dayOfMonth) = start.components
            let (newYear, newMonth, newDay) = result.components
            #expect((newYear * 12 + newMonth) - (year * 12 + month) == months)
            let length = CalendarDate.daysInMonth(year: newYear, month: newMonth)
            #expect(newDay == min(dayOfMonth, length))
        }
    }

    @Test("refuses negative months and results past the range")
    func refusals() {
        #expect(throws: CalendarError.countOutOfRange(value: -1, allowed: 0...3612)) {
            try day("2026-01-01").adding(months: -1)
        }
        #expect(throws: CalendarError.dayOutOfRange(.after)) { try day("2200-11-30").adding(months: 2) }
    }

    @Test("weeks are 7 days")
    func weeks() throws {
        #expect(try day("2026-11-23").adding(weeks: 2) == day("2026-12-07"))
    }

    @Test("§ 149 moves off Saturday, Sunday and public holidays only")
    func paragraph149() throws {
        let calendar = WorkingDayCalendar()
        #expect(try calendar.movedPerParagraph149(day("2026-11-28")) == day("2026-11-30"))  // Sat
        #expect(try calendar.movedPerParagraph149(day("2026-04-02")) == day("2026-04-07"))  // Easter
        #expect(try calendar.movedPerParagraph149(day("2026-12-24")) == day("2026-12-24"))  // julaften
        #expect(try calendar.movedPerParagraph149(day("2026-11-27")) == day("2026-11-27"))
        let saturdays = WorkingDayCalendar(options: CalendarOptions(saturdayIsWorkingDay: true))
        #expect(try saturdays.movedPerParagraph149(day("2026-11-28")) == day("2026-11-30"))
    }
}
