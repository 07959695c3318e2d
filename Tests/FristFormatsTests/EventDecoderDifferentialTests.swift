import Foundation
import FristEngine
import FristTesting
import Testing

@testable import FristFormats

/// The event decoder (bytes straight to `Event`) against Foundation's `JSONSerialization`, on
/// random event lines (every type, valid and wrong values, escaped strings, white space, unknown
/// and repeated keys) and on random corruptions of them:
/// - a line Foundation refuses, the decoder refuses as JSON (or for a repeated key found first);
/// - a line Foundation reads as an object gets the same decision, event or refusal, as
///   Foundation's reading of it written out again plainly: the decoder reads the same values.
/// The intended differences, where the decoder is stricter: a repeated key and a trailing comma.
@Suite("Event decoder, differential")
struct EventDecoderDifferentialTests {
    @Test("same decision and values as JSONSerialization on random and corrupted event lines")
    func differential() throws {
        let seed = TestSeed.make("event decoder differential", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        var compared = 0
        var accepted = 0
        for round in 0..<6000 {
            var line = Array(RandomEventLine.make(using: &generator).utf8)
            if round % 3 == 2 { RandomJSON.corrupt(&line, using: &generator) }
            guard String(validating: line, as: UTF8.self) != nil else { continue }
            let shown = String(decoding: line, as: UTF8.self)
            let ours = Result { () throws(EventRefusal) in try EventDecoder.decode(line) }
            let object = try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
            if JSONParserDifferentialTests.hasTrailingComma(line) { continue }
            guard let object else {
                guard let code = ours.refusal?.code else {
                    Issue.record("seed \(seed): accepted what Foundation refuses: \(shown)")
                    continue
                }
                #expect(code == .invalidJSON || code == .duplicateField, "seed \(seed): \(shown): \(ours)")
                continue
            }
            if ours.refusal?.code == .duplicateField { continue }
            guard let members = object as? [String: Any] else {
                #expect(ours.refusal?.code == .notObject, "seed \(seed): \(shown): \(ours)")
                continue
            }
            let plain = try JSONSerialization.data(withJSONObject: members)
            let theirs = Result { () throws(EventRefusal) in try EventDecoder.decode(plain) }
            #expect(ours == theirs, "seed \(seed): \(shown) read as \(String(decoding: plain, as: UTF8.self))")
            compared += 1
            if case .success = ours { accepted += 1 }
        }
        // The generator must reach both sides of every decision, or the test proves little.
        #expect(compared > 2000, "seed \(seed): \(compared) compared")
        #expect(accepted > 500 && compared - accepted > 500, "seed \(seed): \(accepted) of \(compared) accepted")
    }
}

extension Result {
    fileprivate var refusal: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

/// Random event lines: each type with its own fields, values right and wrong, keys in any order,
/// strings sometimes escaped, white space between tokens, now and then an unknown or repeated key.
enum RandomEventLine {
    static func make(using generator: inout SeededGenerator) -> String {
        let type = EventType.allCases.randomElement(using: &generator)!
        var members: [(String, String)] = [
            ("id", reference(using: &generator)), ("type", quoted(type.rawValue, using: &generator)),
            ("case", reference(using: &generator)), ("date", date(using: &generator)),
        ]
        if Bool.random(using: &generator) { members.append(("unit", reference(using: &generator))) }
        for (key, values) in extraFields(type) where Int.random(in: 0..<3, using: &generator) > 0 {
            let right = Int.random(in: 0..<4, using: &generator) > 0
            members.append((key, (right ? values[0] : values.randomElement(using: &generator)!)(&generator)))
        }
        switch Int.random(in: 0..<12, using: &generator) {
        case 0: members.append((["note", "frist"].randomElement(using: &generator)!, quoted("x", using: &generator)))
        case 1: members.append(members.randomElement(using: &generator)!)
        case 2: members.removeAll { $0.0 == ["id", "case", "date"].randomElement(using: &generator)! }
        default: break
        }
        members.shuffle(using: &generator)
        let space = { (generator: inout SeededGenerator) -> String in
            ["", "", "", " ", "\t", " \n "].randomElement(using: &generator)!
        }
        var text = "{" + space(&generator)
        for (index, (key, value)) in members.enumerated() {
            if index > 0 { text += "," + space(&generator) }
            text += quoted(key, using: &generator) + space(&generator) + ":" + space(&generator) + value
        }
        return text + space(&generator) + "}"
    }

    typealias Value = (inout SeededGenerator) -> String

    static func extraFields(_ type: EventType) -> [(String, [Value])] {
        // The first of each list is right (most often drawn), the others wrong.
        let aDate: [Value] = [{ date(using: &$0) }, { date(using: &$0) }, { date(using: &$0) }, { _ in "20260101" }]
        let count: [Value] = [
            { "\(Int.random(in: 1...12, using: &$0))" }, { _ in "-2" }, { _ in "2.5" }, { _ in "\"4\"" },
        ]
        let choice = { (values: [String]) -> [Value] in
            [
                { quoted(values.randomElement(using: &$0)!, using: &$0) },
                { quoted(values.randomElement(using: &$0)!, using: &$0) }, { _ in "\"annet\"" }, { _ in "null" },
            ]
        }
        switch type {
        case .referralReceived:
            return [("group", choice(PatientGroup.allCases.map(\.rawValue))), ("assessment_working_days", count)]
        case .referralAssessed:
            return [
                ("outcome", choice(AssessmentOutcome.allCases.map(\.rawValue))), ("frist", aDate),
                ("scheduled", aDate),
            ]
        case .referralScheduled: return [("scheduled", aDate)]
        case .referralPostponed:
            return [("reason", choice(PostponementReason.allCases.map(\.rawValue))), ("frist", aDate)]
        case .referralStarted: return [("substantive", [{ _ in "true" }, { _ in "false" }, { _ in "[1]" }])]
        case .referralClosed: return [("reason", choice(ClosureReason.allCases.map(\.rawValue)))]
        case .complaintReceived: return [("target_months", count)]
        case .vedtakMade: return [("valid_until", aDate)]
        default:
            // A type a rule declares: its fields by their kinds, read from its spec.
            return type.spec.fields.map { field in
                switch field.kind {
                case .date: (field.name, aDate)
                case .integer: (field.name, count)
                case .bool: (field.name, [{ _ in "true" }, { _ in "false" }, { _ in "[1]" }])
                case .choice(let choices): (field.name, choice(choices))
                }
            }
        }
    }

    static func reference(using generator: inout SeededGenerator) -> String {
        let wrong = ["", "med mellomrom", "ø", "01017012345"]
        let text =
            Int.random(in: 0..<20, using: &generator) == 0
            ? wrong.randomElement(using: &generator)! : "r-\(Int.random(in: 0...999, using: &generator)).K:1_b"
        return quoted(text, using: &generator)
    }

    static func date(using generator: inout SeededGenerator) -> String {
        let wrong = ["2026-02-30", "2026-1-5", "x"]
        let text =
            Int.random(in: 0..<20, using: &generator) == 0
            ? wrong.randomElement(using: &generator)! : "2026-11-\(Int.random(in: 10...30, using: &generator))"
        return quoted(text, using: &generator)
    }

    /// A JSON string of `text`, each character written plainly or, now and then, as an escape.
    static func quoted(_ text: String, using generator: inout SeededGenerator) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0: out += String(format: "\\u%04x", scalar.value <= 0xFFFF ? scalar.value : 0xFFFD)
            case 1 where scalar == "/": out += "\\/"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
