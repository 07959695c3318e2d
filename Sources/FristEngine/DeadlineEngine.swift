public import FristCalendar
import HeapModule

/// The deadline engine: accepts events, keeps every case's clocks, and decides which alerts are
/// due on a day (rules.md §§ 2–3). Pure and deterministic: no I/O, no clock; the caller says what
/// "today" is.
public struct DeadlineEngine: Sendable {
    /// The configuration in force.
    public private(set) var configuration: EngineConfiguration
    private(set) var arithmetic: DeadlineArithmetic
    /// The calendar built from the configuration.
    public var calendar: WorkingDayCalendar { arithmetic.calendar }

    /// Cases in one contiguous array, by the handle `caseRefs` interned their references as
    /// (see `IdentifierTable`). Integer handles keep the daily walk and the wake-up bookkeeping
    /// free of string hashing.
    private(set) var records: [CaseRecord] = []
    private var caseRefs = IdentifierTable()
    /// The ids of the events in memory (the step's, and those of histories loaded back).
    private var eventIDs = EventIDSet()
    /// What has been alerted, per case (by the same index as `records`).
    private var ledgers: [AlertLedger] = []

    /// A case to look at again on a date.
    private struct Wakeup: Comparable {
        let date: CalendarDate
        let caseIndex: Int
        static func < (lhs: Wakeup, rhs: Wakeup) -> Bool { lhs.date < rhs.date }
    }

    private var wakeups = Heap<Wakeup>()
    private var changed = CaseSet()
    /// Every case is to be judged at the next `advance` (after a restore).
    private var judgesAll = false
    /// Cases whose persisted form is out of date (see `takeChangedCases`).
    private var unpersisted = CaseSet()
    /// Cases whose events came into memory (created, or loaded) since the last `releaseHistories`.
    private var loaded: [Int] = []
    /// What judging every restored case on one day found, decided as each was added (see
    /// `beginRestore`): the first `advance` to that day takes it instead of judging them all
    /// again. Any change to a case or the configuration before then drops it.
    private var prejudged: Prejudged?
    /// The status of the restored cases on that day, counted as each was restored; dropped with
    /// `prejudged` (see `takeRestoredStatus`).
    private var restoredStatus: StatusCounter?

    /// The restored cases' judgement on `day`: their wake-ups, and the cases with alerts due.
    private struct Prejudged {
        let day: CalendarDate
        var wakeups: [Wakeup] = []
        var alerting: [(index: Int, alerts: [Alert])] = []
    }

    /// What `accept` did with an event.
    public enum Acceptance: Sendable, Equatable {
        /// The event was new and is now applied.
        case applied
        /// The same id with the same content was seen before: nothing changed.
        case duplicate
    }

    /// Creates an empty engine.
    public init(configuration: EngineConfiguration = EngineConfiguration()) {
        self.configuration = configuration
        self.arithmetic = DeadlineArithmetic(
            calendar: WorkingDayCalendar(options: configuration.calendar), configuration: configuration)
    }

    /// Every clock of every case (current and ended).
    public var clocks: some Sequence<Clock> { records.lazy.flatMap(\.clocks) }

    /// Applies one event as of its date, or refuses it (docs/events.md): a date after today, an id
    /// reused with other content, an unknown case, a stop before its start, or a step the case's
    /// state does not allow. A refused event changes nothing.
    @discardableResult
    public mutating func accept(_ event: Event, today: CalendarDate) throws(EventRefusal) -> Acceptance {
        // One hash of the id on the common path: inserted now, taken out again if refused.
        guard eventIDs.insert(event.storedID) else {
            if let index = caseRefs.handle(of: event.storedCaseRef), records[index].events.contains(event) {
                return .duplicate
            }
            throw EventRefusal(.idConflict, field: "id", "id «\(event.id)» er allerede brukt av en annen hendelse")
        }
        do throws(EventRefusal) {
            return try apply(event, today: today)
        } catch {
            eventIDs.removeLast()  // the id inserted above: `apply` inserts none
            throw error
        }
    }

    /// `accept` for an event whose id, the caller knows, no event this engine holds has
    /// (`FileIDPass`): the id set is neither asked nor changed.
    mutating func acceptUnseenID(_ event: Event, today: CalendarDate) throws(EventRefusal) -> Acceptance {
        try apply(event, today: today)
    }

