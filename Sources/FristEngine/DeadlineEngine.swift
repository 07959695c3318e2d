public import FristCalendar
import FristHotPaths
import HeapModule

/// The deadline engine: accepts events, keeps every case's clocks, and decides which alerts are
/// due on a day (rules.md §§ 2–3). Pure and deterministic: no I/O, no clock; the caller says what
/// "today" is.
public struct DeadlineEngine: Sendable {
    /// The configuration in force.
    public internal(set) var configuration: EngineConfiguration
    var arithmetic: DeadlineArithmetic
    /// The calendar built from the configuration.
    public var calendar: WorkingDayCalendar { arithmetic.calendar }

    /// Cases in one contiguous array, by the handle `caseRefs` interned their references as
    /// (see `CaseReferences`). Integer handles keep the daily walk and the wake-up bookkeeping
    /// free of string hashing.
    var records: [CaseRecord] = []
    var caseRefs = CaseReferences()
    /// The ids of the events in memory (the step's, and those of histories loaded back).
    var eventIDs = EventIDSet()
    /// What has been alerted, per case (by the same index as `records`).
    var ledgers: [AlertLedger] = []

    /// A case to look at again on a date.
    struct Wakeup: Comparable {
        let date: CalendarDate
        let caseIndex: Int
        static func < (lhs: Wakeup, rhs: Wakeup) -> Bool { lhs.date < rhs.date }
    }

    var wakeups = Heap<Wakeup>()
    var changed = CaseSet()
    /// Every case is to be judged at the next `advance` (after a restore).
    var judgesAll = false
    /// Cases whose persisted form is out of date (see `takeChangedCases`).
    var unpersisted = CaseSet()
    /// Cases whose events came into memory (created, or loaded) since the last `releaseHistories`.
    var loaded: [Int] = []
    /// Whether a new case keeps its events in memory (see `keepsHistories`).
    var newCasesKeepHistory = true
    /// Whether the engine notes which cases each event changes (the default): the next `advance`
    /// judges only those, and `takeChangedCases` persists them. A one-shot count of a file's
    /// status needs neither; without the notes, the next `advance` judges every case, and
    /// `takeChangedCases` may not be asked.
    public var tracksChanges = true
    /// A case's clocks as they were before its event, in case it is refused (`CaseRecord.append`);
    /// one buffer for every event.
    var savedClocks: [Clock] = []
    /// The number of the case the last applied event went to: cases are numbered 0, 1, 2, … in
    /// the order they first appeared, so a caller can keep something of its own per case in an
    /// array (`history` in `accept` is asked by this number).
    public private(set) var lastAppliedCase = 0
    /// What judging every restored case on one day found, decided as each was added (see
    /// `beginRestore`): the first `advance` to that day takes it instead of judging them all
    /// again. Any change to a case or the configuration before then drops it.
    var prejudged: Prejudged?
    /// The status of the restored cases on that day, counted as each was restored; dropped with
    /// `prejudged` (see `takeRestoredStatus`).
    var restoredStatus: StatusCounter?

    /// The restored cases' judgement on `day`: their wake-ups, and the cases with alerts due.
    struct Prejudged {
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
    ///
    /// `history` gives the events of a case whose history is not in memory (by its case number,
    /// see `lastAppliedCase`), when a back-dated event or a repeated id needs them; without it,
    /// such a case must have had its history loaded first (`loadHistory(of:events:)`). Events
    /// brought back stay in memory, whether the event is then taken or refused: they change no
    /// clock.
    @discardableResult
    public mutating func accept(
        _ event: Event, today: CalendarDate, history: (_ caseNumber: Int) -> [Event]? = { _ in nil }
    ) throws(EventRefusal) -> Acceptance {
        // One hash of the id on the common path: inserted now, taken out again if refused.
        guard eventIDs.insert(event.storedID) else {
            if let index = caseRefs.handle(of: event.storedCaseRef) {
                bringBackHistory(of: index, from: history)
                if records[index].events.contains(event) { return .duplicate }
            }
            throw EventRefusal(.idConflict, field: "id", "id «\(event.id)» er allerede brukt av en annen hendelse")
        }
        do throws(EventRefusal) {
            return try apply(event, today: today, history: history)
        } catch {
            eventIDs.removeLast()  // the id inserted above: `apply` inserts none
            throw error
        }
    }

