public import FristEngine

/// The bokmål words a person reads for the engine's values, in one place: the worklist, the case
/// story and the status summary share them.
extension ClockState {
    /// The state in bokmål, such as `i faresonen`.
    public var bokmal: String {
        switch self {
        case .running: "løper"
        case .atRisk: "i faresonen"
        case .breached: "brutt"
        case .met: "overholdt"
        case .metLate: "overholdt etter fristen"
        case .exempt: "unntatt"
        case .cancelled: "bortfalt"
        }
    }
}

extension AlertKind {
    /// The kind in bokmål, such as `brutt`.
    public var bokmal: String {
        switch self {
        case .atRisk: "nærmer seg fristen"
        case .breached: "brutt"
        case .reminder: "påminnelse"
        case .helfoRequired: "HELFO må varsles"
        case .overCap: "over 65 virkedager"
        case .resolved: "avsluttet"
        }
    }
}

extension OpenDuty {
    /// The duty in a few bokmål words, such as `HELFO må varsles`.
    public var bokmal: String {
        switch self {
        case .helfoRequired: "HELFO må varsles"
        case .overCap: "frist over 65 virkedager"
        }
    }
}
