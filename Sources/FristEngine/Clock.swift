public import FristCalendar

/// A clock's stable identity: the id of the event that started it and its rule. It survives a
/// replay of the case and a restart of the service.
public struct ClockID: Hashable, Sendable {
    /// The starting event's id (kept compactly: see `EventIdentifier`).
    public var event: String { eventID.text }
    /// The same id as the engine keeps it.
    let eventID: EventIdentifier
    /// The rule.
    public let rule: RuleID

    /// Creates an identity.
    public init(event: String, rule: RuleID) {
        self.init(eventID: EventIdentifier(event), rule: rule)
    }

    /// The identity of the clock of `rule` that the event with this id started.
    init(eventID: EventIdentifier, rule: RuleID) {
        self.eventID = eventID
        self.rule = rule
    }
}

/// How a clock stopped being judged, and on which date.
public enum ClockEnding: Sendable, Equatable {
    /// Stopped by its stop event: met or met-late depending on the date.
    case stopped(CalendarDate)
    /// The duty lapsed (case closed, vedtak appealed or ended).
    case cancelled(CalendarDate)
    /// No longer judged (a postponement caused by the patient or medically, without a new frist).
    case exempt(CalendarDate)
}

/// One deadline being watched (rules.md § 2): a value derived from its case's events.
public struct Clock: Sendable, Equatable {
    /// The clock's identity.
    public let id: ClockID
    /// The date it started.
    public let start: CalendarDate
    /// The current deadline (the last day on time).
    public internal(set) var due: CalendarDate
    /// The date the current deadline took effect (the start, or the date of a postponement).
    public internal(set) var dueSince: CalendarDate
    /// How it ended, if it has.
    public internal(set) var ending: ClockEnding?
    /// `frist-helsehjelp`: the planned start of care, if recorded.
    public internal(set) var scheduled: CalendarDate?
    /// `frist-helsehjelp`: the date the current planned start was recorded.
    public internal(set) var scheduledSince: CalendarDate?
    /// `frist-helsehjelp`: HELFO has been told (silences `helfo-required`).
    public internal(set) var helfoNotified = false
    /// `frist-helsehjelp`: the frist set at assessment when it exceeded the 65-day cap.
    public internal(set) var overCapFrist: CalendarDate?

    /// The rule.
    public var rule: RuleID { id.rule }

    /// Creates a running clock.
    init(id: ClockID, start: CalendarDate, due: CalendarDate) {
        self.id = id
        self.start = start
        self.due = due
        self.dueSince = start
    }

    /// Whether the clock is still judged (not stopped, cancelled or exempt).
    public var isOpen: Bool { ending == nil }
}

/// A clock's state on a day (rules.md § 2); the raw values are the status file's.
public enum ClockState: String, Sendable, CaseIterable {
    case running
    case atRisk = "at-risk"
    case breached
    case met
    case metLate = "met-late"
    case exempt
    case cancelled

    /// The state's position in `allCases`, for per-state tables.
    public var ordinal: Int {
        switch self {
        case .running: 0
        case .atRisk: 1
        case .breached: 2
        case .met: 3
        case .metLate: 4
        case .exempt: 5
        case .cancelled: 6
        }
    }
}
