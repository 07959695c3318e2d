import FristCalendar

/// pbrl § 2-2 første ledd: a referral must be assessed within 10 virkedager of its receipt
/// (fewer on suspected serious illness). Starts at `referral.received`, stops at
/// `referral.assessed` (any outcome) or `referral.closed`.
///
/// Its slot is the referral's: its clock's start is the date the referral was received, and its
/// flag the patient group, which `frist-helsehjelp` reads for the 65-day cap.
enum Vurderingsfrist: Rule {
    static var id: RuleID { .vurderingsfrist }

    static let definition = RuleDefinition(
        name: "vurderingsfrist", title: "Vurderingsfrist", law: "pbrl § 2-2 første ledd",
        counting: .workingDays, defaultWarningWindow: 3, stateCode: 0)

    static let reactions: Set<EventType> = [.referralReceived, .referralAssessed]

    /// Slot flag: the referral's group is `under23-psych`.
    static let under23Psych: UInt8 = 1
    static let slotFlags = under23Psych

    /// The law's assessment period in working days.
    static let standardWorkingDays = 10

    static func react(
        to event: Event, in record: inout CaseRecord, calendar: WorkingDayCalendar
    ) throws(EventRefusal) {
        switch event.payload {
        case .referralReceived(let group, let workingDays):
            try start(by: event, group: group, workingDays: workingDays, in: &record, calendar: calendar)
        case .referralAssessed: try stop(on: event.date, in: &record)
        default: break
        }
    }

    /// `referral.received`: a new referral starts its assessment clock, and the referral's other
    /// rules start over. Refused while the case has a referral with an open clock.
    private static func start(
        by event: Event, group: PatientGroup, workingDays: Int?, in record: inout CaseRecord,
        calendar: WorkingDayCalendar
    ) throws(EventRefusal) {
        if let received = record.referralReceived,
            record.openClock(of: .vurderingsfrist) != nil || record.openClock(of: .fristHelsehjelp) != nil
                || record.openClock(of: .reellOppstart) != nil
        {
            throw EventRefusal(.state, field: "type", "saken har allerede en åpen henvisning (mottatt \(received))")
        }
        let due = try record.deadline("date") { () throws(CalendarError) in
            try calendar.addingWorkingDays(workingDays ?? standardWorkingDays, to: event.date)
        }
        for rule in [RuleID.fristHelsehjelp, .reellOppstart] { record.slots.clear(rule) }
        record.startClock(id, by: event, due: due)
        record.slots.set(under23Psych, of: id, to: group == .under23Psych)
    }

    /// `referral.assessed` (any outcome): the assessment clock stops.
    private static func stop(on date: CalendarDate, in record: inout CaseRecord) throws(EventRefusal) {
        guard let assessment = record.clock(of: id), let received = record.referralReceived else {
            throw record.noTrack("en henvisning å vurdere", on: date)
        }
        guard record.clocks[assessment].isOpen else {
            throw EventRefusal(
                .state, field: "type", "henvisningen (mottatt \(received)) er allerede vurdert eller avsluttet")
        }
        record.end(assessment, .stopped(date))
    }

    static func countStopped(
        _ clock: Clock, on stop: CalendarDate, context: ReportContext, into row: inout MonthlyReport.Row
    ) {
        row.vurdering.add(inPart: stop > clock.due)
    }
}

extension RuleID {
    /// `vurderingsfrist`.
    public static let vurderingsfrist = RuleID(Vurderingsfrist.self)
}

extension RuleDefinition {
    /// The shorter periods a referral may carry for suspected serious illness.
    public static let assessmentWorkingDaysRange = 1...Vurderingsfrist.standardWorkingDays
}

extension CaseRecord {
    /// The date the case's current referral was received (the start of its assessment clock).
    var referralReceived: CalendarDate? { clock(of: .vurderingsfrist).map { clocks[$0].start } }

    /// The current referral's patient group.
    var referralGroup: PatientGroup {
        slots.flags(of: .vurderingsfrist) & Vurderingsfrist.under23Psych != 0 ? .under23Psych : .standard
    }
}
