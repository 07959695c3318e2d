/// A rule, by its place in `Rules.all`: one byte in every clock. Its text (`rawValue`) is the
/// stable id of the contract ("vurderingsfrist"); each rule's file declares its constant
/// (`RuleID.vurderingsfrist`).
public struct RuleID: Hashable, Sendable, Comparable, CaseIterable, RawRepresentable,
    CustomStringConvertible
{
    /// The rule's position in `Rules.all`, in one byte: a clock's identity stays 24 bytes.
    private let position: UInt8

    /// The rule's position in `Rules.all` (and `allCases`), for per-rule tables.
    public var ordinal: Int { Int(position) }

    /// The id of a registered rule.
    init(_ rule: any Rule.Type) {
        guard let ordinal = Rules.all.firstIndex(where: { $0 == rule }) else {
            preconditionFailure("\(rule) is not in Rules.all")
        }
        self.init(ordinal: ordinal)
    }

    /// The rule at this place in `Rules.all`.
    init(ordinal: Int) { position = UInt8(ordinal) }

    /// The rule with this id, if fristvakt runs one.
    public init?(rawValue: String) {
        guard let ordinal = Rules.definitions.firstIndex(where: { $0.name == rawValue }) else { return nil }
        self.init(ordinal: ordinal)
    }

    /// The contract's id.
    public var rawValue: String { Rules.names[ordinal] }

    /// The contract's id.
    public var description: String { rawValue }

    /// Every rule, in the order of `Rules.all`.
    public static var allCases: [RuleID] { Rules.ids }

    /// The rule's definition: title, law reference, how it counts days, its default window.
    public var definition: RuleDefinition { Rules.definitions[ordinal] }

    /// The rule's type: its transitions and report counters.
    var rule: any Rule.Type { Rules.all[ordinal] }

    /// Rules sort by their id, as the contract's output orders them.
    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { Rules.ranks[lhs.ordinal] < Rules.ranks[rhs.ordinal] }
}
