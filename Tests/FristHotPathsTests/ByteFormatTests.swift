import FristHotPaths
import Testing

/// The persisted state's byte format: integers read back as written in their fewest bytes, and
/// anything short, overlong, or with a bit the reader does not allow is refused.
@Suite("byte format")
struct ByteFormatTests {
    @Test("integers, signed and unsigned, and length-prefixed bytes read back as written")
    func roundTrip() throws {
        let unsigned: [UInt64] = [0, 1, 127, 128, 300, 1 << 35, .max]
        let signed = [0, -1, 1, -64, 64, Int(Int32.min), Int.max, Int.min]
        var writer = ByteWriter()
        for value in unsigned { writer.unsigned(value) }
        for value in signed { writer.int(value) }
        writer.lengthPrefixed(UnsafeBufferPointer(start: nil, count: 0))
        Array("ø-1".utf8).withUnsafeBufferPointer { writer.lengthPrefixed($0) }
        #expect(writer.bytes.prefix(4) == [0, 1, 127, 0x80])
        try writer.bytes.withUnsafeBytes { bytes throws in
            var reader = ByteReader(bytes)
            for value in unsigned { #expect(try reader.unsigned() == value) }
            for value in signed { #expect(try reader.int() == value) }
            #expect(try reader.lengthPrefixed().isEmpty)
            #expect(Array(try reader.lengthPrefixed()) == Array("ø-1".utf8))
            #expect(reader.isAtEnd)
        }
    }

    @Test("a flag byte or mask with an unknown bit, a mask not in its fewest bytes, and short bytes are refused")
    func refusals() throws {
        func read<T>(_ bytes: [UInt8], _ body: (inout ByteReader) throws(ByteFormatError) -> T) throws -> T {
            try bytes.withUnsafeBytes { bytes in
                var reader = ByteReader(bytes)
                return try body(&reader)
            }
        }
        #expect(try read([0b0100_0001]) { reader throws(ByteFormatError) in try reader.flags(allowed: 0x7F) } == 0x41)
        #expect(throws: ByteFormatError.self) {
            try read([0b1000_0001]) { reader throws(ByteFormatError) in try reader.flags(allowed: 0x7F) }
        }
        for (bytes, mask) in [([UInt8(0x05)], UInt64(5)), ([0x81, 0x01], 0x81)] {
            #expect(try read(bytes) { reader throws(ByteFormatError) in try reader.mask(allowed: 0xFF) } == mask)
        }
        for bytes: [UInt8] in [[0x85, 0x00], [0x80, 0x02], [0x80]] {
            #expect(throws: ByteFormatError.self, "\(bytes)") {
                try read(bytes) { reader throws(ByteFormatError) in try reader.mask(allowed: 0xFF) }
            }
        }
        for bytes: [UInt8] in [[], [0x80], [0x03, 0x41], [0x02]] {
            #expect(throws: ByteFormatError.self, "\(bytes)") {
                try read(bytes) { reader throws(ByteFormatError) in try reader.lengthPrefixed() }
            }
        }
        #expect(throws: ByteFormatError.self) { try read([2]) { reader throws(ByteFormatError) in try reader.bool() } }
        #expect(throws: ByteFormatError.self) {
            try read([0x05]) { reader throws(ByteFormatError) in try reader.count() }
        }
    }
}
