import FristCalendar

/// The Ombud's concern (årsmelding 2025), no statute: a frist "kept" by a first consultation
/// that is not real treatment. Starts at `referral.started` with `substantive: false`; due 40
/// working days later; stops at `referral.treatment-started`.
extension RuleDefinition {
    /// The rule.
    public static let reellOppstart = RuleDefinition(
        id: .reellOppstart, title: "Reell oppstart av behandling",
        law: "Pasient- og brukerombudets årsmelding 2025 (ikke lovfestet)",
        counting: .workingDays, defaultWarningWindow: 10)

    /// Working days from the non-substantive start to real treatment.
    public static let reellOppstartWorkingDays = 40

    /// Due: the nominal start plus 40 working days.
    static func reellOppstartDue(
        started: CalendarDate, calendar: WorkingDayCalendar
    ) throws(CalendarError)
        -> CalendarDate
    {
        try calendar.addingWorkingDays(reellOppstartWorkingDays, to: started)
    }
}
