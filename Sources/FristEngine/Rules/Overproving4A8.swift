import FristCalendar

/// pbrl § 4A-8 andre ledd: when a § 4A-5 vedtak is not appealed and the help goes on,
/// Statsforvalteren shall review it of its own motion when three months have passed. A duty of
/// an authority, not moved (§ 148 only). Starts at `vedtak4a.made`; stops at
/// `vedtak4a.reviewed`; cancelled by `vedtak4a.appealed`, `vedtak4a.ended` or a new vedtak.
extension RuleDefinition {
    /// The rule.
    public static let overproving4A8 = RuleDefinition(
        id: .overproving4A8, title: "Statsforvalterens overprøving av § 4A-vedtak", law: "pbrl § 4A-8 andre ledd",
        counting: .calendarDays, defaultWarningWindow: 14)

    /// Months from the vedtak to the review.
    public static let reviewMonths = 3

    /// Due: the vedtak date plus three months.
    static func overproving4A8Due(vedtak: CalendarDate) throws(CalendarError) -> CalendarDate {
        try vedtak.adding(months: reviewMonths)
    }
}
