import FristCalendar

/// pbrl § 3-2 sjette ledd: after a very serious injury or complication the patient shall be
/// offered a meeting as soon as possible and at the latest ten days after the event. Starts at
/// `incident.occurred`; stops at `incident.meeting-offered`.
extension RuleDefinition {
    /// The rule.
    public static let moteAlvorligHendelse = RuleDefinition(
        id: .moteAlvorligHendelse, title: "Tilbud om møte etter svært alvorlig hendelse",
        law: "pbrl § 3-2 sjette ledd", counting: .calendarDays, defaultWarningWindow: 3, stateCode: 6)

    /// Calendar days from the event to the latest meeting offer.
    public static let meetingDays = 10

    /// Due: the event date plus ten days.
    static func moteAlvorligHendelseDue(occurred: CalendarDate) throws(CalendarError) -> CalendarDate {
        try occurred.adding(days: meetingDays)
    }
}

extension CaseRecord {
    /// `incident.occurred`: the meeting clock starts; one open incident per case.
    mutating func startMoteAlvorligHendelse(by event: Event) throws(EventRefusal) {
        if let incident, isOpen(incident) {
            throw EventRefusal(
                .state, field: "type", "saken har allerede en åpen svært alvorlig hendelse (\(clocks[incident].start))")
        }
        let due: CalendarDate
        do { due = try RuleDefinition.moteAlvorligHendelseDue(occurred: event.date) } catch {
            throw calendarRefusal("date", error)
        }
        incident = startClock(.moteAlvorligHendelse, by: event, due: due)
    }

    /// `incident.meeting-offered`.
    mutating func stopMoteAlvorligHendelse(on date: CalendarDate) throws(EventRefusal) {
        guard isOpen(incident) else { throw noTrack("en åpen svært alvorlig hendelse", on: date) }
        end(incident, .stopped(date))
    }
}
