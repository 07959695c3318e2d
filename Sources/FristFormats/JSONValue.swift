/// A JSON value as read, so event decoding can check every field itself and name it in its
/// refusals.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Why a text is not one JSON value of the kind events accept.
    enum ParseError: Error, Equatable {
        /// Not JSON (RFC 8259): the byte offset where the grammar broke.
        case invalid(offset: Int)
        /// An object names the same key twice (RFC 8259 leaves the meaning open; a typo or a
        /// badly merged record must not silently pick one of two values).
        case duplicateKey(String)
        /// Arrays and objects nested deeper than `JSONParser.maximumDepth`.
        case tooDeep
    }

    /// Parses one JSON text (RFC 8259; a scalar at the top level is allowed) that is valid UTF-8.
    /// Duplicate keys in any object are refused.
    static func parse(_ bytes: some Collection<UInt8>) throws(ParseError) -> JSONValue {
        try withBuffer(bytes) { buffer throws(ParseError) in try JSONParser.parseDocument(buffer) }
    }

    /// Calls `body` with the bytes in one contiguous buffer (copied only when they are not).
    static func withBuffer<Value, Failure: Error>(
        _ bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(Failure) in try body(buffer) }
        }
        if let contiguous { return try contiguous.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer throws(Failure) in try body(buffer) }
    }

    /// The JSON type's name in bokmål, for refusals.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "sannhetsverdi"
        case .number: "tall"
        case .string: "tekst"
        case .array: "liste"
        case .object: "objekt"
        }
    }
}
