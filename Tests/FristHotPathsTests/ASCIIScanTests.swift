import FristHotPaths
import Testing

/// The ASCII check, eight bytes at a time, answers as a byte-by-byte check does: one byte of 0x80
/// or over anywhere, in a word or in the tail, makes the bytes not ASCII.
@Suite("ASCII scan")
struct ASCIIScanTests {
    @Test("one high byte at any place of any length is found")
    func highByteAnywhere() {
        for length in 0...20 {
            let ascii = [UInt8]((0..<length).map { UInt8(0x20 + $0) })
            #expect(isASCII(ascii), "\(length) ASCII bytes")
            for place in 0..<length {
                for high: UInt8 in [0x80, 0xC3, 0xFF] {
                    var bytes = ascii
                    bytes[place] = high
                    #expect(!isASCII(bytes), "\(length) bytes, \(high) at \(place)")
                }
            }
        }
        #expect(isASCII([0x7F, 0x00, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F]))
    }

    private func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes(ASCIIScan.isASCII)
    }
}
