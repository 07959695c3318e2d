import FristCalendar

/// What has been alerted already, kept as state so the decision "what is due now" is a function
/// of the clocks and this ledger, not of process memory: a restarted service rebuilds it from its
/// log of emitted alerts and neither repeats nor misses an alert.
public struct AlertLedger: Sendable {
    private struct DeadlineKey: Hashable {
        let clock: ClockID
        let due: CalendarDate
    }

    private var levels: [DeadlineKey: Int] = [:]
    private var helfo: Set<DeadlineKey> = []
    private var overCap: Set<ClockID> = []
    private var resolved: Set<ClockID> = []

    /// An empty ledger.
    public init() {}

    /// Records an alert as emitted.
    public mutating func record(_ alert: Alert) {
        let key = DeadlineKey(clock: alert.clock, due: alert.due)
        switch alert.kind {
        case .atRisk, .breached, .reminder: levels[key] = max(levels[key] ?? 0, alert.level)
        case .helfoRequired: helfo.insert(key)
        case .overCap: overCap.insert(alert.clock)
        case .resolved: resolved.insert(alert.clock)
        }
    }

    /// The highest level alerted for a clock's deadline (0 when none).
    func level(_ clock: ClockID, due: CalendarDate) -> Int {
        levels[DeadlineKey(clock: clock, due: due)] ?? 0
    }

    /// Whether `helfo-required` was alerted for this frist.
    func helfoAlerted(_ clock: ClockID, due: CalendarDate) -> Bool {
        helfo.contains(DeadlineKey(clock: clock, due: due))
    }

    /// Whether `over-cap` was alerted for this clock.
    func overCapAlerted(_ clock: ClockID) -> Bool { overCap.contains(clock) }

    /// Whether `resolved` was alerted for this clock.
    func resolvedAlerted(_ clock: ClockID) -> Bool { resolved.contains(clock) }
}
