import FristCalendar

/// The Ombud's concern (årsmelding 2025), no statute: a frist "kept" by a first consultation
/// that is not real treatment. Starts at `referral.started` with `substantive: false`; due 40
/// working days later; stops at `referral.treatment-started`.
enum ReellOppstart: Rule {
    static var id: RuleID { .reellOppstart }

    static let definition = RuleDefinition(
        name: "reell-oppstart", title: "Reell oppstart av behandling",
        law: "Pasient- og brukerombudets årsmelding 2025 (ikke lovfestet)",
        counting: .workingDays, defaultWarningWindow: 10, stateCode: 2)

    static let reactions: Set<EventType> = [.referralStarted, .referralTreatmentStarted]

    /// Working days from the non-substantive start to real treatment.
    static let workingDays = 40

    static func react(
        to event: Event, in record: inout CaseRecord, calendar: WorkingDayCalendar
    ) throws(EventRefusal) {
        switch event.payload {
        case .referralStarted(let substantive):
            // After frist-helsehjelp's stop, which refuses a start without an open frist.
            guard !substantive else { return }
            let due = try record.deadline("date") { () throws(CalendarError) in
                try calendar.addingWorkingDays(workingDays, to: event.date)
            }
            record.startClock(id, by: event, due: due)
        case .referralTreatmentStarted:
            try record.stopOpen(
                id, on: event.date, missing: "en løpende reell-oppstart (referral.started med substantive=false)")
        default: break
        }
    }

    static func countStopped(
        _ clock: Clock, on stop: CalendarDate, context: ReportContext, into row: inout MonthlyReport.Row
    ) {
        if let referral = context.receipt(before: clock.start) { row.reell.days.append(referral.date.days(to: stop)) }
    }

    static let countsOpenClocks = true

    static func countOpen(
        _ clock: Clock, state: ClockState, on end: CalendarDate, context: ReportContext,
        into row: inout MonthlyReport.Row
    ) {
        row.reellWaiting += 1
    }
}

extension RuleID {
    /// `reell-oppstart`.
    public static let reellOppstart = RuleID(ReellOppstart.self)
}
