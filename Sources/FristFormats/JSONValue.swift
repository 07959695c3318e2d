import Foundation

/// A JSON value as read, so event decoding can check every field itself and name it in its
/// refusals (Foundation's JSONDecoder parses; this keeps the shape).
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
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
