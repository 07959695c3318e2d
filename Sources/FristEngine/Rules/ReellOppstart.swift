import FristCalendar

/// The Ombud's concern (årsmelding 2025), no statute: a frist "kept" by a first consultation
/// that is not real treatment. Starts at `referral.started` with `substantive: false`; due 40
/// working days later; stops at `referral.treatment-started`.
extension RuleDefinition {
    /// The rule.
    public static let reellOppstart = RuleDefinition(
        id: .reellOppstart, title: "Reell oppstart av behandling",
        law: "Pasient- og brukerombudets årsmelding 2025 (ikke lovfestet)",
        counting: .workingDays, defaultWarningWindow: 10, stateCode: 2)

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

extension CaseRecord {
    /// `referral.started` with `substantive: false`: the clock for real treatment starts.
    mutating func startReellOppstart(by event: Event, calendar: WorkingDayCalendar) throws(EventRefusal) {
        let due: CalendarDate
        do { due = try RuleDefinition.reellOppstartDue(started: event.date, calendar: calendar) } catch {
            throw calendarRefusal("date", error)
        }
        let realStart = startClock(.reellOppstart, by: event, due: due)
        referral?.realStart = realStart
    }

    /// `referral.treatment-started`: real treatment began.
    mutating func stopReellOppstart(on date: CalendarDate) throws(EventRefusal) {
        guard let realStart = referral?.realStart, isOpen(realStart) else {
            throw noTrack("en løpende reell-oppstart (referral.started med substantive=false)", on: date)
        }
        end(realStart, .stopped(date))
    }
}
