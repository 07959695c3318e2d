public import FristCalendar
import FristHotPaths

/// The status of every clock on a day (docs/status-file.md), as plain values; the formats layer
/// renders it as the status file's JSON.
public struct StatusSnapshot: Sendable, Equatable {
    /// One at-risk or breached (or, when asked for, running) clock.
    public struct OpenClock: Sendable, Equatable {
        /// The case, as the engine keeps its reference: a UUID in its 128 bits, so the hundreds of
        /// thousands of listed clocks hold no string each (`caseRef` writes it out when asked).
        let caseID: EventIdentifier
        /// The unit, if any.
        public let unit: String?
        /// The rule.
        public let rule: RuleID
        /// The state on the day.
        public let state: ClockState
        /// When the clock started.
        public let start: CalendarDate
        /// The current deadline.
        public let due: CalendarDate
        /// Days left, negative when overdue (as `FRIST_DAYS_LEFT`).
        public let daysLeft: Int
        /// The legal duty the clock holds open, if any (listed whatever the state).
        public let duty: OpenDuty?
        /// Whether HELFO must be contacted (rule `frist-helsehjelp` only).
        public var helfoRequired: Bool { duty == .helfoRequired }

        /// The case.
        public var caseRef: String { caseID.text }

        /// Calls `body` with the case reference's UTF-8 (a UUID written out on the stack).
        public func withCaseRefUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
            try caseID.withUTF8(body)
        }
    }

    /// Statsforvalteren's complaint target over the last 365 days.
    public struct ComplaintTarget: Sendable, Equatable {
        /// Complaints decided in the 365 days ending today.
        public let decided: Int
        /// Of those, decided on or before their target date.
        public let withinTarget: Int
        /// The goal share.
        public let goal: Double

        /// `withinTarget / decided`, or nil when nothing was decided.
        public var share: Double? { decided == 0 ? nil : Double(withinTarget) / Double(decided) }
    }

    /// The day.
    public let today: CalendarDate
    /// The calendar options in force.
    public let calendar: CalendarOptions
    /// Every clock counted by state.
    public let totals: [ClockState: Int]
    /// Every clock counted by rule and state (every rule present).
    public let rules: [RuleID: [ClockState: Int]]
    /// Every clock counted by its case's unit (a case's latest unit; `""` for cases without
    /// one), rule and state. Only units with at least one clock are present.
    public let units: [String: ClockCounts]
    /// The complaint target.
    public let complaintTarget: ComplaintTarget
    /// The clocks to act on, most urgent first: at-risk and breached ones, those with an open
    /// duty, and running ones when asked for.
    public let open: [OpenClock]
    /// Clocks with an open duty, by duty (every duty present).
    public let duties: [OpenDuty: Int]
}

extension DeadlineEngine {
    /// The status on `today` after every event applied so far (docs/status-file.md). `includeRunning`
    /// adds running clocks to `open` (off by default: there can be hundreds of thousands).
    public func status(on today: CalendarDate, includeRunning: Bool = false) -> StatusSnapshot {
        var counter = StatusCounter(arithmetic: arithmetic, today: today, includeRunning: includeRunning)
        forEachCase { caseID, unit, clocks in counter.add(caseID(), unit: unit, clocks: clocks) }
        return counter.snapshot(calendar: configuration.calendar)
    }
}

/// Counts a status snapshot case by case: the engine's `status`, and the monthly report, which
/// folds one case at a time, share it.
struct StatusCounter {
    let arithmetic: DeadlineArithmetic
    let today: CalendarDate
    let includeRunning: Bool
    // Counted per unit by ordinal: one hash per case (its unit), none per clock.
    private var unitSlots: [String: Int] = [:]
    private var unitCounts: [ClockCounts] = []
    private var open: [StatusSnapshot.OpenClock] = []
    private var duties: [OpenDuty: Int] = [:]
    private var decided = 0
    private var withinTarget = 0
    /// The 365 days ending today.
    private let windowStart: CalendarDate

    init(arithmetic: DeadlineArithmetic, today: CalendarDate, includeRunning: Bool) {
        self.arithmetic = arithmetic
        self.today = today
        self.includeRunning = includeRunning
        windowStart = (try? today.adding(days: -364)) ?? CalendarDate.earliest
    }

    /// Counts one case's clocks.
    mutating func add(_ caseRef: String, _ record: CaseRecord) {
        add(EventIdentifier(caseRef), unit: record.unit, clocks: record.clocks)
    }

    /// Counts one case's clocks, given its unit and clocks: the engine's whole-state pass hands
    /// these over without copying the case's record (which would retain every array it holds).
    mutating func add(_ caseID: @autoclosure () -> EventIdentifier, unit caseUnit: String?, clocks: [Clock]) {
        guard !clocks.isEmpty else { return }
        let unit = caseUnit ?? ""
        let slot: Int
        if let known = unitSlots[unit] {
            slot = known
        } else {
            slot = unitCounts.count
            unitSlots[unit] = slot
            unitCounts.append(ClockCounts())
        }
        for clock in clocks {
            let state = arithmetic.state(clock, on: today)
            unitCounts[slot].add(clock.rule, state)
            let duty = OpenDuty.of(clock, state: state)
            if let duty { duties[duty, default: 0] += 1 }
            if state == .atRisk || state == .breached || (includeRunning && state == .running) || duty != nil {
                open.append(
                    StatusSnapshot.OpenClock(
                        caseID: caseID(), unit: caseUnit, rule: clock.rule, state: state, start: clock.start,
                        due: clock.due, daysLeft: arithmetic.daysLeft(clock, on: today),
                        duty: duty))
            }
            if clock.rule == .statsforvalterKlage, case .stopped(let date) = clock.ending, date >= windowStart,
                date <= today
            {
                decided += 1
                if date <= clock.due { withinTarget += 1 }
            }
        }
    }

    /// The snapshot of every case added.
    func snapshot(calendar: CalendarOptions) -> StatusSnapshot {
        let units = unitSlots.mapValues { unitCounts[$0] }
        var all = ClockCounts()
        for counts in unitCounts { all.add(counts) }
        let sorted = Self.mostUrgentFirst(open)
        return StatusSnapshot(
            today: today, calendar: calendar, totals: all.byState, rules: all.byRule, units: units,
            complaintTarget: .init(decided: decided, withinTarget: withinTarget, goal: RuleDefinition.complaintGoal),
            open: sorted, duties: Dictionary(uniqueKeysWithValues: OpenDuty.allCases.map { ($0, duties[$0] ?? 0) }))
    }

    /// The clocks by days left, deadline, case reference and rule (`PrefixSort`: the first two as
    /// one integer, the reference's first eight bytes as another, then its bytes; the contract's
    /// references are ASCII, whose bytes order as `String` does).
    static func mostUrgentFirst(_ open: [StatusSnapshot.OpenClock]) -> [StatusSnapshot.OpenClock] {
        let order = PrefixSort.order(
            count: open.count,
            key: {
                UInt64(PrefixSort.ordered(Int32(clamping: open[$0].daysLeft))) << 32
                    | UInt64(PrefixSort.ordered(open[$0].due.dayNumber))
            },
            prefix: { open[$0].withCaseRefUTF8(PrefixSort.prefix) },
            precedes: { lhs, rhs in
                open[lhs].withCaseRefUTF8 { left in
                    open[rhs].withCaseRefUTF8 { right in
                        left.lexicographicallyPrecedes(right)
                            || (left.elementsEqual(right) && open[lhs].rule < open[rhs].rule)
                    }
                }
            })
        return order.map { open[$0] }
    }
}
