public import FristCalendar

/// The status of every clock on a day (contract § 4), as plain values; the formats layer
/// renders it as the status file's JSON.
public struct StatusSnapshot: Sendable, Equatable {
    /// One at-risk or breached (or, when asked for, running) clock.
    public struct OpenClock: Sendable, Equatable {
        /// The case.
        public let caseRef: String
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
        /// Whether HELFO must be contacted (rule `frist-helsehjelp` only).
        public let helfoRequired: Bool
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
    /// The complaint target.
    public let complaintTarget: ComplaintTarget
    /// The clocks to act on, most urgent first.
    public let open: [OpenClock]
}

extension DeadlineEngine {
    /// The status on `today` after every event applied so far (contract § 4). `includeRunning`
    /// adds running clocks to `open` (off by default: there can be hundreds of thousands).
    public func status(on today: CalendarDate, includeRunning: Bool = false) -> StatusSnapshot {
        // Counted by ordinal (no hashing per clock), turned into the snapshot's tables at the end.
        let states = ClockState.allCases
        var counts = [Int](repeating: 0, count: RuleID.allCases.count * states.count)
        var open: [StatusSnapshot.OpenClock] = []
        var decided = 0
        var withinTarget = 0
        // The 365 days ending today.
        let windowStart = (try? today.adding(days: -364)) ?? CalendarDate.earliest
        forEachCase { caseRef, record in
            for clock in record.clocks {
                let state = arithmetic.state(clock, on: today)
                counts[clock.rule.ordinal * states.count + state.ordinal] += 1
                if state == .atRisk || state == .breached || (includeRunning && state == .running) {
                    open.append(
                        StatusSnapshot.OpenClock(
                            caseRef: caseRef, unit: record.unit, rule: clock.rule, state: state, start: clock.start,
                            due: clock.due, daysLeft: arithmetic.daysLeft(clock, on: today),
                            helfoRequired: arithmetic.helfoRequired(clock, on: today)))
                }
                if clock.rule == .statsforvalterKlage, case .stopped(let date) = clock.ending, date >= windowStart,
                    date <= today
                {
                    decided += 1
                    if date <= clock.due { withinTarget += 1 }
                }
            }
        }
        func count(_ rule: RuleID, _ state: ClockState) -> Int { counts[rule.ordinal * states.count + state.ordinal] }
        let rules = Dictionary(
            uniqueKeysWithValues: RuleID.allCases.map { rule in
                (rule, Dictionary(uniqueKeysWithValues: states.map { ($0, count(rule, $0)) }))
            })
        let totals = Dictionary(
            uniqueKeysWithValues: states.map { state in (state, RuleID.allCases.reduce(0) { $0 + count($1, state) }) })
        open.sort {
            ($0.daysLeft, $0.due, $0.caseRef, $0.rule) < ($1.daysLeft, $1.due, $1.caseRef, $1.rule)
        }
        return StatusSnapshot(
            today: today, calendar: configuration.calendar, totals: totals, rules: rules,
            complaintTarget: .init(decided: decided, withinTarget: withinTarget, goal: RuleDefinition.complaintGoal),
            open: open)
    }
}
