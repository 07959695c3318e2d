public import FristCalendar
public import FristHotPaths
import HeapModule

/// The engine's persisted side: a restore from each case's persisted state (judged and counted
/// while it is read), the cases changed since the last commit, the histories loaded for intake
/// and released after it, and a refold on a new configuration.
extension DeadlineEngine {

    /// An engine holding the cases read back from persisted state, with no events in memory.
    /// Every case is judged at the first `advance`, as after a replay; with `judgingOn`, each is
    /// judged for that day as it is read, and its status counted with `statusIncludingRunning`
    /// (see `beginRestore`). Throws on any case that cannot be read; nothing is guessed.
    public init(
        configuration: EngineConfiguration, restoring cases: some Sequence<PersistedCase>,
        judgingOn day: CalendarDate? = nil, statusIncludingRunning: Bool? = nil
    ) throws(StateFormatError) {
        self.init(configuration: configuration)
        reserveCapacity(cases.underestimatedCount)
        if let day { beginRestore(on: day, statusIncludingRunning: statusIncludingRunning) }
        for persisted in cases {
            do {
                try persisted.bytes.withUnsafeBytes { try restoreCase(persisted.caseRef, from: $0) }
            } catch {
                throw (error as? StateFormatError) ?? StateFormatError(description: "\(error)")
            }
        }
    }

    /// Makes room for this many cases (before restoring them), and as many event ids (before
    /// accepting a file of that many events): no table is rehashed as it grows.
    public mutating func reserveCapacity(_ cases: Int, events: Int = 0) {
        eventIDs.reserveCapacity(events)
        records.reserveCapacity(cases)
        ledgers.reserveCapacity(cases)
        caseRefs.reserveCapacity(cases)
    }

    /// Adds a case read back from its persisted bytes (see `PersistedCase`), with no events in
    /// memory; every case is judged at the next `advance`. Throws, changing nothing, on bytes
    /// that cannot be read or a case already present.
    public mutating func restoreCase(_ caseRef: String, from bytes: UnsafeRawBufferPointer) throws(StateFormatError) {
        try restoreCase(caseRef, decoded: Self.decodeCase(bytes))
    }

    /// A case's persisted bytes decoded, not yet in an engine: a restart decodes on one thread
    /// while it adds the cases decoded before on another.
    public struct DecodedCase: Sendable {
        let record: CaseRecord
        let ledger: AlertLedger
    }

    /// Decodes a case's persisted bytes (pure; throws on bytes that cannot be read).
    public static func decodeCase(_ bytes: UnsafeRawBufferPointer) throws(StateFormatError) -> DecodedCase {
        let (record, ledger) = try CaseRecord.decoding(bytes)
        return DecodedCase(record: record, ledger: ledger)
    }

    /// Starts a restore into this empty engine: each case restored from now on is judged on
    /// `day` as it is added, and with `statusIncludingRunning` its clocks are counted into the
    /// status for that day. A restart adds the cases while a second thread decodes the next ones,
    /// and the thread that adds them has time to spare: this work is done there, not after the
    /// read. The first `advance` to `day` then takes the judgements instead of judging every case
    /// again, and `takeRestoredStatus` gives the count, both only while nothing has changed a case
    /// since. On an engine that already holds cases it does nothing.
    public mutating func beginRestore(on day: CalendarDate, statusIncludingRunning: Bool? = nil) {
        guard records.isEmpty else { return }
        prejudged = Prejudged(day: day)
        restoredStatus = statusIncludingRunning.map {
            StatusCounter(arithmetic: arithmetic, today: day, includeRunning: $0)
        }
    }

    /// The status of the restored cases counted as they were restored (see `beginRestore`), if
    /// it was counted for this day and this choice of running clocks and no case has changed
    /// since; nil otherwise. Taken once.
    public mutating func takeRestoredStatus(on today: CalendarDate, includeRunning: Bool) -> StatusSnapshot? {
        defer { restoredStatus = nil }
        guard let counter = restoredStatus, counter.today == today, counter.includeRunning == includeRunning else {
            return nil
        }
        return counter.snapshot(calendar: configuration.calendar)
    }

    /// A change to a case or the configuration: what the restore decided ahead no longer holds.
    mutating func dropRestoreWork() {
        prejudged = nil
        restoredStatus = nil
    }

    /// Adds decoded cases in order (see `restoreCase(_:decoded:)`); throws on the first case
    /// already present, the cases before it added.
    public mutating func restoreCases(_ cases: [(caseRef: String, decoded: DecodedCase)]) throws(StateFormatError) {
        for (caseRef, decoded) in cases { try restoreCase(caseRef, decoded: decoded) }
    }

    /// Adds a decoded case (see `restoreCase(_:from:)`); throws, changing nothing, on a case
    /// already present.
    public mutating func restoreCase(_ caseRef: String, decoded: DecodedCase) throws(StateFormatError) {
        let (record, ledger) = (decoded.record, decoded.ledger)
        // One hash: the reference is interned only when the case is new.
        let (next, isNew) = caseRefs.insert(caseRef)
        guard isNew else {
            throw StateFormatError(description: "case «\(caseRef)» persisted twice")
        }
        if let day = prejudged?.day {
            let alerts = arithmetic.alertsDue(
                caseRef: caseRef, unit: record.unit, clocks: record.clocks, ledger: ledger, on: day)
            let wakeup = arithmetic.nextWakeup(clocks: record.clocks, after: day)
            if let wakeup { prejudged?.wakeups.append(Wakeup(date: wakeup, caseIndex: next)) }
            if !alerts.isEmpty { prejudged?.alerting.append((next, alerts)) }
        }
        restoredStatus?.add(caseRef, record)
        records.append(record)
        ledgers.append(ledger)
        judgesAll = true
    }

