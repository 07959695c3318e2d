/// Easter Sunday by the Gregorian computus (the anonymous algorithm of Meeus, Jones and Butcher).
public enum Easter {
    /// Easter Sunday of a supported year.
    public static func sunday(in year: Int) throws(CalendarError) -> CalendarDate {
        let golden = year % 19
        let century = year / 100
        let yearOfCentury = year % 100
        let leapCenturies = century / 4
        let centuryRest = century % 4
        let correction = (century + 8) / 25
        let moonCorrection = (century - correction + 1) / 3
        let epact = (19 * golden + century - leapCenturies - moonCorrection + 15) % 30
        let leapYears = yearOfCentury / 4
        let yearRest = yearOfCentury % 4
        let weekdayOffset = (32 + 2 * centuryRest + 2 * leapYears - epact - yearRest) % 7
        let shift = (golden + 11 * epact + 22 * weekdayOffset) / 451
        let month = (epact + weekdayOffset - 7 * shift + 114) / 31
        let day = (epact + weekdayOffset - 7 * shift + 114) % 31 + 1
        return try CalendarDate(year: year, month: month, day: day)
    }
}
