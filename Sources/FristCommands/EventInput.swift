import Foundation
import FristEngine
import FristFormats
import FristHotPaths

/// `--events FILE` read for `simulate` and `status`: the valid events in file order, each tagged
/// with its line. Refusals, from decoding and from the engine, are reported together in line
/// order by `finish()`, after the command's output.
struct EventInput {
    let path: String
    private(set) var events: [(tag: Int, event: Event)]
    private var refusals: [(line: Int, refusal: EventRefusal)] = []

    /// Reads every valid event of the file into `events`.
    init(path: String) throws {
        var events: [(tag: Int, event: Event)] = []
        try self.init(path: path, trackingIDs: false) { line, _, event throws(EventRefusal) in
            events.append((line, event))
        }
        self.events = events
    }

    /// Streams the file: each valid event goes to `apply` in file order as it is decoded, with
    /// what the reader found about the earlier lines with its id (see `EventFile.Line.earlier`),
    /// and a refusal, from decoding or from `apply`, is kept for `finish()`. `events` stays
    /// empty. `prepare` learns the file's lines first (`EventFile.LineIndex`: their number, and
    /// any line's event again).
    init(
        path: String, trackingIDs: Bool = true, prepare: (EventFile.LineIndex) -> Void = { _ in },
        apply: (_ line: Int, _ earlier: IDOccurrences.Earlier, Event) throws(EventRefusal) -> Void
    ) throws {
        self.path = path
        events = []
        let file: (contents: Data, release: (Int) -> Void)
        do {
            file = try EventFile.mapped(path)
        } catch {
            throw InputRefusal("\(error)")
        }
        var refusals: [(line: Int, refusal: EventRefusal)] = []
        EventFile.forEachLine(
            of: file.contents, prepare: prepare, trackingIDs: trackingIDs, releasing: file.release
        ) { line in
            do throws(EventRefusal) {
                try apply(line.number, line.earlier, try line.result.get())
            } catch {
                refusals.append((line.number, error))
            }
        }
        self.refusals = refusals
    }

    /// The number of lines refused so far (by the decoder, when nothing else was reported).
    var unreadableLines: Int { refusals.count }

    /// Notes a refusal of the engine for a line.
    mutating func report(_ refusal: EventRefusal, line: Int) {
        refusals.append((line, refusal))
    }

    /// Prints every refusal in line order and throws when there was any (exit status 1).
    func finish() throws {
        guard !refusals.isEmpty else { return }
        for (line, refusal) in refusals.sorted(by: { $0.line < $1.line }) {
            StandardError.write("fristvakt: \(EventFile.describe(refusal, path: path, line: line))\n")
        }
        throw InputRefusal("\(counted(refusals.count, "hendelse", "hendelser")) i \(path) ble avvist")
    }
}
