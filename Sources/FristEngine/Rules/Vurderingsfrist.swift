import FristCalendar

/// pbrl § 2-2 første ledd: a referral must be assessed within 10 virkedager of its receipt
/// (fewer on suspected serious illness). Starts at `referral.received`, stops at
/// `referral.assessed` (any outcome) or `referral.closed`.
extension RuleDefinition {
    /// The rule.
    public static let vurderingsfrist = RuleDefinition(
        id: .vurderingsfrist, title: "Vurderingsfrist", law: "pbrl § 2-2 første ledd",
        counting: .workingDays, defaultWarningWindow: 3, stateCode: 0)

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

extension CaseRecord {
    /// `referral.received`: a new referral starts its assessment clock. Refused while the case
    /// has a referral with an open clock.
    mutating func startVurderingsfrist(
        by event: Event, group: PatientGroup, workingDays: Int?, calendar: WorkingDayCalendar
    ) throws(EventRefusal) {
        if let referral, isOpen(referral.assessment) || isOpen(referral.care) || isOpen(referral.realStart) {
            throw EventRefusal(
                .state, field: "type", "saken har allerede en åpen henvisning (mottatt \(referral.received))")
        }
        let due: CalendarDate
        do {
            due = try RuleDefinition.vurderingsfristDue(
                received: event.date, workingDays: workingDays, calendar: calendar)
        } catch { throw calendarRefusal("date", error) }
        let assessment = startClock(.vurderingsfrist, by: event, due: due)
        referral = ReferralTrack(received: event.date, group: group, assessment: assessment)
    }

    /// `referral.assessed` (any outcome): the assessment clock stops.
    mutating func stopVurderingsfrist(on date: CalendarDate) throws(EventRefusal) {
        guard let track = referral else { throw noTrack("en henvisning å vurdere", on: date) }
        guard isOpen(track.assessment) else {
            throw EventRefusal(
                .state, field: "type", "henvisningen (mottatt \(track.received)) er allerede vurdert eller avsluttet")
        }
        end(track.assessment, .stopped(date))
    }
}
