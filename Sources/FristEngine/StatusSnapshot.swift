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

extension StatusSnapshot {
    /// The status counted over a part of the cases (`DeadlineEngine.statusPart`), its list
    /// sorted: parts counted apart, on threads of a caller's own, are joined by `init(joining:)`.
    public struct Part: Sendable {
        let counter: StatusCounter
        let calendar: CalendarOptions
    }

    /// The snapshot of parts over consecutive ranges of cases that cover them all, in case
    /// order: the same as `DeadlineEngine.status` counts in one pass.
    public init(joining parts: [Part]) {
        precondition(!parts.isEmpty, "a status of no part")
        var counter = parts[0].counter
        for part in parts.dropFirst() { counter.append(part.counter) }
        self = counter.snapshot(calendar: parts[0].calendar)
    }
}

extension DeadlineEngine {
    /// The status on `today` after every event applied so far (docs/status-file.md). `includeRunning`
    /// adds running clocks to `open` (off by default: there can be hundreds of thousands).
    public func status(on today: CalendarDate, includeRunning: Bool = false) -> StatusSnapshot {
        StatusSnapshot(joining: [statusPart(on: today, includeRunning: includeRunning, cases: 0..<caseCount)])
    }

    /// The number of cases, numbered `0 ..< caseCount` in the order they first appeared.
    public var caseCount: Int { records.count }

    /// `status` counted over the cases numbered `cases` only (see `StatusSnapshot.Part`).
    public func statusPart(on today: CalendarDate, includeRunning: Bool, cases: Range<Int>) -> StatusSnapshot.Part {
        var counter = StatusCounter(arithmetic: arithmetic, today: today, includeRunning: includeRunning)
        forEachCase(in: cases) { caseID, unit, clocks in counter.add(caseID(), unit: unit, clocks: clocks) }
        counter.sortOpen()
        return StatusSnapshot.Part(counter: counter, calendar: configuration.calendar)
    }
}
