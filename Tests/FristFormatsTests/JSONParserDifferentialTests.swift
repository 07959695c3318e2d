import Foundation
import FristTesting
import Testing

@testable import FristFormats

/// The strict event JSON parser against Foundation's `JSONSerialization`, on random valid texts
/// and on random corruptions of them: the same accept/refuse decision and the same values. The one
/// intended differences, where ours is stricter: a duplicate key (Foundation: last wins) and a
/// trailing comma before `]` or `}` (not JSON by RFC 8259; Foundation allows it).
@Suite("JSON parser, differential")
struct JSONParserDifferentialTests {
    /// Foundation's reading of a text, in the parser's terms; nil when Foundation refuses it.
    static func foundation(_ bytes: [UInt8]) -> JSONValue? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        else { return nil }
        return convert(object)
    }

    private static let booleanClass = ObjectIdentifier(type(of: NSNumber(value: true)))

    static func convert(_ value: Any) -> JSONValue? {
        switch value {
        case is NSNull: return .null
        case let number as NSNumber:
            return ObjectIdentifier(type(of: number)) == booleanClass
                ? .bool(number.boolValue) : .number(number.doubleValue)
        case let string as String: return .string(string)
        case let array as [Any]:
            let elements = array.compactMap(convert)
            return elements.count == array.count ? .array(elements) : nil
        case let object as [String: Any]:
            let fields = object.compactMapValues(convert)
            return fields.count == object.count ? .object(fields) : nil
        default: return nil
        }
    }

    @Test("same decision and values as JSONSerialization on random and corrupted texts")
    func differential() {
        let seed = TestSeed.make("json differential", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        var agreed = 0
        for round in 0..<4000 {
            var text = Array(RandomJSON.value(depth: 0, using: &generator).utf8)
            if round % 2 == 1 { RandomJSON.corrupt(&text, using: &generator) }
            guard String(validating: text, as: UTF8.self) != nil else { continue }  // checked before parsing
            let ours = Result { () throws(JSONValue.ParseError) in try JSONValue.parse(text) }
            let theirs = Self.foundation(text)
            let shown = String(decoding: text, as: UTF8.self)
            switch (ours, theirs) {
            case (.success(let value), .some(let expected)):
                #expect(value == expected, "seed \(seed): \(shown)")
            case (.failure(.duplicateKey), .some): break
            case (.failure, .some) where Self.hasTrailingComma(text): break
            case (.failure, .none): break
            default:
                Issue.record(
                    "seed \(seed): decisions differ on \(shown): ours \(ours), Foundation \(String(describing: theirs))"
                )
            }
            agreed += 1
        }
        #expect(agreed > 3000)
    }

    /// The event parser (known keys in slots, no dictionary) against the general parser on
    /// event-like objects (known keys, escaped keys, unknown keys, repeated keys, nested values)
    /// and corruptions of them: the same error at the same offset, or the same members.
    @Test("the event parser's top level agrees with the general parser")
    func eventDocuments() {
        let seed = TestSeed.make("json event differential", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        let keys = EventField.allCases.map { "\"\($0.name)\"" } + [#""\u0069d""#, #""cas\u0065""#, #""x""#, #""""#]
        for round in 0..<4000 {
            var text: [UInt8]
            if round % 4 == 3 {
                text = Array(RandomJSON.value(depth: 0, using: &generator).utf8)
            } else {
                let members = (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                    keys.randomElement(using: &generator)! + ":" + RandomJSON.value(depth: 1, using: &generator)
                }
                text = Array(("{" + members.joined(separator: ",") + "}").utf8)
            }
            if round % 2 == 1 { RandomJSON.corrupt(&text, using: &generator) }
            guard String(validating: text, as: UTF8.self) != nil else { continue }
            let shown = String(decoding: text, as: UTF8.self)
            let general = Result { () throws(JSONValue.ParseError) in try JSONValue.parse(text) }
            // The event parser's fields point into the text: they are compared inside its buffer.
            text.withUnsafeBufferPointer { buffer in
                var fields = EventFields(line: buffer)
                let event = Result { () throws(JSONValue.ParseError) in try JSONParser.parseEvent(buffer, into: &fields)
                }
                switch (general, event) {
                case (.failure(let expected), .failure(let error)):
                    #expect(error == expected, "seed \(seed): \(shown)")
                case (.success(.object(let members)), .success(nil)):
                    for field in EventField.allCases {
                        #expect(fields.value(field) == members[field.name], "seed \(seed): \(field.name) in \(shown)")
                    }
                    let known = Set(EventField.allCases.map(\.name))
                    let unknown = fields.unknown.map(\.key)
                    #expect(Set(unknown) == Set(members.keys).subtracting(known), "seed \(seed): \(shown)")
                    #expect(unknown.count == Set(unknown).count)
                case (.success(let value), .success(.some(let other))):
                    #expect(value == other, "seed \(seed): \(shown)")
                    if case .object = value {
                        Issue.record("seed \(seed): an object came back as another value: \(shown)")
                    }
                default:
                    Issue.record("seed \(seed): decisions differ on \(shown): general \(general), event \(event)")
                }
            }
        }
    }

    @Test("an event's slots hold one value per field")
    func slotCount() {
        #expect(EventField.allCases.count == 14)
        #expect(EventField.allCases.map(\.rawValue) == Array(0..<14))
    }

    /// `,` followed, after white space, by `]` or `}` (outside strings: good enough for the
    /// generated texts, whose strings hold no bracket).
    static func hasTrailingComma(_ text: [UInt8]) -> Bool {
        let significant = text.filter { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return significant.indices.dropFirst().dropLast().contains { index in
            significant[index] == UInt8(ascii: ",") && "]}".utf8.contains(significant[index + 1])
                && !"{[,:".utf8.contains(significant[index - 1])
        }
    }

    @Test(
        "edge texts",
        arguments: [
            #"{"a":1,"a":2}"#, #"{"a":{"b":1,"b":1}}"#, #""\ud83d\ude00""#, #""\ud83d""#, #""\ude00x""#,
            "\"a\u{01}\"", "01", "-", "1.", ".5", "1e", "1e+5", "-0", "[1,]", "{,}", "{\"a\" 1}", "tru", "nul",
            "[" + String(repeating: "[", count: 70) + String(repeating: "]", count: 71), " {} ", "{}x",
        ])
    func edges(_ text: String) {
        let bytes = Array(text.utf8)
        let ours = try? JSONValue.parse(bytes)
        let theirs = Self.foundation(bytes)
        if case .failure(.duplicateKey) = Result(catching: { () throws(JSONValue.ParseError) in
            try JSONValue.parse(bytes)
        }) {
            #expect(theirs != nil)
            return
        }
        if Self.hasTrailingComma(bytes) {
            #expect(ours == nil && theirs != nil, "stricter than Foundation: \(text)")
            return
        }
        if text.hasPrefix("[[[") {
            #expect(ours == nil, "deeper than the parser's limit is refused")
            return
        }
        #expect(ours == theirs, "\(text)")
    }
}

/// Random JSON texts: every value kind, escapes, non-ASCII, numbers of every form, random space.
enum RandomJSON {
    static func value(depth: Int, using generator: inout SeededGenerator) -> String {
        let space = [" ", "", "", "\n", "\t", ""].randomElement(using: &generator)!
        switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &generator) {
        case 0: return "null"
        case 1: return Bool.random(using: &generator) ? "true" : "false"
        case 2: return number(using: &generator)
        case 3, 4: return string(using: &generator)
        case 5:
            let elements = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                value(depth: depth + 1, using: &generator)
            }
            return "[" + space + elements.joined(separator: "," + space) + "]"
        default:
            var keys: Set<String> = []
            let members = (0..<Int.random(in: 0...5, using: &generator)).compactMap { _ -> String? in
                let key = string(using: &generator)
                guard keys.insert(key).inserted else { return nil }
                return key + space + ":" + value(depth: depth + 1, using: &generator)
            }
            return "{" + members.joined(separator: "," + space) + space + "}"
        }
    }

    static func number(using generator: inout SeededGenerator) -> String {
        var text = Bool.random(using: &generator) ? "-" : ""
        text += Bool.random(using: &generator) ? "0" : String(Int.random(in: 1...99_999, using: &generator))
        if Bool.random(using: &generator) { text += "." + String(Int.random(in: 0...999, using: &generator)) }
        if Int.random(in: 0..<4, using: &generator) == 0 {
            text += ["e", "E"].randomElement(using: &generator)! + ["", "+", "-"].randomElement(using: &generator)!
            text += String(Int.random(in: 0...30, using: &generator))
        }
        return text
    }

    static func string(using generator: inout SeededGenerator) -> String {
        let pieces = [
            "a", "id", "case", "H-1", "ø", "Å", "😀", #"\""#, #"\\"#, #"\/"#, #"\n"#, #"\t"#, #"\u00e5"#,
            #"\ud83d\ude00"#,
            "2026-01-05", " ", "referral.received",
        ]
        return "\""
            + (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
            .joined() + "\""
    }

    /// Deletes, inserts or replaces one byte with a byte that matters to the grammar.
    static func corrupt(_ text: inout [UInt8], using generator: inout SeededGenerator) {
        let significant = Array("{}[]:,\"\\ 0-1e.tfnu\u{01}".utf8)
        let position = Int.random(in: 0...text.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0 where position < text.count: text.remove(at: position)
        case 1 where position < text.count: text[position] = significant.randomElement(using: &generator)!
        default: text.insert(significant.randomElement(using: &generator)!, at: position)
        }
    }
}

extension EventFields {
    /// A slot's token as the general parser's value, to compare the two parsers.
    func value(_ field: EventField) -> JSONValue? {
        guard let token = self[field] else { return nil }
        if let text = withString(token, { String(decoding: $0, as: UTF8.self) }) { return .string(text) }
        switch token {
        case .number(let number): return .number(number)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .composite(let index): return composites[Int(index)]
        case .plain, .escaped: return nil
        }
    }
}
