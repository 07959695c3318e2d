/// How a rule counts the days between today and its deadline.
public enum DayCounting: Sendable {
    /// Working days (virkedager) of the configured calendar.
    case workingDays
    /// Calendar days.
    case calendarDays
}

/// What a coordinator needs to know of a rule: its id, title, law reference, how it counts and
/// when it warns. Each rule's instance lives in its own file beside this one, with its law.
public struct RuleDefinition: Sendable {
    /// The rule's id in the contract ("vurderingsfrist"): in alerts, files, metrics and the
    /// configuration. Never changed once released.
    public let name: String
    /// The rule's name in bokmål, as it opens an alert message ("Vurderingsfrist").
    public let title: String
    /// The law reference cited in alerts (`FRIST_LAW`).
    public let law: String
    /// How days left are counted.
    public let counting: DayCounting
    /// The default warning window, in the rule's own days (docs/rules.md).
    public let defaultWarningWindow: Int
    /// The rule's code in persisted state (0–15): fixed for good, whatever order the rules are
    /// listed in; a new rule takes the next free code. Kept apart from the rule's place in
    /// `Rules.all` on purpose: that place may move, a stored code never does.
    let stateCode: UInt8
}