    /// Adds `event`'s id to the id set, as if the event that first had it had been accepted
    /// with it (`FileIDPass`, for an id that comes again).
    mutating func rememberID(of event: Event) {
        _ = eventIDs.insert(event.storedID)
    }

    /// `accept` for an id not seen before.
    private mutating func apply(_ event: Event, today: CalendarDate) throws(EventRefusal) -> Acceptance {
        guard event.date <= today else {
            throw EventRefusal.dateAfterToday(event.date, today: today)
        }
        dropRestoreWork()
        // One hash of the case reference: it finds a known case, or interns a new one (taken out
        // again if the new case's first event is refused).
        let (index, isNew) = caseRefs.insert(event.storedCaseRef)
        if !isNew {
            if let last = records[index].lastDate, event.date < last {
                records[index] = try records[index].inserting(event, calendar: calendar)
            } else {
                records[index] = try records[index].appending(event, calendar: calendar)
            }
            changed.insert(index)
            unpersisted.insert(index)
        } else {
            let record: CaseRecord
            do throws(EventRefusal) {
                record = try CaseRecord().appending(event, calendar: calendar)
            } catch {
                caseRefs.removeLast()
                throw error
            }
            changed.insert(index)
            unpersisted.insert(index)
            loaded.append(index)
            records.append(record)
            ledgers.append(AlertLedger())
        }
        return .applied
    }

    /// Decides the alerts due on `today`, records them in the ledger as emitted, and returns them
    /// in output order. Looks only at cases that changed or whose next threshold has come.
    ///
    /// `wakeupsThrough` lets a service judge the cases new events changed as of today while the
    /// other cases wait for the daily alert run (which passes today, the default).
    public mutating func advance(to today: CalendarDate, wakeupsThrough: CalendarDate? = nil) -> [Alert] {
        let through = min(wakeupsThrough ?? today, today)
        var due: [Int]
        if judgesAll {
            // Every case; the wake-ups are all made anew.
            judgesAll = false
            changed.removeAll()
            if let judged = prejudged.take(), judged.day == today {
                return record(judged)
            }
            wakeups = Heap()
            due = Array(records.indices)
        } else {
            while let next = wakeups.min, next.date <= through {
                changed.insert(wakeups.removeMin().caseIndex)
            }
            due = changed.members
            changed.removeAll()
        }
        // Every alert is dated today, so output order is case, then rule and kind within the case:
        // judging the cases in reference order and sorting each case's few alerts gives it without
        // sorting the (large) alerts themselves.
        caseRefs.sort(&due) { $0 }
        var alerts: [Alert] = []
        // Every case (or the first ones): the heap is built once from all the wake-ups, in linear
        // time, instead of by a million inserts.
        let buildsHeap = wakeups.isEmpty
        var collected: [Wakeup] = []
        if buildsHeap { collected.reserveCapacity(due.count) }
        for (position, index) in due.enumerated() {
            prefetchClocks(ofCaseAt: due, position + Self.prefetchDistance)
            guard let wake = judge(index, on: today, into: &alerts) else { continue }
            if buildsHeap { collected.append(wake) } else { wakeups.insert(wake) }
        }
        if buildsHeap { wakeups = Heap(collected) }
        return alerts
    }

    /// Decides one case's alerts on `today` and records them; returns its next wake-up.
    private mutating func judge(_ index: Int, on today: CalendarDate, into alerts: inout [Alert]) -> Wakeup? {
        record(alertsDue(forCaseAt: index, on: today), ofCaseAt: index, into: &alerts)
        return nextWakeup(forCaseAt: index, after: today).map { Wakeup(date: $0, caseIndex: index) }
    }

    /// Records one case's alerts in its ledger and appends them in output order.
    private mutating func record(_ caseAlerts: [Alert], ofCaseAt index: Int, into alerts: inout [Alert]) {
        guard !caseAlerts.isEmpty else { return }
        for alert in caseAlerts { ledgers[index].record(alert) }
        unpersisted.insert(index)
        alerts += caseAlerts.count == 1 ? caseAlerts : caseAlerts.sorted(by: Alert.outputOrder)
    }

    /// The first `advance` after a restore, from the judgement made as the cases were added:
    /// what judging every case on that day would do, without judging them again.
    private mutating func record(_ judged: Prejudged) -> [Alert] {
        wakeups = Heap(judged.wakeups)
        var alerts: [Alert] = []
        var alerting = judged.alerting
        caseRefs.sort(&alerting) { $0.index }
        for (index, caseAlerts) in alerting { record(caseAlerts, ofCaseAt: index, into: &alerts) }
        return alerts
    }

