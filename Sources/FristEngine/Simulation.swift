public import FristCalendar

/// `fristvakt simulate` as a pure function (README.md, Commands, rules.md § 3): every event is applied
/// on its own date, day by day from the earliest, and each day's alerts are decided after that
/// day's events. Alerts before `from` count as emitted but are not returned.
public enum Simulation {
    /// The outcome: the alerts of `from … to` in output order, and the refused events by tag.
    public struct Outcome: Sendable {
        /// Alerts from `from` through `to`.
        public let alerts: [Alert]
        /// Events the engine refused, with the caller's tag (e.g. a line number), in tag order.
        public let refusals: [(tag: Int, refusal: EventRefusal)]
        /// The engine after the last day, holding every case's events (what `report` reads).
        public let engine: DeadlineEngine
    }

    /// Runs the simulation. `events` are in arrival order; each carries a tag for refusals.
    public static func run(
        events: [(tag: Int, event: Event)], from: CalendarDate, to: CalendarDate,
        configuration: EngineConfiguration = EngineConfiguration()
    ) -> Outcome {
        var engine = DeadlineEngine(configuration: configuration)
        // Stable by date: arrival order within a day.
        let ordered = events.enumerated().sorted {
            ($0.element.event.date, $0.offset) < ($1.element.event.date, $1.offset)
        }
        .map(\.element)
        var alerts: [Alert] = []
        var refusals: [(tag: Int, refusal: EventRefusal)] = []
        guard var day = ordered.first.map({ min($0.event.date, from) }) else {
            return Outcome(alerts: [], refusals: [], engine: engine)
        }
        var next = 0
        while day <= to {
            while next < ordered.count, ordered[next].event.date == day {
                do {
                    try engine.accept(ordered[next].event, today: day)
                } catch {
                    refusals.append((ordered[next].tag, error))
                }
                next += 1
            }
            let todays = engine.advance(to: day)
            if day >= from { alerts += todays }
            guard let following = try? day.adding(days: 1) else { break }
            day = following
        }
        return Outcome(alerts: alerts, refusals: refusals.sorted { $0.tag < $1.tag }, engine: engine)
    }
}
