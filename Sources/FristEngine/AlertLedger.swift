import FristCalendar

/// What has been alerted already, kept as state so the decision "what is due now" is a function
/// of the clocks and this ledger, not of process memory: a restarted service reads it back with
/// its cases' persisted state (or rebuilds it from its log of emitted alerts) and neither repeats
/// nor misses an alert.
public struct AlertLedger: Sendable {
    /// What has been alerted for one clock.
    struct Entry: Sendable, Equatable {
        /// The highest level alerted, per deadline the clock has had (a postponement moves it).
        var levels: [CalendarDate: Int] = [:]
        /// The frister `helfo-required` was alerted for.
        var helfo: Set<CalendarDate> = []
        /// Whether `over-cap` was alerted.
        var overCap = false
        /// Whether `resolved` was alerted.
        var resolved = false
    }

    private(set) var entries: [ClockID: Entry] = [:]

    /// An empty ledger.
    public init() {}

    /// Records an alert as emitted.
    public mutating func record(_ alert: Alert) {
        var entry = entries[alert.clock] ?? Entry()
        switch alert.kind {
        case .atRisk, .breached, .reminder: entry.levels[alert.due] = max(entry.levels[alert.due] ?? 0, alert.level)
        case .helfoRequired: entry.helfo.insert(alert.due)
        case .overCap: entry.overCap = true
        case .resolved: entry.resolved = true
        }
        entries[alert.clock] = entry
    }

    /// Puts back a clock's entry read from persisted state.
    mutating func restore(_ entry: Entry, for clock: ClockID) {
        entries[clock] = entry
    }

    /// The highest level alerted for a clock's deadline (0 when none).
    func level(_ clock: ClockID, due: CalendarDate) -> Int {
        entries[clock]?.levels[due] ?? 0
    }

    /// Whether `helfo-required` was alerted for this frist.
    func helfoAlerted(_ clock: ClockID, due: CalendarDate) -> Bool {
        entries[clock]?.helfo.contains(due) ?? false
    }

    /// Whether `over-cap` was alerted for this clock.
    func overCapAlerted(_ clock: ClockID) -> Bool { entries[clock]?.overCap ?? false }

    /// Whether `resolved` was alerted for this clock.
    func resolvedAlerted(_ clock: ClockID) -> Bool { entries[clock]?.resolved ?? false }
}
