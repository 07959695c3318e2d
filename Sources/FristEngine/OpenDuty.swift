/// A legal duty a clock holds open whatever its state, which a coordinator must act on even while
/// the frist itself is far off: the status file's `open` list and `fristvakt cases` show every
/// clock with one (docs/worklist.md).
public enum OpenDuty: String, Sendable, CaseIterable {
    /// pbrl § 2-2 b: HELFO must be told at once (`helfo-required`), and
    /// `referral.helfo-notified` has not been recorded.
    case helfoRequired = "helfo-required"
    /// The frist set at assessment lies past the 65-working-day cap of prioriteringsforskriften
    /// (`over-cap`), and it has not been moved earlier since.
    case overCap = "over-cap"

    /// The action, in bokmål, for the worklist.
    public var action: String {
        switch self {
        case .helfoRequired: "Varsle HELFO straks"
        case .overCap: "Fristen er over 65 virkedager; sett en lovlig frist"
        }
    }
}

extension OpenDuty {
    /// The duty a clock in `state` holds open, the more urgent when it holds both. The state is
    /// the one the caller has worked out already: no day is counted again.
    static func of(_ clock: Clock, state: ClockState) -> OpenDuty? {
        guard clock.rule == .fristHelsehjelp, clock.isOpen else { return nil }
        if clock.helfoRequired(atRiskOrBreached: state == .atRisk || state == .breached) { return .helfoRequired }
        if let frist = clock.overCapFrist, clock.due >= frist { return .overCap }
        return nil
    }
}
