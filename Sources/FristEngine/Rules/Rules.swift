/// Every rule fristvakt runs: adding a rule is one file and one line here. The order is the
/// order rules react to the same event (a stop before the start it allows), and the order of
/// per-rule output (metrics, the status document's counts).
enum Rules {
    /// The rules.
    static let all: [any Rule.Type] = [
        Vurderingsfrist.self,
        FristHelsehjelp.self,
        ReellOppstart.self,
        StatsforvalterKlage.self,
        Overproving4A8.self,
        Gyldighet4A5.self,
        MoteAlvorligHendelse.self,
    ]

    /// Each rule's definition, by `RuleID.ordinal`.
    static let definitions: [RuleDefinition] = all.map { $0.definition }

    /// The rules each event type reaches, in the order of `all`.
    static let reacting: [EventType: [any Rule.Type]] = Dictionary(
        uniqueKeysWithValues: EventType.allCases.map { type in (type, all.filter { $0.reactions.contains(type) }) })

    /// The most rules a case has slots for (`CaseRecord.Slots`), and the most persisted codes
    /// (one bit each in a persisted case).
    static let capacity = 8

    /// Checks the list once: unique ids and codes, within the capacity.
    static let checked: Void = {
        precondition(all.count <= capacity, "more rules than CaseRecord.Slots holds")
        precondition(Set(definitions.map(\.name)).count == all.count, "two rules share an id")
        precondition(Set(definitions.map(\.stateCode)).count == all.count, "two rules share a persisted code")
        precondition(definitions.allSatisfy { $0.stateCode < capacity }, "a persisted code beyond the capacity")
    }()
}
