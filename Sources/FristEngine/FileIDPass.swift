public import FristCalendar
public import FristHotPaths

/// Applies the events of one file to an engine that held no events before it (`status --events`
/// starts from an empty engine), in line order, given for each event the first earlier line of
/// the file with its id (`IDOccurrences`, kept by the file's reader). The result is exactly that
/// of `DeadlineEngine.accept` for each event in turn (which is what an event whose id the reader
/// did not track gets).
///
/// An event whose id no earlier line had cannot repeat an event the engine accepted: it is
/// applied without touching the engine's id set, which saves a probe of that set (a cache miss
/// in a table of a million ids) on nearly every line of a large file. For an id that comes again,
/// the set is first made to hold it exactly when an event with that id was applied: either its
/// first line was (then it is added now), or a later repeat was, through `accept`, which added
/// it. `accept` then judges the event as always: a duplicate, a conflict, or new.
public struct FileIDPass: Sendable {
    /// Whether each line's event was applied, by line number.
    private var applied: [Bool]
    /// Whether the engine's id set was sized for the file (done at the first untracked event:
    /// then every id goes into it, and it would otherwise grow by rehashing a million ids).
    private var sizedIDSet = false

    /// A pass over a file of `lines` lines (numbered from 1).
    public init(lines: Int) {
        applied = [Bool](repeating: false, count: lines + 1)
    }

    /// Applies the event on `line` (see `DeadlineEngine.accept`, and its `history`); `earlier` is
    /// what the reader found about the earlier lines with its id. Lines come in increasing order.
    @discardableResult
    public mutating func accept(
        _ event: Event, line: Int, earlier: IDOccurrences.Earlier, into engine: inout DeadlineEngine,
        today: CalendarDate, history: (_ caseNumber: Int) -> [Event]? = { _ in nil }
    ) throws(EventRefusal) -> DeadlineEngine.Acceptance {
        let acceptance: DeadlineEngine.Acceptance
        switch earlier {
        case .untracked:
            if !sizedIDSet {
                sizedIDSet = true
                engine.reserveCapacity(0, events: applied.count)
            }
            acceptance = try engine.accept(event, today: today, history: history)
        case .none:
            acceptance = try engine.acceptUnseenID(event, today: today, history: history)
        case .firstLine(let first):
            if applied[first] { engine.rememberID(of: event) }
            acceptance = try engine.accept(event, today: today, history: history)
        }
        if acceptance == .applied { applied[line] = true }
        return acceptance
    }
}
