import FristCalendar

/// What has been alerted already for one case's clocks, kept as state so the decision "what is
/// due now" is a function of the clocks and this ledger, not of process memory: a restarted
/// service reads it back with the case's persisted state (or rebuilds it from its log of emitted
/// alerts) and neither repeats nor misses an alert.
///
/// A case has a few clocks, so the ledger is a short list searched in place: no hashing of ids.
struct AlertLedger: Sendable, Equatable {
    /// The highest level alerted for one deadline of a clock.
    struct DueLevel: Sendable, Equatable {
        let due: CalendarDate
        var level: Int
    }

    /// What has been alerted for one clock.
    struct Entry: Sendable, Equatable {
        /// The highest level alerted per deadline the clock has had (a postponement moves it),
        /// sorted by deadline.
        var levels: [DueLevel] = []
        /// The frister `helfo-required` was alerted for, sorted.
        var helfo: [CalendarDate] = []
        /// Whether `over-cap` was alerted.
        var overCap = false
        /// Whether `resolved` was alerted.
        var resolved = false

        /// The level alerted for a deadline (0 when none).
        func level(due: CalendarDate) -> Int { levels.first { $0.due == due }?.level ?? 0 }

        mutating func raise(due: CalendarDate, to level: Int) {
            if let index = levels.firstIndex(where: { $0.due == due }) {
                levels[index].level = max(levels[index].level, level)
            } else {
                levels.append(DueLevel(due: due, level: level))
                levels.sort { $0.due < $1.due }
            }
        }

        mutating func insertHelfo(_ due: CalendarDate) {
            guard !helfo.contains(due) else { return }
            helfo.append(due)
            helfo.sort()
        }
    }

    /// One clock's entry.
    struct ClockEntry: Sendable, Equatable {
        let clock: ClockID
        var entry: Entry
    }

    private(set) var entries: [ClockEntry] = []

    /// Records an alert as emitted.
    mutating func record(_ alert: Alert) {
        var entry = self.entry(alert.clock) ?? Entry()
        switch alert.kind {
        case .atRisk, .breached, .reminder: entry.raise(due: alert.due, to: alert.level)
        case .helfoRequired: entry.insertHelfo(alert.due)
        case .overCap: entry.overCap = true
        case .resolved: entry.resolved = true
        }
        restore(entry, for: alert.clock)
    }

    /// Puts back a clock's entry read from persisted state.
    mutating func restore(_ entry: Entry, for clock: ClockID) {
        if let index = entries.firstIndex(where: { $0.clock == clock }) {
            entries[index].entry = entry
        } else {
            entries.append(ClockEntry(clock: clock, entry: entry))
        }
    }

    /// The entry of a clock, if anything was alerted for it.
    func entry(_ clock: ClockID) -> Entry? { entries.first { $0.clock == clock }?.entry }

    /// The highest level alerted for a clock's deadline (0 when none).
    func level(_ clock: ClockID, due: CalendarDate) -> Int { entry(clock)?.level(due: due) ?? 0 }

    /// Whether `helfo-required` was alerted for this frist.
    func helfoAlerted(_ clock: ClockID, due: CalendarDate) -> Bool { entry(clock)?.helfo.contains(due) ?? false }

    /// Whether `over-cap` was alerted for this clock.
    func overCapAlerted(_ clock: ClockID) -> Bool { entry(clock)?.overCap ?? false }

    /// Whether `resolved` was alerted for this clock.
    func resolvedAlerted(_ clock: ClockID) -> Bool { entry(clock)?.resolved ?? false }
}
