import FristCalendar

/// Statsforvalteren's target: at least 90 % of complaints under pbrl closed within 3 months
/// (steering documents). A target of an authority, so it is not moved off weekends
/// (domstolloven § 148 only). Starts at `complaint.received`, stops at `complaint.decided`.
extension RuleDefinition {
    /// The rule.
    public static let statsforvalterKlage = RuleDefinition(
        id: .statsforvalterKlage, title: "Klagesak hos Statsforvalteren",
        law: "Statsforvalterens mål: 90 % av klagesakene avsluttet innen 3 måneder",
        counting: .calendarDays, defaultWarningWindow: 14, stateCode: 3)

    /// The default target in months.
    public static let complaintTargetMonths = 3
    /// The target months a complaint may carry.
    public static let complaintTargetMonthsRange = 1...12
    /// Statsforvalteren's goal for the share decided within target.
    public static let complaintGoal = 0.9

    /// Due: the received date plus the target months (§ 148, not moved).
    static func statsforvalterKlageDue(received: CalendarDate, months: Int) throws(CalendarError) -> CalendarDate {
        try received.adding(months: months)
    }
}

extension CaseRecord {
    /// `complaint.received`: Statsforvalteren's clock starts; one open complaint per case.
    mutating func startStatsforvalterKlage(by event: Event, months: Int) throws(EventRefusal) {
        if let complaint, isOpen(complaint) {
            throw EventRefusal(
                .state, field: "type", "saken har allerede en åpen klage (mottatt \(clocks[complaint].start))")
        }
        let due: CalendarDate
        do { due = try RuleDefinition.statsforvalterKlageDue(received: event.date, months: months) } catch {
            throw calendarRefusal("target_months", error)
        }
        complaint = startClock(.statsforvalterKlage, by: event, due: due)
    }

    /// `complaint.decided`.
    mutating func stopStatsforvalterKlage(on date: CalendarDate) throws(EventRefusal) {
        guard isOpen(complaint) else { throw noTrack("en åpen klage", on: date) }
        end(complaint, .stopped(date))
    }
}
