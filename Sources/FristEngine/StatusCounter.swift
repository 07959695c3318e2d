import FristCalendar
import FristHotPaths

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
    /// Whether `open` is in its order (`sortOpen`), not in the order the cases were added.
    private var openSorted = false
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
        openSorted = false
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
        return StatusSnapshot(
            today: today, calendar: calendar, totals: all.byState, rules: all.byRule, units: units,
            complaintTarget: .init(decided: decided, withinTarget: withinTarget, goal: RuleDefinition.complaintGoal),
            open: openSorted ? open : Self.mostUrgentFirst(open),
            duties: Dictionary(uniqueKeysWithValues: OpenDuty.allCases.map { ($0, duties[$0] ?? 0) }))
    }

    /// Puts the listed clocks in their order now (a part counted on a thread of its own sorts
    /// its list there).
    mutating func sortOpen() {
        if !openSorted { open = Self.mostUrgentFirst(open) }
        openSorted = true
    }

    /// Adds the counts of the cases `later` counted, which come after this counter's (both lists
    /// sorted: merged, with this one's clocks first among equals, the order a sort of the whole
    /// list in case order gives).
    mutating func append(_ later: StatusCounter) {
        precondition(today == later.today && includeRunning == later.includeRunning, "status parts of two days")
        sortOpen()
        for (unit, slot) in later.unitSlots {
            if let known = unitSlots[unit] {
                unitCounts[known].add(later.unitCounts[slot])
            } else {
                unitSlots[unit] = unitCounts.count
                unitCounts.append(later.unitCounts[slot])
            }
        }
        for (duty, count) in later.duties { duties[duty, default: 0] += count }
        decided += later.decided
        withinTarget += later.withinTarget
        var later = later
        later.sortOpen()
        open = Self.merged(open, later.open)
    }

    /// Two lists in their order as one, `first`'s clocks before `second`'s among equals.
    private static func merged(
        _ first: [StatusSnapshot.OpenClock], _ second: [StatusSnapshot.OpenClock]
    ) -> [StatusSnapshot.OpenClock] {
        var result: [StatusSnapshot.OpenClock] = []
        result.reserveCapacity(first.count + second.count)
        var (i, j) = (0, 0)
        while i < first.count, j < second.count {
            if precedes(second[j], first[i]) {
                result.append(second[j])
                j += 1
            } else {
                result.append(first[i])
                i += 1
            }
        }
        result += first[i...]
        result += second[j...]
        return result
    }

    /// The list's order: by days left, deadline, case reference (by its bytes: the contract's
    /// references are ASCII, whose bytes order as `String` does) and rule.
    private static func precedes(_ lhs: StatusSnapshot.OpenClock, _ rhs: StatusSnapshot.OpenClock) -> Bool {
        let (left, right) = (urgency(lhs), urgency(rhs))
        return left != right ? left < right : referencePrecedes(lhs, rhs)
    }

    /// The days left and the deadline as one integer, in their order.
    private static func urgency(_ clock: StatusSnapshot.OpenClock) -> UInt64 {
        UInt64(PrefixSort.ordered(Int32(clamping: clock.daysLeft))) << 32
            | UInt64(PrefixSort.ordered(clock.due.dayNumber))
    }

    /// The order of two clocks of the same days left and deadline: by case reference, then rule.
    private static func referencePrecedes(_ lhs: StatusSnapshot.OpenClock, _ rhs: StatusSnapshot.OpenClock) -> Bool {
        lhs.withCaseRefUTF8 { left in
            rhs.withCaseRefUTF8 { right in
                left.lexicographicallyPrecedes(right) || (left.elementsEqual(right) && lhs.rule < rhs.rule)
            }
        }
    }

    /// The clocks in the list's order (`precedes`), sorted by `PrefixSort`: the days left and
    /// deadline as one integer, the reference's first eight bytes as another, then the rest.
    static func mostUrgentFirst(_ open: [StatusSnapshot.OpenClock]) -> [StatusSnapshot.OpenClock] {
        let order = PrefixSort.order(
            count: open.count,
            key: { urgency(open[$0]) },
            prefix: { open[$0].withCaseRefUTF8(PrefixSort.prefix) },
            precedes: { referencePrecedes(open[$0], open[$1]) })
        return order.map { open[$0] }
    }
}