    /// `FRIST_DAYS_LEFT` of a clock on a day.
    public func daysLeft(_ clock: Clock, on today: CalendarDate) -> Int {
        arithmetic.daysLeft(clock, on: today)
    }

    /// Records alerts emitted earlier (a restarted service's log), so they are not repeated.
    public mutating func restore(emitted alerts: some Sequence<Alert>) {
        dropRestoreWork()
        for alert in alerts {
            // An alert always names a case the events made (the log and the events are one
            // database); one that does not has nothing left to silence.
            guard let index = caseRefs.handle(of: alert.caseRef) else { continue }
            ledgers[index].record(alert)
            unpersisted.insert(index)
        }
    }

    // MARK: - Persisted state

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
    private mutating func dropRestoreWork() {
        prejudged = nil
        restoredStatus = nil
    }

    /// Adds decoded cases in order (see `restoreCase(_:decoded:)`), asking the processor for the
    /// case table's slot of the case `prefetchDistance` ahead (a restart's adding thread otherwise
    /// waits on that slot for each case); throws on the first case already present, the cases
    /// before it added.
    public mutating func restoreCases(_ cases: [(caseRef: String, decoded: DecodedCase)]) throws(StateFormatError) {
        for (position, (caseRef, decoded)) in cases.enumerated() {
            if position + Self.prefetchDistance < cases.count {
                caseRefs.prefetchSlot(of: cases[position + Self.prefetchDistance].caseRef)
            }
            try restoreCase(caseRef, decoded: decoded)
        }
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
        restoredStatus?.add(caseRef, unit: record.unit, clocks: record.clocks)
        records.append(record)
        ledgers.append(ledger)
        judgesAll = true
    }

    /// The persisted form of every case changed since the last call (by an event, an alert or a
    /// new configuration), to be written with the change that caused it.
    public mutating func takeChangedCases() -> [PersistedCase] {
        defer { unpersisted.removeAll() }
        return unpersisted.members.sorted().map(persisted(at:))
    }

    /// The persisted form of every case, in the order cases first arrived.
    public func persistedCases() -> [PersistedCase] {
        records.indices.map(persisted(at:))
    }

    private func persisted(at index: Int) -> PersistedCase {
        PersistedCase(caseRef: caseRefs[index], bytes: records[index].encoded(ledger: ledgers[index]))
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
        let ordered = events.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
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

    // MARK: - Deciding

    private func alertsDue(forCaseAt index: Int, on today: CalendarDate) -> [Alert] {
        // The record is read in place, not copied: a copy retains and releases every array it
        // holds, a cost paid for every case when a restart judges them all.
        arithmetic.alertsDue(
            caseRef: caseRefs[index], unit: records[index].unit, clocks: records[index].clocks, ledger: ledgers[index],
            on: today)
    }

    /// Calls `body` with every case reference and its record, in the order cases first arrived.
    func forEachCase(_ body: (String, CaseRecord) -> Void) {
        for index in records.indices { body(caseRefs[index], records[index]) }
    }

    /// Calls `body` with every case's reference (made only when asked for), unit and clocks (the
    /// status count's pass): the record itself is not copied, which would retain and release
    /// every array it holds, and most cases' references are never needed.
    func forEachCase(_ body: (() -> String, String?, [Clock]) -> Void) {
        records.withUnsafeBufferPointer { records in
            for index in records.indices {
                CaseRecord.prefetchClocks(in: records, at: index + Self.prefetchDistance)
                body({ caseRefs[index] }, records[index].unit, records[index].clocks)
            }
        }
    }

    /// How many cases ahead a pass over many cases asks for their clocks, and a restart for a
    /// case's slot: far enough for the memory to answer in time, near enough to stay in cache.
    private static let prefetchDistance = 8

    /// Asks for the clocks of the case `cases[position]`, if there is one (see
    /// `CaseRecord.prefetchClocks`).
    private func prefetchClocks(ofCaseAt cases: [Int], _ position: Int) {
        guard position < cases.count else { return }
        records.withUnsafeBufferPointer { CaseRecord.prefetchClocks(in: $0, at: cases[position]) }
    }

    /// The next day on which something of this case can change without a new event.
    private func nextWakeup(forCaseAt index: Int, after today: CalendarDate) -> CalendarDate? {
        arithmetic.nextWakeup(clocks: records[index].clocks, after: today)
    }
}
