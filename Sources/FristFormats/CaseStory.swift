import FristCalendar
public import FristEngine

/// One case's whole story (`fristvakt case`): its accepted events in intake order, its clocks on a
/// day, and its alerts, as JSON or as a bokmål timeline. Pure: the command gathers the parts.
public struct CaseStory: Sendable {
    /// Where the alerts come from, which the text names.
    public enum AlertSource: Sendable {
        /// What `simulate` decides for the case from its first event up to the day.
        case simulated
        /// What the service has sent.
        case sent
    }

    /// The case on the day.
    public let view: CaseView
    /// Its accepted events, in intake order.
    public let events: [Event]
    /// Its alerts, in the order decided.
    public let alerts: [Alert]
    /// Where the alerts come from.
    public let alertSource: AlertSource

    /// Creates a story from its parts.
    public init(view: CaseView, events: [Event], alerts: [Alert], alertSource: AlertSource) {
        self.view = view
        self.events = events
        self.alerts = alerts
        self.alertSource = alertSource
    }

    /// `{"case", "unit", "today", "events", "clocks", "alerts"}` (docs/worklist.md).
    public func json() -> String {
        let clocks = view.clocks.map { clock -> JSONNode in
            .object([
                ("rule", .string(clock.rule.rawValue)), ("started_by", .string(clock.startedBy)),
                ("state", .string(clock.state.rawValue)), ("start", .date(clock.start)), ("due", .date(clock.due)),
                ("stopped", clock.stopped.map(JSONNode.date) ?? .null),
                ("days_left", clock.daysLeft.map(JSONNode.int) ?? .null),
                ("duty", clock.duty.map { .string($0.rawValue) } ?? .null),
                ("scheduled", clock.scheduled.map(JSONNode.date) ?? .null),
            ])
        }
        let alertNodes = alerts.map { alert -> JSONNode in
            .compact(
                .object([
                    ("day", .date(alert.date)), ("kind", .string(alert.kind.rawValue)),
                    ("rule", .string(alert.rule.rawValue)), ("due", .date(alert.due)),
                ]))
        }
        let document = JSONNode.object([
            ("case", .string(view.caseRef)), ("unit", view.unit.map(JSONNode.string) ?? .null),
            ("today", .date(view.today)),
            ("events", .array(events.map { .compact(EventEncoder.node($0)) })),
            ("clocks", .array(clocks)), ("alerts", .array(alertNodes)),
        ])
        return document.rendered()
    }

    /// A bokmål timeline: events and alerts by date (events first on a day), then the clocks.
    public func text() -> String {
        var lines = ["Sak \(view.caseRef)" + (view.unit.map { ", enhet \($0)" } ?? "") + ", per \(view.today)", ""]
        lines.append("Tidslinje:")
        var entries: [(date: CalendarDate, order: Int, text: String)] = []
        for (index, event) in events.enumerated() {
            entries.append((event.date, index, "hendelse \(event.id): \(Self.describe(event))"))
        }
        let alertHeading = alertSource == .sent ? "varsel sendt" : "varsel"
        for (index, alert) in alerts.enumerated() {
            entries.append(
                (
                    alert.date, events.count + index,
                    "\(alertHeading): \(alert.rule.definition.title) – \(alert.kind.bokmal) (frist \(alert.due))"
                ))
        }
        for entry in entries.sorted(by: { ($0.date, $0.order) < ($1.date, $1.order) }) {
            lines.append("  \(entry.date)  \(entry.text)")
        }
        if alerts.isEmpty {
            lines.append(alertSource == .sent ? "  (ingen varsler sendt)" : "  (ingen varsler)")
        }
        lines.append("")
        lines.append("Frister:")
        for clock in view.clocks {
            let definition = clock.rule.definition
            var parts = ["startet \(clock.start) (\(clock.startedBy))", "frist \(clock.due)"]
            if let stopped = clock.stopped { parts.append("avsluttet \(stopped)") }
            if let daysLeft = clock.daysLeft {
                let unit = definition.counting == .workingDays ? ("virkedag", "virkedager") : ("dag", "dager")
                parts.append(
                    daysLeft >= 0
                        ? counted(daysLeft, unit.0, unit.1) + " igjen"
                        : counted(-daysLeft, unit.0, unit.1) + " over fristen")
            }
            if let scheduled = clock.scheduled { parts.append("planlagt start \(scheduled)") }
            if let duty = clock.duty { parts.append("plikt: \(duty.action)") }
            lines.append("  \(definition.title) (\(definition.law)): \(clock.state.bokmal)")
            lines.append("    " + parts.joined(separator: ", "))
        }
        if view.clocks.isEmpty { lines.append("  (ingen frister)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An event in a few bokmål words: its type and its own fields.
    static func describe(_ event: Event) -> String {
        let fields = EventEncoder.plainFields(of: event)
        let detail = fields.isEmpty ? "" : " (" + fields.map { "\($0.name) \($0.value)" }.joined(separator: ", ") + ")"
        return event.payload.type.spec.title + " [\(event.payload.type.rawValue)]" + detail
    }
}
