/// JSON's scalars appended to a byte buffer without a `String` in between: a status document
/// lists up to a million clocks, each with a few numbers and strings.
public enum JSONBytes {
    /// `value` in decimal.
    public static func appendInteger(_ value: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            output.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        // At most 20 digits, written backwards into a small stack buffer.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            while magnitude > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// A JSON string of `utf8`: `"`, `\` and control characters escaped, everything else as is.
    public static func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Nearly every string needs no escape: copied whole after one pass over its bytes.
        if !utf8.contains(where: needsEscape) {
            output.append(contentsOf: utf8)
        } else {
            for byte in utf8 { appendEscaped(byte, to: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        let backslash = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: [backslash, UInt8(ascii: "\"")])
        case backslash: output.append(contentsOf: [backslash, backslash])
        case UInt8(ascii: "\n"): output.append(contentsOf: [backslash, UInt8(ascii: "n")])
        case UInt8(ascii: "\r"): output.append(contentsOf: [backslash, UInt8(ascii: "r")])
        case UInt8(ascii: "\t"): output.append(contentsOf: [backslash, UInt8(ascii: "t")])
        case ..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            output.append(contentsOf: [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            output.append(hex[Int(byte >> 4)])
            output.append(hex[Int(byte & 0xF)])
        default: output.append(byte)
        }
    }
}
