import FristEngine
import FristFormats

/// `--events FILE` read for `simulate` and `status`: the valid events in file order, each tagged
/// with its line. Refusals, from decoding and from the engine, are reported together in line
/// order by `finish()`, after the command's output.
struct EventInput {
    let file: EventFile
    let events: [(tag: Int, event: Event)]
    private var refusals: [(line: Int, refusal: EventRefusal)] = []

    init(path: String) throws {
        do {
            file = try EventFile(path: path)
        } catch {
            throw InputRefusal("\(error)")
        }
        var events: [(tag: Int, event: Event)] = []
        for line in file.lines {
            switch line.result {
            case .success(let event): events.append((line.number, event))
            case .failure(let refusal): refusals.append((line.number, refusal))
            }
        }
        self.events = events
    }

    /// Notes a refusal of the engine for a line.
    mutating func report(_ refusal: EventRefusal, line: Int) {
        refusals.append((line, refusal))
    }

    /// Prints every refusal in line order and throws when there was any (exit status 1).
    func finish() throws {
        guard !refusals.isEmpty else { return }
        for (line, refusal) in refusals.sorted(by: { $0.line < $1.line }) {
            StandardError.write("fristvakt: \(file.describe(refusal, line: line))\n")
        }
        throw InputRefusal("\(refusals.count) hendelse(r) i \(file.path) ble avvist")
    }
}
