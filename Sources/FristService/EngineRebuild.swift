import FristCalendar
import FristEngine
import FristFormats
import Logging

/// The engine rebuilt from the database alone: every accepted event replayed in acceptance order,
/// then the alert log read back into the ledger so nothing is alerted twice.
enum EngineRebuild {
    /// The rebuilt engine and the alert log it read.
    static func load(
        store: StateStore, configuration: EngineConfiguration, today: CalendarDate, logger: Logger
    ) throws -> (engine: DeadlineEngine, alerts: [StateStore.StoredAlert]) {
        var engine = DeadlineEngine(configuration: configuration)
        var count = 0
        try store.forEachEvent { stored in
            do {
                let event = try EventDecoder.decode(stored.body.utf8)
                try engine.accept(event, today: max(today, event.date))
                count += 1
            } catch {
                // Cannot happen for events this service accepted; logged, never silently dropped.
                logger.error(
                    "Lagret hendelse kan ikke brukes ved gjenoppbygging",
                    metadata: [
                        "event": "\(stored.id)", "file": "\(stored.file)", "line": "\(stored.line)",
                        "reason": "\(error)",
                    ])
            }
        }
        let alerts = try store.alerts()
        engine.restore(emitted: alerts.map(\.alert))
        logger.info("Tilstand lastet", metadata: ["events": "\(count)"])
        return (engine, alerts)
    }
}
