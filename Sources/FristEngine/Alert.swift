public import FristCalendar

/// The kinds of alert (docs/alerts.md), in the order lines of one day, case and rule are printed.
public enum AlertKind: String, Sendable, CaseIterable, Comparable {
    case atRisk = "at-risk"
    case breached
    case reminder
    case helfoRequired = "helfo-required"
    case overCap = "over-cap"
    case resolved

    /// Kinds sort in the order of rules.md § 3.
    public static func < (lhs: AlertKind, rhs: AlertKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How a stopped clock that had been alerted ended.
public enum Outcome: String, Sendable {
    /// Stopped on or before its deadline.
    case met
    /// Stopped after its deadline.
    case metLate = "met-late"
}

/// One alert the engine decided is due (docs/alerts.md).
public struct Alert: Sendable, Equatable {
    /// The kind.
    public let kind: AlertKind
    /// The clock it concerns.
    public let clock: ClockID
    /// The case.
    public let caseRef: String
    /// The case's unit, if any.
    public let unit: String?
    /// The deadline the alert is about.
    public let due: CalendarDate
    /// The day the alert is emitted.
    public let date: CalendarDate
    /// `FRIST_DAYS_LEFT`: working or calendar days left, negative when overdue.
    public let daysLeft: Int
    /// `met` or `met-late` on `resolved`.
    public let outcome: Outcome?
    /// Emitted after the day it should have been (the service was down, or an event came late).
    public let late: Bool
    /// The level recorded in the ledger (see `DeadlineArithmetic`); the reminder number is level − 2.
    public let level: Int

    /// Creates an alert; the engine decides them, a restarted service reads them back from its log.
    public init(
        kind: AlertKind, clock: ClockID, caseRef: String, unit: String?, due: CalendarDate, date: CalendarDate,
        daysLeft: Int, outcome: Outcome?, late: Bool, level: Int
    ) {
        self.kind = kind
        self.clock = clock
        self.caseRef = caseRef
        self.unit = unit
        self.due = due
        self.date = date
        self.daysLeft = daysLeft
        self.outcome = outcome
        self.late = late
        self.level = level
    }

    /// The rule.
    public var rule: RuleID { clock.rule }

    /// A stable identity for the transition this alert reports (`FRIST_ALERT_ID`): the same
    /// transition decided again, after a restart, has the same key.
    public var key: String { "\(clock.event)/\(clock.rule.rawValue)/\(kind.rawValue)/\(due)/\(level)" }

    /// The law reference (`FRIST_LAW`).
    public var law: String {
        switch kind {
        case .helfoRequired: HelfoRequired.law
        case .overCap: OverCap.law
        default: rule.definition.law
        }
    }

    /// Sorts alerts for output: date, case, rule, then kind (README.md, Commands, rules.md § 3).
    public static func outputOrder(_ lhs: Alert, _ rhs: Alert) -> Bool {
        if lhs.date != rhs.date { return lhs.date < rhs.date }
        if lhs.caseRef != rhs.caseRef { return lhs.caseRef < rhs.caseRef }
        if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        return lhs.clock.event < rhs.clock.event
    }
}
