/// A strict RFC 8259 parser over bytes already known to be valid UTF-8: one value, surrounded
/// only by JSON white space; strings without raw control characters and with well-formed escapes
/// (a `\u` surrogate must be paired); numbers in the JSON grammar and within `Double`; no
/// duplicate key in an object.
/// Nesting deeper than `maximumDepth` is refused rather than risking the stack.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// How deep arrays and objects may nest.
    static let maximumDepth = 64

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func parseDocument(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONValue.ParseError) -> JSONValue {
        try parseWhole(bytes) { parser throws(JSONValue.ParseError) in try parser.value(depth: 0) }
    }

    /// An event line: the same grammar and the same refusals as `parseDocument`, in the same
    /// order, but a top-level object's members go into `fields`: each known key's value in its
    /// slot as a token (a string as its place in `bytes`, no `String` and no `JSONValue` made), so
    /// an event is decoded straight from the line's bytes. Returns nil for an object, and any
    /// other value as it is. The fields point into `bytes` and are valid only while `bytes` is.
    static func parseEvent(
        _ bytes: UnsafeBufferPointer<UInt8>, into fields: inout EventFields
    ) throws(JSONValue.ParseError) -> JSONValue? {
        try parseWhole(bytes) { parser throws(JSONValue.ParseError) in
            guard parser.current == UInt8(ascii: "{") else { return try parser.value(depth: 0) }
            try parser.members(
                depth: 1, into: &fields,
                value: { parser, depth throws(JSONValue.ParseError) in try parser.fieldToken(depth: depth) }
            ) { parser, fields, key, value throws(JSONValue.ParseError) in
                let field: EventField? =
                    switch key {
                    case .plain(let range): EventField(key: UnsafeBufferPointer(rebasing: parser.bytes[range]))
                    case .escaped(let text): text.withUnsafeBufferPointer { EventField(key: $0) }
                    }
                let added =
                    if let field { fields.add(field, value) } else { fields.add(unknown: parser.text(key), value) }
                guard added else { throw .duplicateKey(parser.text(key)) }
            }
            return nil
        }
    }

    /// One value from `body`, surrounded only by white space.
    private static func parseWhole<Value>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (inout JSONParser) throws(JSONValue.ParseError) -> Value
    ) throws(JSONValue.ParseError) -> Value {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try body(&parser)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.invalid() }
        return value
    }

    private func invalid() -> JSONValue.ParseError { .invalid(offset: index) }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(JSONValue.ParseError) {
        guard current == byte else { throw invalid() }
        index += 1
    }

    private mutating func literal(_ text: StaticString, _ value: JSONValue) throws(JSONValue.ParseError) -> JSONValue {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw invalid() }
        for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { throw invalid() }
        index += count
        return value
    }

    private mutating func value(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        switch current {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return .number(try number())
        }
    }

    /// A top-level member's value as an event keeps it: the same grammar and errors as `value`,
    /// but a string stays a token and only an array or object (always refused) is built.
    private mutating func fieldToken(depth: Int) throws(JSONValue.ParseError) -> EventFields.Value {
        switch current {
        case UInt8(ascii: "\""): return .string(try stringToken())
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            switch try value(depth: depth) {
            case .bool(let flag): return .bool(flag)
            default: return .null
            }
        case UInt8(ascii: "{"), UInt8(ascii: "["): return .composite(try value(depth: depth))
        default: return .number(try number())
        }
    }

    private mutating func object(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        var fields: [String: JSONValue] = [:]
        try members(
            depth: depth, into: &fields,
            value: { parser, depth throws(JSONValue.ParseError) in try parser.value(depth: depth) }
        ) {
            parser, fields, key, member throws(JSONValue.ParseError) in
            let name = parser.text(key)
            guard fields.updateValue(member, forKey: name) == nil else { throw .duplicateKey(name) }
        }
        return .object(fields)
    }

    /// An object's members, each value read by `read` and handed to `add` with `target` as soon
    /// as it is read (so a duplicate key is refused where it stands, before any later grammar
    /// error); `index` is at the `{`. The target is passed in, not captured, so adding needs no
    /// dynamic access check.
    private mutating func members<Target, Member>(
        depth: Int, into target: inout Target,
        value read: (inout Self, Int) throws(JSONValue.ParseError) -> Member,
        _ add: (Self, inout Target, StringToken, Member) throws(JSONValue.ParseError) -> Void
    ) throws(JSONValue.ParseError) {
        guard depth <= Self.maximumDepth else { throw .tooDeep }
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw invalid() }
            let key = try stringToken()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            let member = try read(&self, depth)
            try add(self, &target, key, member)
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    private mutating func array(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw .tooDeep }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "]"))
            return .array(elements)
        }
    }

    /// A string as read: its bytes in the input when it has no escape (the common case), else
    /// its decoded bytes.
    enum StringToken {
        case plain(Range<Int>)
        case escaped([UInt8])
    }

    /// The text of a string token.
    private func text(_ token: StringToken) -> String {
        switch token {
        case .plain(let range): String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        case .escaped(let text): String(decoding: text, as: UTF8.self)
        }
    }

    /// A string; `index` is at its opening quote.
    private mutating func string() throws(JSONValue.ParseError) -> String { text(try stringToken()) }

    private mutating func stringToken() throws(JSONValue.ParseError) -> StringToken {
        index += 1
        let start = index
        // The common case: no escape, so the bytes are the string.
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw invalid() }
            index += 1
        }
        guard let stop = current else { throw invalid() }
        if stop == UInt8(ascii: "\"") {
            index += 1
            return .plain(start..<(index - 1))
        }
        var text = Array(bytes[start..<index])
        while true {
            guard let byte = current else { throw invalid() }
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return .escaped(text)
            case UInt8(ascii: "\\"):
                try escape(into: &text)
            case ..<0x20:
                index -= 1
                throw invalid()
            default:
                text.append(byte)
            }
        }
    }

    private mutating func escape(into text: inout [UInt8]) throws(JSONValue.ParseError) {
        guard let byte = current else { throw invalid() }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad()
            if (0xD800..<0xDC00).contains(scalar) {
                guard current == UInt8(ascii: "\\") else { throw invalid() }
                index += 1
                try expect(UInt8(ascii: "u"))
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw invalid() }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw invalid()
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw invalid() }
            text.append(contentsOf: UTF8.encode(unicode)!)
        default:
            index -= 1
            throw invalid()
        }
    }

    private mutating func hexQuad() throws(JSONValue.ParseError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw invalid() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw invalid()
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() throws(JSONValue.ParseError) -> Double {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, isDigit(first) else { throw invalid() }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let digit = current, isDigit(digit) else { throw invalid() }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let digit = current, isDigit(digit) else { throw invalid() }
            skipDigits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw invalid() }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = current, isDigit(byte) { index += 1 }
    }
}
