import FristCalendar

/// pbrl § 2-2 første ledd: a referral must be assessed within 10 virkedager of its receipt
/// (fewer on suspected serious illness). Starts at `referral.received`, stops at
/// `referral.assessed` (any outcome) or `referral.closed`.
extension RuleDefinition {
    /// The rule.
    public static let vurderingsfrist = RuleDefinition(
        id: .vurderingsfrist, title: "Vurderingsfrist", law: "pbrl § 2-2 første ledd",
        counting: .workingDays, defaultWarningWindow: 3)

    /// The law's assessment period in working days.
    public static let standardAssessmentWorkingDays = 10

    /// The shorter periods a referral may carry for suspected serious illness.
    public static let assessmentWorkingDaysRange = 1...10

    /// Due: the received date plus N working days (the received date is day 0).
    static func vurderingsfristDue(
        received: CalendarDate, workingDays: Int?, calendar: WorkingDayCalendar
    ) throws(CalendarError) -> CalendarDate {
        try calendar.addingWorkingDays(workingDays ?? standardAssessmentWorkingDays, to: received)
    }
}
