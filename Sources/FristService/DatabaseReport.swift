public import FristCalendar
public import FristEngine
import FristFormats
public import FristStorage
public import Logging

/// The monthly report (docs/report.md) from the service's database, one case at a time: each
/// case's events are read, decoded and folded, counted, and dropped before the next, so the
/// report never holds a second engine. The HELFO figure comes from the alert log.
public enum DatabaseReport {
    /// The report of `from … to` as of `asOf`, and the status on that day (the page's headline).
    public static func build(
        store: any StateStorage, configuration: EngineConfiguration, from: CalendarMonth, to: CalendarMonth,
        asOf: CalendarDate, units: Set<String>? = nil, logger: Logger
    ) throws -> (report: MonthlyReport, status: StatusSnapshot) {
        var builder = MonthlyReportBuilder(
            configuration: configuration, from: from, to: to, asOf: asOf, units: units,
            helfoAlerts: try store.alerts(kind: .helfoRequired).map(\.alert))
        try store.forEachCaseHistory { caseRef, stored in
            var events: [Event] = []
            events.reserveCapacity(stored.count)
            // Only events dated up to the report's day count, as in `report --events`.
            for event in stored {
                if let decoded = EngineRebuild.decoded(event, logger: logger), decoded.date <= asOf {
                    events.append(decoded)
                }
            }
            builder.add(caseRef: caseRef, events: events)
        }
        return builder.finish()
    }
}
