import FristEngine
import FristFormats

/// `--events FILE` read for `simulate` and `status`: the valid events in file order, each tagged
/// with its line, and the lines refused while decoding, already reported on stderr.
struct EventInput {
    let file: EventFile
    let events: [(tag: Int, event: Event)]
    private(set) var refusedCount: Int

    init(path: String) throws {
        do {
            file = try EventFile(path: path)
        } catch {
            throw InputRefusal("\(error)")
        }
        var events: [(tag: Int, event: Event)] = []
        var refused = 0
        for line in file.lines {
            switch line.result {
            case .success(let event): events.append((line.number, event))
            case .failure(let refusal):
                refused += 1
                StandardError.write("fristvakt: \(file.describe(refusal, line: line.number))\n")
            }
        }
        self.events = events
        self.refusedCount = refused
    }

    /// Reports a refusal of the engine for a line.
    mutating func report(_ refusal: EventRefusal, line: Int) {
        refusedCount += 1
        StandardError.write("fristvakt: \(file.describe(refusal, line: line))\n")
    }

    /// Throws when any line was refused, after the output is written (exit status 1).
    func finish() throws {
        if refusedCount > 0 {
            throw InputRefusal("\(refusedCount) hendelse(r) i \(file.path) ble avvist")
        }
    }
}
