/// A small JSON writer with ordered keys and fixed formatting, so the status document is
/// byte-for-byte stable (Foundation's encoder orders keys its own way).
enum JSONNode {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])
    /// An object or array printed on one line.
    indirect case compact(JSONNode)

    /// Renders with two-space indentation and a final newline.
    func rendered() -> String {
        var output = ""
        write(to: &output, indent: 0, inline: false)
        return output + "\n"
    }

    private func write(to output: inout String, indent: Int, inline: Bool) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value): output += value.isFinite ? "\(value)" : "null"
        case .string(let value): output += JSONNode.quoted(value)
        case .compact(let node): node.write(to: &output, indent: indent, inline: true)
        case .array(let elements):
            if elements.isEmpty {
                output += "[]"
                return
            }
            output += inline ? "[" : "[\n"
            for (index, element) in elements.enumerated() {
                if !inline { output += pad }
                element.write(to: &output, indent: indent + 1, inline: inline)
                if index < elements.count - 1 { output += inline ? ", " : "," }
                if !inline { output += "\n" }
            }
            output += inline ? "]" : closePad + "]"
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            output += inline ? "{" : "{\n"
            for (index, (key, value)) in members.enumerated() {
                if !inline { output += pad }
                output += JSONNode.quoted(key) + ": "
                value.write(to: &output, indent: indent + 1, inline: inline)
                if index < members.count - 1 { output += inline ? ", " : "," }
                if !inline { output += "\n" }
            }
            output += inline ? "}" : closePad + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
