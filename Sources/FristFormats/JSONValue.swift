import Foundation

/// A JSON value as read, so event decoding can check every field itself and name it in its
/// refusals. Foundation's `JSONSerialization` parses (about six times faster than `JSONDecoder`
/// into a `Decodable` enum on Linux, and parsing was over half of intake and restart time); this
/// keeps the shape.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses one JSON text (RFC 8259; a scalar at the top level is allowed).
    static func parse(_ data: Data) throws -> JSONValue {
        try JSONValue(foundation: JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    /// The class Foundation uses for JSON's `true` and `false` (an `NSNumber` subclass).
    private static let booleanClass = ObjectIdentifier(type(of: NSNumber(value: true)))

    private init(foundation value: Any) throws {
        switch value {
        case is NSNull:
            self = .null
        case let number as NSNumber:
            self =
                ObjectIdentifier(type(of: number)) == Self.booleanClass
                ? .bool(number.boolValue) : .number(number.doubleValue)
        case let string as String:
            self = .string(string)
        case let array as [Any]:
            self = .array(try array.map(JSONValue.init(foundation:)))
        case let object as [String: Any]:
            self = .object(try object.mapValues(JSONValue.init(foundation:)))
        default:
            throw CocoaError(.propertyListReadCorrupt)
        }
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
