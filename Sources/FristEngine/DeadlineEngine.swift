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

    /// Cases in one contiguous array; `caseIndex` finds a case by its reference. Integer
    /// handles keep the daily walk and the wake-up bookkeeping free of string hashing.
    private(set) var records: [CaseRecord] = []
    private var caseRefs: [String] = []
    private var caseIndex: [String: Int] = [:]
    private var eventIDs: Set<String> = []
    /// What has been alerted.
    public private(set) var ledger = AlertLedger()

    /// A case to look at again on a date.
    private struct Wakeup: Comparable {
        let date: CalendarDate
        let caseIndex: Int
        static func < (lhs: Wakeup, rhs: Wakeup) -> Bool { lhs.date < rhs.date }
    }

    private var wakeups = Heap<Wakeup>()
    private var changed: Set<Int> = []

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

    /// Applies one event as of its date, or refuses it (contract § 1): a date after today, an id
    /// reused with other content, an unknown case, a stop before its start, or a step the case's
    /// state does not allow. A refused event changes nothing.
    @discardableResult
    public mutating func accept(_ event: Event, today: CalendarDate) throws(EventRefusal) -> Acceptance {
        if eventIDs.contains(event.id) {
            if let index = caseIndex[event.caseRef], records[index].events.contains(event) { return .duplicate }
            throw EventRefusal(.idConflict, field: "id", "id «\(event.id)» er allerede brukt av en annen hendelse")
        }
        guard event.date <= today else {
            throw EventRefusal.dateAfterToday(event.date, today: today)
        }
        if let index = caseIndex[event.caseRef] {
            if let last = records[index].lastDate, event.date < last {
                records[index] = try records[index].inserting(event, calendar: calendar)
            } else {
                records[index] = try records[index].appending(event, calendar: calendar)
            }
            changed.insert(index)
        } else {
            let record = try CaseRecord().appending(event, calendar: calendar)
            caseIndex[event.caseRef] = records.count
            changed.insert(records.count)
            records.append(record)
            caseRefs.append(event.caseRef)
        }
        eventIDs.insert(event.id)
        return .applied
    }

    /// Decides the alerts due on `today`, records them in the ledger as emitted, and returns them
    /// in output order. Looks only at cases that changed or whose next threshold has come.
    ///
    /// `wakeupsThrough` lets a service judge the cases new events changed as of today while the
    /// other cases wait for the daily alert run (which passes today, the default).
    public mutating func advance(to today: CalendarDate, wakeupsThrough: CalendarDate? = nil) -> [Alert] {
        let through = min(wakeupsThrough ?? today, today)
        var due = changed
        changed.removeAll(keepingCapacity: true)
        while let next = wakeups.min, next.date <= through {
            due.insert(wakeups.removeMin().caseIndex)
        }
        var alerts: [Alert] = []
        for index in due {
            let caseAlerts = alertsDue(for: records[index], caseRef: caseRefs[index], on: today)
            for alert in caseAlerts { ledger.record(alert) }
            alerts += caseAlerts
            if let wake = nextWakeup(for: records[index], after: today) {
                wakeups.insert(Wakeup(date: wake, caseIndex: index))
            }
        }
        return alerts.sorted(by: Alert.outputOrder)
    }

    /// `FRIST_DAYS_LEFT` of a clock on a day.
    public func daysLeft(_ clock: Clock, on today: CalendarDate) -> Int {
        arithmetic.daysLeft(clock, on: today)
    }

    /// Records alerts emitted earlier (a restarted service's log), so they are not repeated.
    public mutating func restore(emitted alerts: some Sequence<Alert>) {
        for alert in alerts { ledger.record(alert) }
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
        }
        moves.sort { ($0.caseRef, $0.clock.rule) < ($1.caseRef, $1.clock.rule) }
        return (moves, failed.sorted())
    }

    // MARK: - Deciding

    private func alertsDue(for record: CaseRecord, caseRef: String, on today: CalendarDate) -> [Alert] {
        var alerts: [Alert] = []
        func alert(
            _ kind: AlertKind, _ clock: Clock, due: CalendarDate, level: Int, since: CalendarDate?,
            outcome: Outcome? = nil
        ) {
            alerts.append(
                Alert(
                    kind: kind, clock: clock.id, caseRef: caseRef, unit: record.unit, due: due, date: today,
                    daysLeft: arithmetic.daysLeft(clock, on: today), outcome: outcome,
                    late: since.map { today > $0 } ?? false, level: level))
        }
        for clock in record.clocks {
            if clock.isOpen {
                let reached = arithmetic.level(clock, on: today)
                let alerted = ledger.level(clock.id, due: clock.due)
                if reached > alerted {
                    let (kind, shown): (AlertKind, Int) =
                        reached == 1 ? (.atRisk, 1) : alerted < 2 ? (.breached, 2) : (.reminder, reached)
                    alert(
                        kind, clock, due: clock.due, level: reached,
                        since: arithmetic.date(ofLevel: shown, for: clock))
                }
                if arithmetic.helfoRequired(clock, on: today), !ledger.helfoAlerted(clock.id, due: clock.due) {
                    alert(.helfoRequired, clock, due: clock.due, level: 0, since: arithmetic.helfoDate(clock))
                }
            }
            if let frist = clock.overCapFrist, !ledger.overCapAlerted(clock.id) {
                alert(.overCap, clock, due: frist, level: 0, since: clock.start)
            }
            if case .stopped(let stop) = clock.ending, !ledger.resolvedAlerted(clock.id),
                ledger.level(clock.id, due: clock.due) >= 1 || arithmetic.atRiskDate(clock) < stop
            {
                alert(
                    .resolved, clock, due: clock.due, level: 0, since: stop,
                    outcome: stop <= clock.due ? .met : .metLate)
            }
        }
        return alerts
    }

    /// Calls `body` with every case reference and its record, in the order cases first arrived.
    func forEachCase(_ body: (String, CaseRecord) -> Void) {
        for index in records.indices { body(caseRefs[index], records[index]) }
    }

    /// The next day on which something of this case can change without a new event.
    private func nextWakeup(for record: CaseRecord, after today: CalendarDate) -> CalendarDate? {
        var earliest: CalendarDate?
        for clock in record.clocks where clock.isOpen {
            let next = arithmetic.date(ofLevel: arithmetic.level(clock, on: today) + 1, for: clock)
            if let next, next > today, earliest.map({ next < $0 }) ?? true { earliest = next }
        }
        return earliest
    }
}
