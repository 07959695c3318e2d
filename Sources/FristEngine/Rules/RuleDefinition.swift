/// How a rule counts the days between today and its deadline.
public enum DayCounting: Sendable {
    /// Working days (virkedager) of the configured calendar.
    case workingDays
    /// Calendar days.
    case calendarDays
}

/// What a coordinator needs to know of a rule: its title, its law reference, how it counts and
/// when it warns. Each rule's instance lives in its own file beside this one, with its law.
public struct RuleDefinition: Sendable {
    /// The rule's id.
    public let id: RuleID
    /// The rule's name in bokmål, as it opens an alert message ("Vurderingsfrist").
    public let title: String
    /// The law reference cited in alerts (`FRIST_LAW`).
    public let law: String
    /// How days left are counted.
    public let counting: DayCounting
    /// The default warning window, in the rule's own days (rules.md § 2).
    public let defaultWarningWindow: Int
    /// The rule's code in persisted state (`StateBytes`): fixed for good, whatever order the rules
    /// are declared in; a new rule takes the next free code. Kept apart from `RuleID.ordinal` on
    /// purpose: the ordinal follows the declaration order, a stored code never moves.
    let stateCode: UInt8
}
