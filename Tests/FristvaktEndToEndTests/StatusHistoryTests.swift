import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristTesting
import Testing

/// `fristvakt status --events` keeps no case's events in memory and reads back from the file
/// the few a back-dated event or a repeated id needs (`FileHistory`). On random streams full of
/// both, its document and its refusals are exactly those of an engine that keeps every event,
/// fed the same lines: in a file of one chunk and of several (the reader then decodes beside the
/// engine and notes which ids come again), with short ids and with UUIDs (whose ids it does not
/// note). Every run prints its seed.
@Suite("status --events: cases without their events in memory")
struct StatusHistoryTests {
    /// Every case's lines, in an order that keeps each case's own lines in theirs.
    static func merged(_ histories: [[String]], using random: inout SeededGenerator) -> [String] {
        var order = histories.indices.flatMap { Array(repeating: $0, count: histories[$0].count) }
        order.shuffle(using: &random)
        var next = [Int](repeating: 0, count: histories.count)
        return order.map { index in
            defer { next[index] += 1 }
            return histories[index][next[index]]
        }
    }

    /// The stream with its troubles: some cases' later lines moved before their earlier ones
    /// (those then come back-dated), earlier lines repeated whole (duplicates), and earlier ids
    /// reused with other content, in the same case or another (conflicts).
    static func troubled(_ histories: [[String]], using random: inout SeededGenerator) -> [String] {
        var histories = histories
        for index in histories.indices where histories[index].count >= 3 && Int.random(in: 0..<4, using: &random) == 0 {
            let moved = histories[index].remove(at: Int.random(in: 2..<histories[index].count, using: &random))
            histories[index].insert(moved, at: 1)
        }
        var lines = merged(histories, using: &random)
        for _ in 0..<(lines.count / 20) {
            let earlier = Int.random(in: 0..<lines.count, using: &random)
            let at = Int.random(in: earlier...lines.count, using: &random)
            if Bool.random(using: &random) {
                lines.insert(lines[earlier], at: at)
            } else {
                let other = lines.randomElement(using: &random)!
                let id = Self.field("id", of: lines[earlier])
                lines.insert(other.replacingOccurrences(of: Self.field("id", of: other), with: id), at: at)
            }
        }
        return lines
    }

    static func field(_ name: String, of line: String) -> String {
        let start = line.range(of: #""\#(name)":""#)!.upperBound
        return String(line[start...].prefix { $0 != "\"" })
    }

    /// The ids as UUIDs made of the letters a–f only (no digit, so never a number that looks
    /// like a fødselsnummer), one for each id.
    static func withUUIDs(_ lines: [String]) -> [String] {
        var uuids: [String: String] = [:]
        func uuid(_ id: String) -> String {
            if let known = uuids[id] { return known }
            var number = uuids.count
            let letters = (0..<32).map { _ in
                defer { number /= 6 }
                return Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(number % 6)))
            }
            let text = String(letters)
            let made = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map {
                String(text.dropFirst($0.lowerBound).prefix($0.count))
            }.joined(separator: "-")
            uuids[id] = made
            return made
        }
        return lines.map { line in
            let id = field("id", of: line)
            return line.replacingOccurrences(of: #""id":"\#(id)""#, with: #""id":"\#(uuid(id))""#)
        }
    }

    /// The document and refused line numbers of an engine that keeps every event.
    static func reference(_ lines: [String], today: CalendarDate) -> (document: String, refused: [Int]) {
        var engine = DeadlineEngine()
        var refused: [Int] = []
        for (index, line) in lines.enumerated() {
            let decoded = Array(line.utf8).withUnsafeBufferPointer { bytes in
                Result { () throws(EventRefusal) in try EventDecoder.decode(bytes) }
            }
            do throws(EventRefusal) {
                try engine.accept(try decoded.get(), today: today)
            } catch {
                refused.append(index + 1)
            }
        }
        let document = StatusDocument.render(
            engine.status(on: today), generatedAt: "\(today)T07:00:00+01:00")
        return (document, refused)
    }

    @Test(
        "the document and refusals equal those of an engine that keeps every event",
        arguments: [(300, false), (300, true), (12_000, false), (12_000, true)])
    func sameAsKeepingEveryEvent(cases: Int, uuids: Bool) throws {
        let seed = TestSeed.make("status history", environment: ProcessInfo.processInfo.environment)
        var random = SeededGenerator(seed: seed)
        let histories = (0..<cases).map { CaseHistory.random($0, using: &random) }
        var lines = Self.troubled(histories, using: &random)
        if uuids { lines = Self.withUUIDs(lines) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let today = try CalendarDate(parsing: "2026-12-10")
        let expected = Self.reference(lines, today: today)
        let result = try CommandRunner.run(["status", "--events", path, "--today", "\(today)"])
        let context = "seed \(seed), \(lines.count) lines, uuids \(uuids)"
        #expect(result.stdout == expected.document, "\(context)")
        let refused = result.stderr.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("fristvakt: \(path):") else { return nil }
            return Int(line.dropFirst("fristvakt: \(path):".count).prefix { $0.isNumber })
        }
        #expect(refused == expected.refused, "\(context)")
        // The streams really hold what the files must handle.
        #expect(result.stderr.contains("allerede brukt av en annen hendelse"), "\(context)")
        #expect(expected.refused.count < lines.count / 2, "\(context)")
        // The large files are decoded in chunks of 16 384 lines beside the engine.
        #expect(cases < 1_000 || lines.count > 16_384, "\(context)")
    }
}
