/// Clocks counted by rule and state: a small table indexed by the rules' and states' ordinals,
/// so counting a clock hashes nothing.
public struct ClockCounts: Sendable, Equatable {
    private static let states = ClockState.allCases.count
    private var counts = [Int](repeating: 0, count: RuleID.allCases.count * ClockCounts.states)

    /// No clock counted.
    public init() {}

    /// Counts one clock.
    mutating func add(_ rule: RuleID, _ state: ClockState) {
        counts[rule.ordinal * Self.states + state.ordinal] += 1
    }

    /// Adds another table's counts.
    mutating func add(_ other: ClockCounts) {
        for index in counts.indices { counts[index] += other.counts[index] }
    }

    /// The clocks of a rule in a state.
    public subscript(rule: RuleID, state: ClockState) -> Int { counts[rule.ordinal * Self.states + state.ordinal] }

    /// The clocks of every rule in a state.
    public subscript(state: ClockState) -> Int { RuleID.allCases.reduce(0) { $0 + self[$1, state] } }

    /// Every state's count (all rules), every state present.
    public var byState: [ClockState: Int] {
        Dictionary(uniqueKeysWithValues: ClockState.allCases.map { ($0, self[$0]) })
    }

    /// Every rule's counts by state, every rule and state present.
    public var byRule: [RuleID: [ClockState: Int]] {
        Dictionary(
            uniqueKeysWithValues: RuleID.allCases.map { rule in
                (rule, Dictionary(uniqueKeysWithValues: ClockState.allCases.map { ($0, self[rule, $0]) }))
            })
    }
}
