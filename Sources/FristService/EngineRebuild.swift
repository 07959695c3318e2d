public import FristCalendar
public import FristEngine
import FristHotPaths
public import FristStorage
public import Logging

/// The engine from the database alone. Normally each case's persisted state is read back, with
/// no event decoded or folded. When that state was written under another format or configuration
/// (or cannot be read), every accepted event is replayed in acceptance order, the alert log is
/// read back into the ledger, and the state is written again in one transaction.
public enum EngineRebuild {
    /// The engine, from the persisted state or by a replay (the log says which).
    public static func load(
        store: any StateStorage, configuration: EngineConfiguration, today: CalendarDate,
        statusIncludingRunning: Bool? = nil, logger: Logger
    ) throws -> DeadlineEngine {
        let fingerprint = PersistedCase.fingerprint(of: configuration)
        try store.rebuildBegins()
        let (stored, count) = try store.persistedCaseSummary()
        if stored == fingerprint {
            do {
                // Decoded from the rows on a second thread while this one adds the cases decoded
                // before: no copy of the bytes, no events. The decoding thread is the slower one,
                // so this one also judges each case on today and counts the status as it adds
                // them: the first step does neither again for every case.
                var engine = DeadlineEngine(configuration: configuration)
                engine.reserveCapacity(count)
                engine.beginRestore(on: today, statusIncludingRunning: statusIncludingRunning)
                let read = try store.forEachPersistedCase(
                    decodingAhead: { caseRef, bytes in (caseRef: caseRef, decoded: try DeadlineEngine.decodeCase(bytes))
                    }
                ) { chunk in try engine.restoreCases(chunk) }
                guard read == fingerprint else { throw StateFormatError(description: "fingerprint changed while read") }
                logger.info("Tilstand lastet", metadata: ["cases": "\(count)", "source": "persisted"])
                return engine
            } catch {
                logger.error(
                    "Lagret tilstand kan ikke leses; bygges på nytt fra hendelsene", metadata: ["reason": "\(error)"])
            }
        } else if stored != nil {
            logger.notice("Ny konfigurasjon eller nytt tilstandsformat; tilstanden bygges på nytt fra hendelsene")
        }
        var engine = try replay(store: store, configuration: configuration, today: today, logger: logger)
        try store.replaceCases(engine.persistedCases(), fingerprint: fingerprint)
        _ = engine.takeChangedCases()
        engine.releaseHistories()
        return engine
    }

    /// Every accepted event replayed in acceptance order, and the alert log read into the ledger.
    /// The engine keeps every case's events in memory.
    public static func replay(
        store: any StateStorage, configuration: EngineConfiguration, today: CalendarDate, logger: Logger
    ) throws -> DeadlineEngine {
        var engine = DeadlineEngine(configuration: configuration)
        var count = 0
        try store.forEachEvent { stored in
            guard let event = decoded(stored, logger: logger) else { return }
            do {
                try engine.accept(event, today: max(today, event.date))
                count += 1
            } catch {
                logUnusable(stored, error, logger: logger)
            }
        }
        engine.restore(emitted: try store.alerts().map(\.alert))
        logger.info("Tilstand bygget fra hendelsene", metadata: ["events": "\(count)"])
        return engine
    }

    /// Loads into the engine the events of these cases (of every case with nil), so a batch that
    /// names them is judged as with every event in memory. The caller passes the cases
    /// `DeadlineEngine.casesWithoutHistory` found; a case already in memory is left as it is. A
    /// case whose events do not fold into its persisted state takes the folded state, and that is
    /// logged.
    static func loadHistories(
        of caseRefs: Set<String>?, into engine: inout DeadlineEngine, store: any StateStorage, logger: Logger
    ) throws {
        var histories: [String: [Event]] = [:]
        func add(_ stored: StoredEvent) {
            if let event = decoded(stored, logger: logger) { histories[event.caseRef, default: []].append(event) }
        }
        if let caseRefs {
            guard !caseRefs.isEmpty else { return }
            for events in try store.events(ofCases: caseRefs).values { events.forEach(add) }
        } else {
            try store.forEachEvent(add)
        }
        for (caseRef, events) in histories {
            do {
                try engine.loadHistory(of: caseRef, events: events)
            } catch {
                logger.error(
                    "Lagret tilstand for saken stemte ikke med hendelsene; tilstanden fra hendelsene brukes",
                    metadata: ["case": "\(caseRef)"])
            }
        }
    }

    /// A stored event decoded, or nil and logged when it no longer decodes. Cannot happen for
    /// events this service accepted under the same contract; logged, never silently dropped.
    static func decoded(_ stored: StoredEvent, logger: Logger) -> Event? {
        do {
            return try stored.decoded()
        } catch {
            logUnusable(stored, error, logger: logger)
            return nil
        }
    }

    private static func logUnusable(_ stored: StoredEvent, _ error: any Error, logger: Logger) {
        logger.error(
            "Lagret hendelse kan ikke brukes ved gjenoppbygging",
            metadata: [
                "event": "\(stored.id)", "file": "\(stored.file)", "line": "\(stored.line)", "reason": "\(error)",
            ])
    }
}
