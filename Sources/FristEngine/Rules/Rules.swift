/// Every rule fristvakt runs: a rule is one file and one line here, with the event types and
/// report sections it brings declared in its file (docs/architecture.md). The order
/// is the order rules react to the same event (a stop before the start it allows), and the
/// order of per-rule output (metrics, the status document's counts).
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
        KlageUnderinstans.self,
    ]

    /// Each rule's definition, by `RuleID.ordinal`.
    static let definitions: [RuleDefinition] = all.map { $0.definition }

    /// Every rule's id, in the order of `all` (`RuleID.allCases`).
    static let ids: [RuleID] = {
        _ = checked
        return all.indices.map(RuleID.init(ordinal:))
    }()

    /// Each rule's persisted code, by `RuleID.ordinal` (written for every clock persisted).
    static let codes: [UInt8] = definitions.map(\.stateCode)

    /// Each rule's id in the contract, by `RuleID.ordinal` (read for every clock a document lists).
    static let names: [String] = definitions.map(\.name)

    /// Each rule's rank in the order of the ids' text, by `RuleID.ordinal` (clocks sort by it).
    static let ranks: [Int] = definitions.indices.map { index in
        definitions.indices.filter { definitions[$0].name < definitions[index].name }.count
    }

    /// Every rule's id in the order of their persisted codes (the persisted form's order).
    static let byStateCode: [RuleID] = ids.sorted { $0.stateCode < $1.stateCode }

    /// The rule with each persisted code, by code (nil for a code no rule has).
    static let withStateCode: [RuleID?] = (0..<256).map { code in
        ids.first { Int($0.stateCode) == code }
    }

    /// A bit for each rule's persisted code: the slot mask a persisted case may set.
    static let slotCodes: UInt64 = ids.reduce(0) { $0 | 1 << $1.stateCode }

    /// The rules each event type reaches, in the order of `all`, by `EventType.ordinal`.
    static let reacting: [[any Rule.Type]] = EventType.allCases.map { type in
        all.filter { $0.reactions.contains(type) }
    }

    /// The rules with report sections that count each event type, by `EventType.ordinal`.
    static let countingEvents: [[any Rule.Type]] = reacting.map { rules in
        rules.filter { !$0.reportSections.isEmpty }
    }

    /// The most rules a case has slots for (`CaseRecord.Slots`), and the most persisted codes
    /// (one bit each in a persisted case).
    static let capacity = 16

    /// Checks the list once: unique ids and codes, within the capacity.
    static let checked: Void = {
        precondition(all.count <= capacity, "more rules than CaseRecord.Slots holds")
        precondition(Set(definitions.map(\.name)).count == all.count, "two rules share an id")
        precondition(Set(definitions.map(\.stateCode)).count == all.count, "two rules share a persisted code")
        precondition(definitions.allSatisfy { $0.stateCode < capacity }, "a persisted code beyond the capacity")
    }()
}
