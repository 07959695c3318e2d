import Foundation

/// CSV text (RFC 4180: CRLF line ends, a field quoted when it holds the separator, `"` or a line
/// break), in the two dialects the tools write: plain, with `,`, for programs; and for Norwegian
/// Excel, which opens it with a double click: a byte order mark and `;` (the comma is the decimal
/// sign there). The callers give the headers and values.
enum CSVText {
    /// The dialect.
    enum Dialect {
        /// `,` between fields, no byte order mark.
        case plain
        /// `;` between fields, after a UTF-8 byte order mark.
        case excel
    }

    /// The rows (the header first) as one document.
    static func render(_ rows: [[String]], _ dialect: Dialect) -> String {
        let separator: Character = dialect == .excel ? ";" : ","
        let body = rows.map { $0.map { field($0, separator) }.joined(separator: String(separator)) }
        return (dialect == .excel ? "\u{FEFF}" : "") + body.joined(separator: "\r\n") + "\r\n"
    }

    private static func field(_ text: String, _ separator: Character) -> String {
        text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
