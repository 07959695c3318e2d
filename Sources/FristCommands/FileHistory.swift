import FristEngine
import FristFormats

/// The events `status --events` applied, per case, as lines of its file: the engine keeps no
/// case's events in memory (`DeadlineEngine.keepsHistories`), and the few cases whose events it
/// needs back (a back-dated event, a repeated id) have them decoded again from their lines
/// (`EventFile.LineIndex`). A line costs 4 bytes here, where an event kept in memory costs a
/// hundred.
struct FileHistory {
    private let lines: EventFile.LineIndex
    /// By line number: the previous applied line of the same case (0: none).
    private var previous: [Int32]
    /// By case number (`DeadlineEngine.lastAppliedCase`): the case's last applied line.
    private var last: [Int32] = []

    init(_ lines: EventFile.LineIndex) {
        self.lines = lines
        previous = [Int32](repeating: 0, count: lines.count + 1)
    }

    /// Notes that the event on `line` was applied to case `caseNumber`.
    mutating func applied(line: Int, caseNumber: Int) {
        if caseNumber == last.count { last.append(0) }
        previous[line] = last[caseNumber]
        last[caseNumber] = Int32(line)
    }

    /// The events applied to case `caseNumber`, in the order they were applied.
    func events(_ caseNumber: Int) -> [Event]? {
        guard caseNumber < last.count else { return nil }
        var numbers: [Int] = []
        var line = Int(last[caseNumber])
        while line != 0 {
            numbers.append(line)
            line = Int(previous[line])
        }
        // Each was applied once, so it decodes again to the same event.
        return numbers.reversed().compactMap(lines.event(onLine:))
    }
}