    /// The persisted form of every case changed since the last call (by an event, an alert or a
    /// new configuration), to be written with the change that caused it.
    public mutating func takeChangedCases() -> [PersistedCase] {
        precondition(tracksChanges, "takeChangedCases on an engine that does not track changes")
        defer { unpersisted.removeAll() }
        return unpersisted.members.sorted().map(persisted(at:))
    }

    /// The persisted form of every case, in the order cases first arrived.
    public func persistedCases() -> [PersistedCase] {
        records.indices.map(persisted(at:))
    }

    func persisted(at index: Int) -> PersistedCase {
        PersistedCase(
            storedCaseRef: caseRefs.identifier(index), bytes: records[index].encoded(ledger: ledgers[index]))
    }

    /// Of these case references, the known cases whose events are not in memory. Before a batch
    /// of events, a service loads the history of each case the batch names, and of each case that
    /// owns one of the batch's ids, so that repeated ids and back-dated events are judged as
    /// they would be with every event in memory.
    public func casesWithoutHistory(among caseRefs: some Sequence<String>) -> Set<String> {
        Set(caseRefs.filter { self.caseRefs.handle(of: $0).map { !records[$0].hasHistory } ?? false })
    }

    /// `casesWithoutHistory(among:)` for the cases these events name. A batch names each of its
    /// cases from its events: looked up by the event's own identifier, with no set of reference
    /// strings built first (most of a batch's cases are new or in memory already).
    public func casesWithoutHistory(namedBy events: [Event]) -> Set<String> {
        var found: Set<String> = []
        for event in events {
            if let index = caseRefs.handle(of: event.storedCaseRef), !records[index].hasHistory {
                found.insert(caseRefs[index])
            }
        }
        return found
    }

    /// A case's history does not fold into its persisted state.
    public struct HistoryMismatch: Error, Sendable {
        /// The case.
        public let caseRef: String
    }

    /// Puts a case's events (in acceptance order) back in memory. The events are folded and the
    /// result compared with the state in memory; on a difference the folded case is kept (the
    /// events are the truth), marked to be persisted again, and the mismatch is thrown so the
    /// caller can report it.
    public mutating func loadHistory(of caseRef: String, events: [Event]) throws {
        guard let index = caseRefs.handle(of: caseRef), !records[index].hasHistory else { return }
        let ordered = CaseRecord.inApplicationOrder(events)
        for event in ordered { _ = eventIDs.insert(event.storedID) }
        loaded.append(index)
        var withHistory = records[index]
        withHistory.events = ordered
        withHistory.hasHistory = true
        let folded = try? withHistory.replayed(calendar: calendar)
        let ledger = ledgers[index]
        guard let folded, folded.encoded(ledger: ledger) == records[index].encoded(ledger: ledger) else {
            dropRestoreWork()
            records[index] = folded ?? withHistory
            changed.insert(index)
            unpersisted.insert(index)
            throw HistoryMismatch(caseRef: caseRef)
        }
        records[index] = withHistory
    }

    /// Drops from memory the events of every case created or loaded since the last call (after
    /// they are safely stored). From then on, only the persisted form of the cases is in memory.
    public mutating func releaseHistories() {
        for index in loaded {
            records[index].events = []
            records[index].hasHistory = false
        }
        loaded.removeAll()
        eventIDs = EventIDSet()
    }

    /// A deadline that a new configuration moved.
    public struct DeadlineMove: Sendable, Equatable {
        /// The case.
        public let caseRef: String
        /// The clock.
        public let clock: ClockID
        /// The deadline before.
        public let oldDue: CalendarDate
        /// The deadline now.
        public let newDue: CalendarDate
    }

    /// Switches to a new configuration: every case is folded again on the new calendar and looked
    /// at on the next `advance`. Returns every open clock whose deadline moved. A case whose
    /// events no longer fold (a date pushed out of range) keeps its old clocks and is reported.
    public mutating func reconfigure(_ configuration: EngineConfiguration) -> (moves: [DeadlineMove], failed: [String])
    {
        dropRestoreWork()
        self.configuration = configuration
        arithmetic = DeadlineArithmetic(
            calendar: WorkingDayCalendar(options: configuration.calendar), configuration: configuration)
        var moves: [DeadlineMove] = []
        var failed: [String] = []
        for index in records.indices {
            guard let rebuilt = try? records[index].replayed(calendar: calendar) else {
                failed.append(caseRefs[index])
                continue
            }
            for (old, new) in zip(records[index].clocks, rebuilt.clocks) where new.isOpen && old.due != new.due {
                moves.append(DeadlineMove(caseRef: caseRefs[index], clock: new.id, oldDue: old.due, newDue: new.due))
            }
            records[index] = rebuilt
            changed.insert(index)
            unpersisted.insert(index)
        }
        moves.sort { ($0.caseRef, $0.clock.rule) < ($1.caseRef, $1.clock.rule) }
        return (moves, failed.sorted())
    }
}
