import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristHotPaths
import FristTesting
import Testing

/// `FileIDPass` against the engine's own `accept`, line by line: random streams in which ids come
/// again (exact repeats, the same id with other content, an id whose first line was refused and a
/// later one applied) give the same outcome for every line and the same status. Every run prints
/// its seed; `FRISTVAKT_TEST_SEED` replays one.
@Suite("A file's ids tracked by its reader")
struct FileIDPassPropertyTests {
    static let today = day("2026-12-31")

    /// What happened to each line, and the status at the end; and whether the reader tracked ids.
    struct Outcome: Equatable {
        var lines: [String] = []
        var status = ""
        var tracked = false
    }

    /// Every event through `DeadlineEngine.accept`, the engine's id set asked for each.
    static func plain(_ text: String) -> Outcome {
        var engine = DeadlineEngine()
        var outcome = Outcome()
        EventFile.forEachLine(of: Data(text.utf8)) { line in
            outcome.lines.append(
                describe(
                    line.number,
                    result: line.result.flatMap { event in
                        Result { () throws(EventRefusal) in try engine.accept(event, today: today) }
                    }))
        }
        outcome.status = StatusDocument.render(engine.status(on: today, includeRunning: true), generatedAt: "t")
        return outcome
    }

    /// The same through `FileIDPass`, with each id's earlier line found by the reader.
    static func tracked(_ text: String) -> Outcome {
        var engine = DeadlineEngine()
        var pass = FileIDPass(lines: 0)
        var outcome = Outcome()
        EventFile.forEachLine(of: Data(text.utf8), prepare: { pass = FileIDPass(lines: $0.count) }, trackingIDs: true) {
            line in
            if line.earlier != .untracked { outcome.tracked = true }
            outcome.lines.append(
                describe(
                    line.number,
                    result: line.result.flatMap { event in
                        Result { () throws(EventRefusal) in
                            try pass.accept(
                                event, line: line.number, earlier: line.earlier, into: &engine, today: today)
                        }
                    }))
        }
        outcome.status = StatusDocument.render(engine.status(on: today, includeRunning: true), generatedAt: "t")
        return outcome
    }

    /// Where two outcomes first differ (a line, or the status), in a few words; nil if they agree.
    static func difference(_ actual: Outcome, _ expected: Outcome) -> String? {
        let common = min(actual.lines.count, expected.lines.count)
        if let index = (0..<common).first(where: { actual.lines[$0] != expected.lines[$0] }) {
            return "«\(actual.lines[index])», expected «\(expected.lines[index])»"
        }
        if actual.lines.count != expected.lines.count {
            return "\(actual.lines.count) lines, expected \(expected.lines.count)"
        }
        return actual.status == expected.status ? nil : "the status differs"
    }

    static func describe(_ number: Int, result: Result<DeadlineEngine.Acceptance, EventRefusal>) -> String {
        switch result {
        case .success(let acceptance): "\(number) \(acceptance)"
        case .failure(let refusal): "\(number) refused \(refusal.code.rawValue): \(refusal)"
        }
    }

    /// A stream of random case histories with ids that come again; with `uuids`, every event id
    /// is a UUID (the same text for the same id), which the reader does not track.
    static func stream(uuids: Bool, using generator: inout SeededGenerator) -> [String] {
        var lines: [String] = []
        for number in 0..<Int.random(in: 2...12, using: &generator) {
            lines += CaseHistory.random(number, using: &generator)
        }
        lines.shuffle(using: &generator)
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            let index = Int.random(in: 0..<lines.count, using: &generator)
            let original = lines[index]
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                // The same line again, later: a duplicate if the first was applied.
                lines.insert(original, at: Int.random(in: index...lines.count, using: &generator))
            case 1:
                // The same id with other content, later: a conflict if the first was applied.
                let other =
                    original.contains(#""unit":"U"#)
                    ? original.replacingOccurrences(of: #""unit":"U"#, with: #""unit":"V"#)
                    : original.replacingOccurrences(of: #""case":""#, with: #""unit":"X9","case":""#)
                lines.insert(other, at: Int.random(in: (index + 1)...lines.count, using: &generator))
            case 2:
                // The same id first on a line that is refused (dated after today), earlier: the
                // original, later, is then the one applied.
                let refused = original.replacingOccurrences(of: #""date":"2026-"#, with: #""date":"2027-"#)
                lines.insert(refused, at: Int.random(in: 0...index, using: &generator))
            default:
                // The same id on another case's first line.
                let id = original.split(separator: "\"")[3]
                let elsewhere =
                    #"{"id":"\#(id)","type":"incident.occurred","case":"Y\#(index)","date":"2026-03-02"}"#
                lines.insert(elsewhere, at: Int.random(in: 0...lines.count, using: &generator))
            }
        }
        guard uuids else { return lines }
        var uuidOf: [Substring: String] = [:]
        return lines.map { line in
            let id = line.split(separator: "\"")[3]
            let uuid = uuidOf[id, default: UUID(uuid: uuidBytes(using: &generator)).uuidString.lowercased()]
            uuidOf[id] = uuid
            return line.replacingOccurrences(of: #""id":"\#(id)""#, with: #""id":"\#(uuid)""#)
        }
    }

    static func uuidBytes(using generator: inout SeededGenerator) -> uuid_t {
        let (high, low) = (generator.next(), generator.next())
        return withUnsafeBytes(of: (high, low)) { raw in
            raw.load(as: uuid_t.self)
        }
    }

    @Test("each line's outcome and the status are those of the engine's own accept")
    func sameAsAccept() {
        let seed = TestSeed.make("file id pass property", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        var repeats = 0
        for round in 0..<150 {
            let uuids = round % 3 == 2
            let text = Self.stream(uuids: uuids, using: &generator).joined(separator: "\n") + "\n"
            let (expected, actual) = (Self.plain(text), Self.tracked(text))
            // Short ids are tracked; a file of UUID ids is read as before (`worthTracking`).
            #expect(actual.tracked == !uuids, "seed \(seed), round \(round)")
            repeats +=
                expected.lines.filter {
                    $0.hasSuffix("duplicate") || $0.contains(RefusalCode.idConflict.rawValue)
                }.count
            let difference = Self.difference(actual, expected)
            #expect(difference == nil, "seed \(seed), round \(round): \(difference ?? "")")
        }
        // The streams did exercise repeated ids.
        #expect(repeats > 50, "seed \(seed): only \(repeats) duplicates and conflicts")
    }

    @Test("a file decoded on a second thread keeps each id's first line across its chunks")
    func acrossChunks() {
        // 20 000 referrals (the reader decodes 16 384 lines at a time), then a repeat of the first
        // line, a conflict with the second, and a repeat of a line from the second chunk.
        var lines = (0..<20_000).map {
            #"{"id":"e\#($0)","type":"referral.received","case":"H\#($0)","date":"2026-12-01"}"#
        }
        lines.append(lines[0])
        lines.append(#"{"id":"e1","type":"referral.received","case":"H1","date":"2026-12-02"}"#)
        lines.append(lines[18_000])
        let text = lines.joined(separator: "\n") + "\n"
        let tracked = Self.tracked(text)
        let difference = Self.difference(tracked, Self.plain(text))
        #expect(difference == nil, "\(difference ?? "")")
        let conflict = EventRefusal(.idConflict, field: "id", "id «e1» er allerede brukt av en annen hendelse")
        #expect(
            Array(tracked.lines.suffix(3)) == [
                Self.describe(20_001, result: .success(.duplicate)),
                Self.describe(20_002, result: .failure(conflict)),
                Self.describe(20_003, result: .success(.duplicate)),
            ])
    }
}
