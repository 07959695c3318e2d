public import FristCalendar
public import FristEngine
public import FristFormats
public import FristStorage
public import Logging

/// One case's story (`fristvakt case --config`) from the service's store, read only: its events
/// folded again as the service folded them, and the alerts the service has sent for it.
public enum DatabaseCase {
    /// The case as of `today`, or nil when the store has no event of it.
    public static func story(
        of caseRef: String, store: any StateStorage, configuration: EngineConfiguration, today: CalendarDate,
        logger: Logger
    ) throws -> CaseStory? {
        guard let stored = try store.events(ofCases: [caseRef])[caseRef], !stored.isEmpty else { return nil }
        var engine = DeadlineEngine(configuration: configuration)
        var events: [Event] = []
        for event in stored {
            guard let decoded = EngineRebuild.decoded(event, logger: logger) else { continue }
            do {
                try engine.accept(decoded, today: max(today, decoded.date))
                events.append(decoded)
            } catch {
                logger.warning("A stored event is refused on a new fold", metadata: ["id": "\(event.id)"])
            }
        }
        guard let view = engine.caseView(caseRef, on: today) else { return nil }
        let sent = try store.alerts(ofCase: caseRef).filter(\.sent).map(\.alert)
        return CaseStory(view: view, events: events, alerts: sent, alertSource: .sent)
    }
}
