import Foundation
import FristService
import FristTesting
import Glibc
import Testing

/// No identity number is ever kept: random fødselsnummer and D-numbers, placed in random fields
/// at random positions, with random JSON escapes and in the printed form, and one in a file's
/// name, never appear in any file under the service's folders, in its output or in the journal.
@Suite("fristvakt run: no identity number is kept")
struct PrivacyPropertyTests {
    static let now = "2026-12-08T08:00:00+01:00"

    /// A random number with right check digits, worked out here apart from the code under test.
    static func identityNumber(_ random: inout SeededGenerator) -> String {
        while true {
            var digits = [Int.random(in: 0...7, using: &random), Int.random(in: 0...9, using: &random)]
            digits += [Int.random(in: 0...1, using: &random), Int.random(in: 1...9, using: &random)]
            digits += (0..<5).map { _ in Int.random(in: 0...9, using: &random) }
            func control(_ weights: [Int]) -> Int? {
                let value = 11 - zip(weights, digits).map(*).reduce(0, +) % 11
                return value == 11 ? 0 : value == 10 ? nil : value
            }
            guard let first = control([3, 7, 6, 1, 8, 9, 4, 5, 2]) else { continue }
            digits.append(first)
            guard let second = control([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) else { continue }
            digits.append(second)
            return digits.map(String.init).joined()
        }
    }

    /// The number as it stands in a JSON string: each digit escaped or not, maybe printed with a
    /// space after the sixth digit.
    static func written(_ number: String, _ random: inout SeededGenerator) -> String {
        var text = ""
        for (index, digit) in number.enumerated() {
            if index == 6, Int.random(in: 0..<4, using: &random) == 0 { text += " " }
            text += Bool.random(using: &random) ? "\\u003\(digit)" : String(digit)
        }
        return text
    }

    @Test("random identity numbers in random fields never reach a file, the output or the journal")
    func neverKept() throws {
        try TestJournal.ensureRunning()
        let seed = TestSeed.make("privacy property", environment: ProcessInfo.processInfo.environment)
        var random = SeededGenerator(seed: seed)
        let sandbox = try ServiceSandbox(metrics: true, report: true)
        let service = try sandbox.start(now: Self.now)
        defer { _ = service.stop() }
        var numbers: [String] = []
        var writtenForms: [String] = []
        for file in 0..<4 {
            var lines: [String] = []
            for index in 0..<40 {
                let id = "\(sandbox.prefix)\(file)-\(index)"
                var fields = [
                    ("id", id), ("type", "referral.received"), ("case", "\(sandbox.prefix)C\(file)-\(index)"),
                    ("date", "2026-12-01"), ("unit", "U\(index % 3)"),
                ]
                if Int.random(in: 0..<3, using: &random) == 0 {
                    let number = Self.identityNumber(&random)
                    numbers.append(number)
                    let text = Self.written(number, &random)
                    writtenForms.append(text)
                    let field = Int.random(in: 0..<5, using: &random)
                    let before = ["", "H-", "x", "nr "].randomElement(using: &random)!
                    let after = ["", "-1", "z", "."].randomElement(using: &random)!
                    if field == 4 {
                        fields.append(("note", before + text + after))
                    } else {
                        let key = ["id", "case", "unit", "date"][field]
                        fields = fields.map { $0.0 == key ? (key, before + text + after) : $0 }
                    }
                }
                lines.append("{" + fields.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",") + "}")
            }
            try sandbox.drop("batch\(file).jsonl", lines.joined(separator: "\n") + "\n")
        }
        // A number in a file's name too.
        let inName = Self.identityNumber(&random)
        numbers.append(inName)
        try sandbox.drop(
            "from-\(inName).jsonl",
            sandbox.events(#"{"id":"@n","type":"referral.received","case":"@N","date":"2026-12-01"}"#) + "\n")
        #expect(sandbox.waitUntilIdle(since: Date()), "\(service.log)")
        let pid = service.process.processIdentifier
        #expect(service.stop() == 0)
        #expect(numbers.count > 5)

        // Every byte the service left: its folders (database, write-ahead log, status, metrics,
        // report page, spool copies and reports), its output, and its journal entries.
        var places: [(String, Data)] = [("output", Data(service.log.utf8))]
        let journal = try TestJournal.entries(matching: ["_PID=\(pid)"])
        places.append(("journal", Data(journal.map { $0.values.joined(separator: " ") }.joined(separator: "\n").utf8)))
        let enumerator = FileManager.default.enumerator(atPath: sandbox.root)
        while let relative = enumerator?.nextObject() as? String {
            let path = sandbox.root + "/" + relative
            if relative.contains(inName) { places.append(("file name", Data(path.utf8))) }
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, !relative.hasPrefix("service-") else {
                continue
            }
            places.append((relative, try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        #expect(places.count > 8)
        for number in numbers {
            let whole = Data(number.utf8)
            let firstNine = Data(number.prefix(9).utf8)
            let printed = Data((number.prefix(6) + " " + number.dropFirst(6).prefix(3)).utf8)
            for (place, bytes) in places {
                #expect(bytes.range(of: whole) == nil, "\(number) in \(place) (seed \(seed))")
                #expect(bytes.range(of: firstNine) == nil, "\(number.prefix(9)) in \(place) (seed \(seed))")
                #expect(bytes.range(of: printed) == nil, "\(number) printed in \(place) (seed \(seed))")
            }
        }
        for text in writtenForms {
            for (place, bytes) in places {
                #expect(bytes.range(of: Data(text.utf8)) == nil, "\(text) in \(place) (seed \(seed))")
            }
        }
        // The lines were refused as national-id, and the others taken.
        let reports = sandbox.list(sandbox.spool.rejected).filter { $0.hasSuffix(".rejected.jsonl") }
        let refused = try reports.flatMap {
            try String(contentsOfFile: sandbox.spool.rejected + "/" + $0, encoding: .utf8).split(separator: "\n")
        }
        #expect(refused.count == numbers.count - 1)
        #expect(refused.allSatisfy { $0.contains(#""code": "national-id""#) })
    }
}
