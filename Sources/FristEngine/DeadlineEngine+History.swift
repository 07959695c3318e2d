/// Cases without their events in memory, for a caller that can give them back when asked.
extension DeadlineEngine {
    /// Whether a case created from now on keeps its events in memory (the default). Without
    /// them a case takes a fraction of the memory; a back-dated event or a repeated id of such a
    /// case then needs its events back, from `history` in `accept` (`fristvakt status --events`
    /// reads them again from its file) or from `loadHistory(of:events:)` before.
    public var keepsHistories: Bool {
        get { newCasesKeepHistory }
        set { newCasesKeepHistory = newValue }
    }

    /// Puts the events `history` gives back into the case at `index` when it has none in memory.
    /// Their ids are not added to the id set: every id that can come again is there already
    /// (`accept` adds each id it sees, `FileIDPass` those that come again), and an id added here
    /// would be taken out in place of the event's own if the event is refused.
    mutating func bringBackHistory(of index: Int, from history: (_ caseNumber: Int) -> [Event]?) {
        guard !records[index].hasHistory, let events = history(index) else { return }
        records[index].events = CaseRecord.inApplicationOrder(events)
        records[index].hasHistory = true
        loaded.append(index)
    }
}
