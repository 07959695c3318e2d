import Foundation
import FristEngine
import FristFormats

/// The events `status --events` applied, per case, as places in its file: the engine keeps no
/// case's events in memory (`DeadlineEngine.keepsHistories`), and the few cases whose events it
/// needs back (a back-dated event, a repeated id) have them decoded again from their lines. A
/// line costs 16 bytes here, where an event kept in memory costs a hundred.
struct FileHistory {
    /// The file's bytes (mapped; pages given back as lines are taken are read in again).
    private let contents: Data
    /// By line number: where the line starts in `contents`, and its length.
    private var starts: [Int]
    private var lengths: [Int32]
    /// By line number: the previous applied line of the same case (0: none).
    private var previous: [Int32]
    /// By case number (`DeadlineEngine.lastAppliedCase`): the case's last applied line.
    private var last: [Int32] = []

    init(lines: Int, contents: Data) {
        self.contents = contents
        starts = [Int](repeating: 0, count: lines + 1)
        lengths = [Int32](repeating: 0, count: lines + 1)
        previous = [Int32](repeating: 0, count: lines + 1)
    }

    /// Notes that the event on `line` (at `bytes`) was applied to case `caseNumber`.
    mutating func applied(line: Int, bytes: Range<Int>, caseNumber: Int) {
        starts[line] = bytes.lowerBound
        lengths[line] = Int32(bytes.count)
        if caseNumber == last.count { last.append(0) }
        previous[line] = last[caseNumber]
        last[caseNumber] = Int32(line)
    }

    /// The events applied to case `caseNumber`, in the order they were applied.
    func events(_ caseNumber: Int) -> [Event]? {
        guard caseNumber < last.count else { return nil }
        var lines: [Int] = []
        var line = Int(last[caseNumber])
        while line != 0 {
            lines.append(line)
            line = Int(previous[line])
        }
        return contents.withUnsafeBytes { raw in
            let buffer = raw.assumingMemoryBound(to: UInt8.self)
            return lines.reversed().compactMap { line in
                let start = starts[line] - contents.startIndex
                let bytes = UnsafeBufferPointer(rebasing: buffer[start..<(start + Int(lengths[line]))])
                // Applied once, so it decodes again to the same event.
                return try? EventDecoder.decode(bytes)
            }
        }
    }
}
