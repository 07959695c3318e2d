import Foundation

/// CSV as Norwegian Excel opens it with a double click: UTF-8 with a byte order mark, `;` between
/// fields (the comma is the decimal sign), CRLF line ends, and a field quoted when it holds `;`,
/// `"` or a line break. The callers give bokmål headers and values, decimals with a comma.
enum ExcelCSV {
    /// The rows (the header first) as one document.
    static func render(_ rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
    }

    private static func field(_ text: String) -> String {
        text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
