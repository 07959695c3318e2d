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

/// The reference check, eight bytes at a time, answers as the contract's character set does, for
/// every byte value at every place of every length up to three words and a tail.
@Suite("reference characters scan")
struct ReferenceScanTests {
    /// The contract's reference characters, byte by byte.
    static func isReferenceByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"),
            UInt8(ascii: "-"):
            true
        default: false
        }
    }

    @Test("every byte value at every place of lengths 0 to 27")
    func everyByteEverywhere() {
        let valid = Array("aZ09._:-Kq".utf8)
        for length in 0...27 {
            let reference = (0..<length).map { valid[$0 % valid.count] }
            #expect(areReferenceBytes(reference), "\(length) reference bytes")
            for place in 0..<length {
                for byte in UInt8.min...UInt8.max {
                    var bytes = reference
                    bytes[place] = byte
                    #expect(
                        areReferenceBytes(bytes) == Self.isReferenceByte(byte),
                        "\(length) bytes, \(byte) at \(place)")
                }
            }
        }
    }

    private func areReferenceBytes(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes(ASCIIScan.areReferenceBytes)
    }
}
