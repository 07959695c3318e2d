import Foundation
import FristEngine
import FristTesting
import Testing

/// The identity-number search over a line's bytes: digits as bytes or JSON escapes, whole or
/// inside a longer value, and the printed form with a space; never inside a longer run of digits.
@Suite("NationalIdentityNumber")
struct NationalIdentityNumberTests {
    /// Valid numbers (check digits right) and a near miss.
    static let valid = "15038510190"
    static let other = "05109706460"
    static let wrongCheckDigit = "15038510191"

    @Test(
        "found whole, inside a longer value, escaped, and in the printed form",
        arguments: [
            #"{"case":"15038510190"}"#,
            #"{"case":"H-15038510190"}"#,
            #"{"id":"x15038510190y"}"#,
            #"{"case":"\u0031\u0035038510190"}"#,
            #"{"case":"15038510\u0031\u00390"}"#,
            #"{"case":"150385 10190"}"#,
            #"{"case":"150385\u002010190"}"#,
            #"{"note":"fnr: 05109706460"}"#,
            #"{"x":15038510190}"#,
        ])
    func found(_ line: String) {
        #expect(NationalIdentityNumber.occurs(in: line))
        let masked = NationalIdentityNumber.masked(line)
        #expect(!NationalIdentityNumber.occurs(in: masked), "\(masked)")
        #expect(masked.filter { $0 == "*" }.count == 9, "nine digits hidden, the last two kept: \(masked)")
    }

    @Test(
        "not found: a wrong check digit, a longer run, an escaped backslash, a date",
        arguments: [
            #"{"case":"15038510191"}"#,
            #"{"case":"115038510190"}"#,
            #"{"case":"150385101901"}"#,
            #"{"case":"\\u0031\u0035038510190"}"#,
            #"{"date":"2026-12-06","id":"r7-14568"}"#,
            #"{"case":"150385  10190"}"#,
            "",
        ])
    func notFound(_ line: String) {
        #expect(!NationalIdentityNumber.occurs(in: line))
        #expect(NationalIdentityNumber.masked(line) == line)
    }

    @Test("masking keeps the last two digits and every other byte")
    func masking() {
        #expect(
            NationalIdentityNumber.masked(#"{"case":"H-15038510190","unit":"A"}"#)
                == #"{"case":"H-*********90","unit":"A"}"#)
        #expect(NationalIdentityNumber.masked(#"{"case":"\u0031\u0035038510190"}"#) == #"{"case":"*********90"}"#)
        #expect(NationalIdentityNumber.masked("150385 10190 og 05109706460") == "****** ***90 og *********60")
    }

    @Test("the check digits")
    func checkDigits() {
        #expect(NationalIdentityNumber.passesCheckDigits(Self.valid))
        #expect(NationalIdentityNumber.passesCheckDigits(Self.other))
        #expect(!NationalIdentityNumber.passesCheckDigits(Self.wrongCheckDigit))
        #expect(!NationalIdentityNumber.passesCheckDigits("1503851019"))
    }

    /// An independent reading of the rule for text without escapes: maximal runs of digits, an
    /// 11-digit run or a 6-digit run, one space and a 5-digit run, with right check digits.
    static func reference(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var runs: [(start: Int, end: Int)] = []
        var index = 0
        while index < bytes.count {
            guard (48...57).contains(bytes[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            runs.append((start, index))
        }
        func digits(_ run: (start: Int, end: Int)) -> String {
            String(decoding: bytes[run.start..<run.end], as: UTF8.self)
        }
        for (position, run) in runs.enumerated() {
            if run.end - run.start == 11, NationalIdentityNumber.passesCheckDigits(digits(run)) { return true }
            if run.end - run.start == 6, position + 1 < runs.count, runs[position + 1].start == run.end + 1,
                bytes[run.end] == 32, runs[position + 1].end - runs[position + 1].start == 5,
                NationalIdentityNumber.passesCheckDigits(digits(run) + digits(runs[position + 1]))
            {
                return true
            }
        }
        return false
    }

    @Test("the one-pass search agrees with the rule on random text of digits, spaces and letters")
    func randomText() {
        let seed = TestSeed.make("identity number search", environment: ProcessInfo.processInfo.environment)
        var random = SeededGenerator(seed: seed)
        let numbers = [Self.valid, Self.other, "150385 10190", "051097 06460"]
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                switch Int.random(in: 0..<6, using: &random) {
                case 0: text += numbers.randomElement(using: &random)!
                case 1: text += String(repeating: "7", count: Int.random(in: 1...12, using: &random))
                case 2: text += " "
                case 3: text += "-"
                case 4: text += String(Int.random(in: 0...99_999_999_999, using: &random))
                default: text += "ab"
                }
            }
            #expect(NationalIdentityNumber.occurs(in: text) == Self.reference(text), "\(text) (seed \(seed))")
        }
    }

    /// A file is masked line by line (the full search only where the quick scan finds a number):
    /// the same bytes as masking each line on its own and joining them, whatever the lines hold.
    @Test("a file is masked as its lines are, one by one")
    func maskedFileIsItsMaskedLines() {
        let seed = TestSeed.make("masked lines", environment: ProcessInfo.processInfo.environment)
        var random = SeededGenerator(seed: seed)
        let pieces = [
            Self.valid, Self.other, "150385 10190", #"\u0031\u0035038510190"#, #"150385\u002010190"#,
            "9f3c2e1a-7b6d-4c5e-8f90-a15038510190", "1503851019", "0", " ", "\\", "\\u", "ab", "{\"case\":\"",
        ]
        for round in 0..<2_000 {
            let lines = (0..<Int.random(in: 1...8, using: &random)).map { _ in
                (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            }
            let end = Bool.random(using: &random) ? "\n" : ""
            let file = lines.joined(separator: "\n") + end
            let byLine = lines.map(NationalIdentityNumber.masked).joined(separator: "\n") + end
            #expect(NationalIdentityNumber.masked(file) == byLine, "seed \(seed), round \(round): \(file)")
        }
    }
}
