import FristCalendar

/// Statsforvalteren's target: at least 90 % of complaints under pbrl closed within 3 months
/// (steering documents). A target of an authority, so it is not moved off weekends
/// (domstolloven § 148 only). Starts at `complaint.received`, stops at `complaint.decided`.
enum StatsforvalterKlage: Rule {
    static var id: RuleID { .statsforvalterKlage }

    static let definition = RuleDefinition(
        name: "statsforvalter-klage", title: "Klagesak hos Statsforvalteren",
        law: "Statsforvalterens mål: 90 % av klagesakene avsluttet innen 3 måneder",
        counting: .calendarDays, defaultWarningWindow: 14, stateCode: 3)

    static let reactions: Set<EventType> = [.complaintReceived, .complaintDecided]

    static func react(
        to event: Event, in record: inout CaseRecord, calendar: WorkingDayCalendar
    ) throws(EventRefusal) {
        switch event.payload {
        case .complaintReceived(let months):
            // One open complaint per case.
            try record.startUnlessOpen(
                id, by: event, field: "target_months",
                alreadyOpen: { "saken har allerede en åpen klage (mottatt \($0))" }
            ) { () throws(CalendarError) in try event.date.adding(months: months) }
        case .complaintDecided:
            try record.stopOpen(id, on: event.date, missing: "en åpen klage")
        default: break
        }
    }

    static func countStopped(
        _ clock: Clock, on stop: CalendarDate, context: ReportContext, into row: inout MonthlyReport.Row
    ) {
        row.klage.add(inPart: stop <= clock.due)
    }
}

extension RuleID {
    /// `statsforvalter-klage`.
    public static let statsforvalterKlage = RuleID(StatsforvalterKlage.self)
}

extension RuleDefinition {
    /// The default target in months.
    public static let complaintTargetMonths = 3
    /// The target months a complaint may carry.
    public static let complaintTargetMonthsRange = 1...12
    /// Statsforvalteren's goal for the share decided within target.
    public static let complaintGoal = 0.9
}