    /// `accept` for an event whose id, the caller knows, no event this engine holds has
    /// (`FileIDPass`): the id set is neither asked nor changed.
    mutating func acceptUnseenID(
        _ event: Event, today: CalendarDate, history: (_ caseNumber: Int) -> [Event]?
    ) throws(EventRefusal) -> Acceptance {
        try apply(event, today: today, history: history)
    }

    /// Adds `event`'s id to the id set, as if the event that first had it had been accepted
    /// with it (`FileIDPass`, for an id that comes again).
    mutating func rememberID(of event: Event) {
        _ = eventIDs.insert(event.storedID)
    }

    /// `accept` for an id not seen before.
    mutating func apply(
        _ event: Event, today: CalendarDate, history: (_ caseNumber: Int) -> [Event]? = { _ in nil }
    ) throws(EventRefusal) -> Acceptance {
        guard event.date <= today else {
            throw EventRefusal.dateAfterToday(event.date, today: today)
        }
        dropRestoreWork()
        // One hash of the case reference: it finds a known case, or interns a new one (taken out
        // again if the new case's first event is refused).
        let (index, isNew) = caseRefs.insert(event.storedCaseRef)
        if !isNew {
            if let last = records[index].lastDate, event.date < last {
                bringBackHistory(of: index, from: history)
                records[index] = try records[index].inserting(event, calendar: calendar)
            } else {
                try records[index].append(event, calendar: calendar, saved: &savedClocks)
            }
            noteChanged(index)
        } else {
            var record = CaseRecord()
            record.hasHistory = newCasesKeepHistory
            do throws(EventRefusal) {
                try record.append(event, calendar: calendar, saved: &savedClocks)
            } catch {
                caseRefs.removeLast()
                throw error
            }
            noteChanged(index)
            if newCasesKeepHistory { loaded.append(index) }
            records.append(record)
            ledgers.append(AlertLedger())
        }
        lastAppliedCase = index
        return .applied
    }

    /// Notes a case an event changed, for the next `advance` and `takeChangedCases`; without
    /// `tracksChanges`, the next `advance` judges every case instead.
    private mutating func noteChanged(_ index: Int) {
        if tracksChanges {
            changed.insert(index)
            unpersisted.insert(index)
        } else {
            judgesAll = true
        }
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
        for index in due {
            guard let wake = judge(index, on: today, into: &alerts) else { continue }
            if buildsHeap { collected.append(wake) } else { wakeups.insert(wake) }
        }
        if buildsHeap { wakeups = Heap(collected) }
        return alerts
    }

    /// Decides one case's alerts on `today` and records them; returns its next wake-up.
    mutating func judge(_ index: Int, on today: CalendarDate, into alerts: inout [Alert]) -> Wakeup? {
        record(alertsDue(forCaseAt: index, on: today), ofCaseAt: index, into: &alerts)
        return nextWakeup(forCaseAt: index, after: today).map { Wakeup(date: $0, caseIndex: index) }
    }

    /// Records one case's alerts in its ledger and appends them in output order.
    mutating func record(_ caseAlerts: [Alert], ofCaseAt index: Int, into alerts: inout [Alert]) {
        guard !caseAlerts.isEmpty else { return }
        for alert in caseAlerts { ledgers[index].record(alert) }
        unpersisted.insert(index)
        alerts += caseAlerts.count == 1 ? caseAlerts : caseAlerts.sorted(by: Alert.outputOrder)
    }

    /// The first `advance` after a restore, from the judgement made as the cases were added:
    /// what judging every case on that day would do, without judging them again.
    mutating func record(_ judged: Prejudged) -> [Alert] {
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

    // MARK: - Deciding

    func alertsDue(forCaseAt index: Int, on today: CalendarDate) -> [Alert] {
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

    /// Calls `body` with each case's reference (made only when asked for, as the engine keeps
    /// it: a UUID packed, not a string), unit and clocks (the status count's pass): the record
    /// itself is not copied, which would retain and release every array it holds, and most
    /// cases' references are never needed.
    func forEachCase(in cases: Range<Int>, _ body: (() -> EventIdentifier, String?, [Clock]) -> Void) {
        records.withUnsafeBufferPointer { records in
            for index in cases {
                body({ caseRefs.identifier(index) }, records[index].unit, records[index].clocks)
            }
        }
    }

    /// The next day on which something of this case can change without a new event.
    func nextWakeup(forCaseAt index: Int, after today: CalendarDate) -> CalendarDate? {
        arithmetic.nextWakeup(clocks: records[index].clocks, after: today)
    }
}
