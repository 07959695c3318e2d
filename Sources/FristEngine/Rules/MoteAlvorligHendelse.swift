import FristCalendar

/// pbrl § 3-2 sjette ledd: after a very serious injury or complication the patient shall be
/// offered a meeting as soon as possible and at the latest ten days after the event. Starts at
/// `incident.occurred`; stops at `incident.meeting-offered`.
extension RuleDefinition {
    /// The rule.
    public static let moteAlvorligHendelse = RuleDefinition(
        id: .moteAlvorligHendelse, title: "Tilbud om møte etter svært alvorlig hendelse",
        law: "pbrl § 3-2 sjette ledd", counting: .calendarDays, defaultWarningWindow: 3)

    /// Calendar days from the event to the latest meeting offer.
    public static let meetingDays = 10

    /// Due: the event date plus ten days.
    static func moteAlvorligHendelseDue(occurred: CalendarDate) throws(CalendarError) -> CalendarDate {
        try occurred.adding(days: meetingDays)
    }
}
