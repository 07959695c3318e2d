import FristCalendar
import Testing

@Suite("Easter and the public holidays")
struct HolidayTests {
    /// Western Easter 1990–2050 as listed in python-dateutil's test suite (a published table).
    static let publishedEaster1990to2050 = [
        "1990-04-15", "1991-03-31", "1992-04-19", "1993-04-11", "1994-04-03", "1995-04-16",
        "1996-04-07", "1997-03-30", "1998-04-12", "1999-04-04", "2000-04-23", "2001-04-15",
        "2002-03-31", "2003-04-20", "2004-04-11", "2005-03-27", "2006-04-16", "2007-04-08",
        "2008-03-23", "2009-04-12", "2010-04-04", "2011-04-24", "2012-04-08", "2013-03-31",
        "2014-04-20", "2015-04-05", "2016-03-27", "2017-04-16", "2018-04-01", "2019-04-21",
        "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09", "2024-03-31", "2025-04-20",
        "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21", "2031-04-13",
        "2032-03-28", "2033-04-17", "2034-04-09", "2035-03-25", "2036-04-13", "2037-04-05",
        "2038-04-25", "2039-04-10", "2040-04-01", "2041-04-21", "2042-04-06", "2043-03-29",
        "2044-04-17", "2045-04-09", "2046-03-25", "2047-04-14", "2048-04-05", "2049-04-18",
        "2050-04-10",
    ]

    @Test("Easter 1990–2050 matches the published table")
    func publishedEaster() throws {
        for (offset, expected) in Self.publishedEaster1990to2050.enumerated() {
            #expect(try Easter.sunday(in: 1990 + offset).description == expected)
        }
    }

    @Test("Easter 1900–2200 matches an independent implementation (python-dateutil)")
    func independentEaster() throws {
        #expect(EasterTable.sundays.count == 301)
        for (offset, expected) in EasterTable.sundays.enumerated() {
            let sunday = try Easter.sunday(in: 1900 + offset)
            #expect(sunday.description == expected)
            #expect(sunday.weekday == .sunday)
        }
    }

    /// Norwegian public holidays as published in the official calendars for these years.
    static let published: [Int: [String]] = [
        2024: [
            "2024-01-01", "2024-03-28", "2024-03-29", "2024-03-31", "2024-04-01", "2024-05-01",
            "2024-05-09", "2024-05-17", "2024-05-19", "2024-05-20", "2024-12-25", "2024-12-26",
        ],
        2025: [
            "2025-01-01", "2025-04-17", "2025-04-18", "2025-04-20", "2025-04-21", "2025-05-01",
            "2025-05-17", "2025-05-29", "2025-06-08", "2025-06-09", "2025-12-25", "2025-12-26",
        ],
        2026: [
            "2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01",
            "2026-05-14", "2026-05-17", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26",
        ],
        2027: [
            "2027-01-01", "2027-03-25", "2027-03-26", "2027-03-28", "2027-03-29", "2027-05-01",
            "2027-05-06", "2027-05-16", "2027-05-17", "2027-05-17", "2027-12-25", "2027-12-26",
        ],
    ]

    @Test("every holiday of 2024–2026 on its published date", arguments: [2024, 2025, 2026])
    func publishedHolidays(year: Int) throws {
        let dates = try PublicHoliday.all(in: year).map(\.date.description)
        #expect(dates == Self.published[year])
    }

    @Test("2027: 17. mai and 2. pinsedag fall on the same day, and both are listed")
    func coincidingHolidays() throws {
        let all = try PublicHoliday.all(in: 2027)
        #expect(all.count == 12)
        #expect(all.map(\.date.description).sorted() == Self.published[2027]!.sorted())
    }

    @Test("the names and order printed by `calendar holidays`")
    func names() throws {
        let lines = try PublicHoliday.all(in: 2026).map { "\($0.date)\t\($0.holiday.name)" }
        #expect(
            lines == [
                "2026-01-01\tFørste nyttårsdag", "2026-04-02\tSkjærtorsdag", "2026-04-03\tLangfredag",
                "2026-04-05\tFørste påskedag", "2026-04-06\tAndre påskedag",
                "2026-05-01\tOffentlig høytidsdag (1. mai)", "2026-05-14\tKristi himmelfartsdag",
                "2026-05-17\tGrunnlovsdag (17. mai)", "2026-05-24\tFørste pinsedag",
                "2026-05-25\tAndre pinsedag", "2026-12-25\tFørste juledag", "2026-12-26\tAndre juledag",
            ])
    }

    @Test("1. and 17. mai are holidays from 1947, not before")
    func mayHolidaysFrom1947() throws {
        let before = try PublicHoliday.all(in: 1946).map(\.holiday)
        let after = try PublicHoliday.all(in: 1947).map(\.holiday)
        #expect(before.count == 10)
        #expect(!before.contains(.forsteMai) && !before.contains(.syttendeMai))
        #expect(after.count == 12)
        let calendar = WorkingDayCalendar()
        #expect(calendar.isWorkingDay(day("1946-05-17")))  // a Friday
        #expect(!calendar.isWorkingDay(day("1947-05-01")))  // a Thursday
        #expect(calendar.isWorkingDay(day("1946-05-01")))  // a Wednesday
    }

    @Test("every year has its holidays in the right places")
    func everyYearShape() throws {
        for year in CalendarDate.supportedYears {
            let all = try PublicHoliday.all(in: year)
            #expect(all.count == (year >= 1947 ? 12 : 10))
            for (date, holiday) in all {
                switch holiday {
                case .skjaertorsdag, .kristiHimmelfartsdag: #expect(date.weekday == .thursday)
                case .langfredag: #expect(date.weekday == .friday)
                case .forstePaskedag, .forstePinsedag: #expect(date.weekday == .sunday)
                case .andrePaskedag, .andrePinsedag: #expect(date.weekday == .monday)
                default: break
                }
            }
        }
    }
}
