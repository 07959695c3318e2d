import FristCalendar

/// pbrl § 4A-5 første ledd: a vedtak on coercive help lasts at most one year. Starts at
/// `vedtak4a.made`; due is `valid_until`, at most the vedtak date + 12 months (§ 148); stopped
/// by a new vedtak, cancelled by `vedtak4a.ended`.
extension RuleDefinition {
    /// The rule.
    public static let gyldighet4A5 = RuleDefinition(
        id: .gyldighet4A5, title: "Gyldighet for § 4A-vedtak", law: "pbrl § 4A-5 første ledd",
        counting: .calendarDays, defaultWarningWindow: 30)

    /// The longest validity of a vedtak, in months.
    public static let maximumValidityMonths = 12

    /// The latest `valid_until` a vedtak made on `vedtak` may carry.
    static func latestValidity(vedtak: CalendarDate) throws(CalendarError) -> CalendarDate {
        try vedtak.adding(months: maximumValidityMonths)
    }
}
