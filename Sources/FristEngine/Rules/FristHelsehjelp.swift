import FristCalendar

/// pbrl § 2-2 a (formerly § 2-1 b andre ledd): the frist for nødvendig helsehjelp set at
/// assessment must be kept. Starts at `referral.assessed` with outcome `right`; due is the frist
/// the clinician set (moved by `referral.postponed`); stops at `referral.started`. Its duties,
/// `helfo-required` (HelfoRequired.swift) and `over-cap` (OverCap.swift), ride on its clock.
enum FristHelsehjelp: Rule {
    static var id: RuleID { .fristHelsehjelp }

    static let definition = RuleDefinition(
        name: "frist-helsehjelp", title: "Frist for helsehjelp", law: "pbrl § 2-2 a",
        counting: .workingDays, defaultWarningWindow: 10, stateCode: 1)

    static let reactions: Set<EventType> = [
        .referralAssessed, .referralScheduled, .referralPostponed, .referralHelfoNotified, .referralStarted,
    ]

    /// Slot flag: care has started (the referral's later care events are refused).
    static let started: UInt8 = 1
    static let slotFlags = started

    static func react(
        to event: Event, in record: inout CaseRecord, calendar: WorkingDayCalendar
    ) throws(EventRefusal) {
        let date = event.date
        switch event.payload {
        case .referralAssessed(let outcome, let frist, let scheduled):
            guard outcome == .right else { return }
            guard let frist else { throw EventRefusal(.missingField, field: "frist", "påkrevd når outcome er «right»") }
            try start(by: event, frist: frist, scheduled: scheduled, in: &record)
            try record.checkOverCap(frist: frist, calendar: calendar)
        case .referralScheduled(let scheduled):
            let care = try openCare(in: record, on: date)
            record.clocks[care].scheduled = scheduled
            record.clocks[care].scheduledSince = date
        case .referralPostponed(_, let frist):
            try postpone(to: frist, on: date, in: &record)
        case .referralHelfoNotified:
            try record.notifyHelfo(on: date)
        case .referralStarted:
            record.end(try openCare(in: record, on: date), .stopped(date))
            record.slots.set(started, of: id, to: true)
        default: break
        }
    }

    /// `referral.assessed` with a right: the frist clock starts, with the planned start if one
    /// was given. A frist before the assessment date is refused.
    private static func start(
        by event: Event, frist: CalendarDate, scheduled: CalendarDate?, in record: inout CaseRecord
    ) throws(EventRefusal) {
        guard frist >= event.date else {
            throw EventRefusal(.dateOrder, field: "frist", "fristen \(frist) er før vurderingsdatoen \(event.date)")
        }
        let care = record.startClock(id, by: event, due: frist)
        if let scheduled {
            record.clocks[care].scheduled = scheduled
            record.clocks[care].scheduledSince = event.date
        }
    }

    /// `referral.postponed` (patient-caused or medical, NPR's "utsettelse"): a new frist moves the
    /// deadline and judges the clock again, even an exempt one; none makes the clock exempt.
    private static func postpone(
        to frist: CalendarDate?, on date: CalendarDate, in record: inout CaseRecord
    ) throws(EventRefusal) {
        let care = try openCare(in: record, on: date)
        guard let frist else {
            record.end(care, .exempt(date))
            return
        }
        guard frist >= date else {
            throw EventRefusal(.dateOrder, field: "frist", "ny frist \(frist) er før utsettelsesdatoen \(date)")
        }
        record.clocks[care].due = frist
        record.clocks[care].dueSince = date
        record.clocks[care].ending = nil
    }

    /// The clock that care events act on: assessed with a right, not started.
    private static func openCare(in record: CaseRecord, on date: CalendarDate) throws(EventRefusal) -> Int {
        guard let care = record.clock(of: id) else {
            throw record.noTrack("en frist for helsehjelp (referral.assessed med outcome «right»)", on: date)
        }
        guard record.slots.flags(of: id) & started == 0 else {
            throw EventRefusal(.state, field: "type", "helsehjelpen har allerede startet for denne saken")
        }
        return care
    }

    static func countStopped(
        _ clock: Clock, on stop: CalendarDate, context: ReportContext, into row: inout MonthlyReport.Row
    ) {
        row.frist.add(inPart: stop > clock.due)
        guard let referral = context.receipt(before: clock.start) else { return }
        row.ventetid.days.append(referral.date.days(to: stop))
        if referral.group == .under23Psych {
            let cap = try? context.calendar.addingWorkingDays(OverCap.capWorkingDays, to: referral.date)
            row.under23.add(inPart: cap.map { stop <= $0 } == true)
        }
    }

    static let countsOpenClocks = true

    /// Those still waiting at the month's end, as NPR counts "ventende": how many, how many past
    /// their frist, how long since the referral, and how many past their planned start.
    static func countOpen(
        _ clock: Clock, state: ClockState, on end: CalendarDate, context: ReportContext,
        into row: inout MonthlyReport.Row
    ) {
        row.fristWaiting.add(inPart: clock.due < end)
        if let referral = context.receipt(before: clock.start) { row.ventende.days.append(referral.date.days(to: end)) }
        if let scheduled = clock.scheduled, scheduled < end { row.pastScheduled += 1 }
    }
}

extension RuleID {
    /// `frist-helsehjelp`.
    public static let fristHelsehjelp = RuleID(FristHelsehjelp.self)
}
