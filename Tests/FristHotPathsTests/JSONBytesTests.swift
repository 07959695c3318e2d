import FristHotPaths
import Testing

@Suite("JSON scalars as bytes")
struct JSONBytesTests {
    @Test(
        "integers in decimal, as String(_:) writes them",
        arguments: [0, 7, 9, 10, -1, -10, 1_234_567, Int.max, Int.min])
    func integers(value: Int) {
        var output: [UInt8] = []
        JSONBytes.appendInteger(value, to: &output)
        #expect(String(decoding: output, as: UTF8.self) == String(value))
    }

    @Test(
        "strings quoted, with quotes, backslashes and control characters escaped",
        arguments: [
            ("H-1", #""H-1""#), ("", #""""#), ("a\"b", #""a\"b""#), ("a\\b", #""a\\b""#), ("\n\r\t", #""\n\r\t""#),
            ("\u{1}\u{1f}", #""\u0001\u001f""#), ("æøå", "\"æøå\""),
        ])
    func strings(text: String, quoted: String) {
        var output: [UInt8] = []
        var text = text
        text.withUTF8 { JSONBytes.appendQuoted($0, to: &output) }
        #expect(String(decoding: output, as: UTF8.self) == quoted)
    }
}
