/// The clocks fristvakt runs (rules.md § 2). The raw values are the stable ids of the contract.
public enum RuleID: String, CaseIterable, Sendable, Comparable {
    case vurderingsfrist
    case fristHelsehjelp = "frist-helsehjelp"
    case reellOppstart = "reell-oppstart"
    case statsforvalterKlage = "statsforvalter-klage"
    case overproving4A8 = "4a8-overproving"
    case gyldighet4A5 = "4a5-gyldighet"
    case moteAlvorligHendelse = "mote-alvorlig-hendelse"

    /// The rule's definition: title, law reference, how it counts days, its default window.
    public var definition: RuleDefinition {
        switch self {
        case .vurderingsfrist: .vurderingsfrist
        case .fristHelsehjelp: .fristHelsehjelp
        case .reellOppstart: .reellOppstart
        case .statsforvalterKlage: .statsforvalterKlage
        case .overproving4A8: .overproving4A8
        case .gyldighet4A5: .gyldighet4A5
        case .moteAlvorligHendelse: .moteAlvorligHendelse
        }
    }

    /// The rule's position in `allCases`, for per-rule tables.
    var ordinal: Int {
        switch self {
        case .vurderingsfrist: 0
        case .fristHelsehjelp: 1
        case .reellOppstart: 2
        case .statsforvalterKlage: 3
        case .overproving4A8: 4
        case .gyldighet4A5: 5
        case .moteAlvorligHendelse: 6
        }
    }

    /// Rules sort by their id, as the contract's output orders them.
    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}
