import FristCalendar

/// pbrl § 3-2 sjette ledd: after a very serious injury or complication the patient shall be
/// offered a meeting as soon as possible and at the latest ten days after the event. Starts at
/// `incident.occurred`; stops at `incident.meeting-offered`.
enum MoteAlvorligHendelse: Rule {
    static var id: RuleID { .moteAlvorligHendelse }

    static let definition = RuleDefinition(
        name: "mote-alvorlig-hendelse", title: "Tilbud om møte etter svært alvorlig hendelse",
        law: "pbrl § 3-2 sjette ledd", counting: .calendarDays, defaultWarningWindow: 3, stateCode: 6)

    static let reactions: Set<EventType> = [.incidentOccurred, .incidentMeetingOffered]

    /// Calendar days from the event to the latest meeting offer.
    static let meetingDays = 10

    static func react(
        to event: Event, in record: inout CaseRecord, calendar: WorkingDayCalendar
    ) throws(EventRefusal) {
        switch event.payload {
        case .incidentOccurred:
            // One open incident per case.
            try record.startUnlessOpen(
                id, by: event, field: "date",
                alreadyOpen: { "saken har allerede en åpen svært alvorlig hendelse (\($0))" }
            ) { () throws(CalendarError) in try event.date.adding(days: meetingDays) }
        case .incidentMeetingOffered:
            try record.stopOpen(id, on: event.date, missing: "en åpen svært alvorlig hendelse")
        default: break
        }
    }

    static func countStopped(
        _ clock: Clock, on stop: CalendarDate, context: ReportContext, into row: inout MonthlyReport.Row
    ) {
        row.mote.add(inPart: stop > clock.due)
    }
}

extension RuleID {
    /// `mote-alvorlig-hendelse`.
    public static let moteAlvorligHendelse = RuleID(MoteAlvorligHendelse.self)
}
