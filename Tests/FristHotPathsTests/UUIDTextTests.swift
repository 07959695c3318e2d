import Foundation
import FristHotPaths
import FristTesting
import Testing

/// The UUID reader, eight digits at a time, answers as a byte-by-byte reader does: every byte
/// value at every place of a UUID, and random texts near a UUID's shape (the seed is printed);
/// the writer gives a UUID's text back from its bits.
@Suite("UUID text")
struct UUIDTextTests {
    @Test("a UUID's text gives its bits and its letters' case")
    func knownValues() throws {
        let lower = try #require(parse("0123abcd-ef45-6789-a0b1-c2d3e4f5a6b7"))
        #expect(lower.high == 0x0123_ABCD_EF45_6789 && lower.low == 0xA0B1_C2D3_E4F5_A6B7)
        #expect(lower.letters == .lowercase)
        #expect(parse("0123ABCD-EF45-6789-A0B1-C2D3E4F5A6B7")?.letters == .uppercase)
        #expect(parse("0123abcd-EF45-6789-a0b1-c2d3e4f5a6b7")?.letters == [.lowercase, .uppercase])
        #expect(parse("00000000-0000-0000-0000-000000000000")?.letters == [])
        #expect(parse("0123abcd-ef45-6789-a0b1-c2d3e4f5a6b") == nil)
        #expect(parse("0123abcd-ef45-6789-a0b1-c2d3e4f5a6b70") == nil)
        #expect(parse("0123abcd0ef45-6789-a0b1-c2d3e4f5a6b7") == nil)
    }

    @Test("every byte value at every place answers as the byte-by-byte reader")
    func everyByteEverywhere() {
        let valid = Array("9f3c2e1a-7b6d-4c5e-8f90-a1b2c3d4e5f6".utf8)
        for place in valid.indices {
            for value in UInt8.min...UInt8.max {
                var bytes = valid
                bytes[place] = value
                let fast = bytes.withUnsafeBufferPointer(UUIDText.parse)
                let slow = Self.reference(bytes)
                #expect(fast?.high == slow?.high && fast?.low == slow?.low, "byte \(value) at \(place)")
                #expect(fast?.letters == slow?.letters, "byte \(value) at \(place)")
            }
        }
    }

    @Test("random texts near a UUID's shape answer as the byte-by-byte reader")
    func randomTexts() {
        let seed = TestSeed.make("uuid text", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        let alphabet = Array("0123456789abcdefABCDEFgG/:@`-. ".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xFF]
        var accepted = 0
        for round in 0..<20_000 {
            let length = [35, 36, 36, 36, 37].randomElement(using: &generator)!
            var bytes = (0..<length).map { _ in
                Array("0123456789abcdef".utf8).randomElement(using: &generator)!
            }
            for dash in [8, 13, 18, 23] where dash < length && Int.random(in: 0..<50, using: &generator) > 0 {
                bytes[dash] = UInt8(ascii: "-")
            }
            for _ in 0..<Int.random(in: 0...2, using: &generator) {
                bytes[Int.random(in: 0..<length, using: &generator)] = alphabet.randomElement(using: &generator)!
            }
            let fast = bytes.withUnsafeBufferPointer(UUIDText.parse)
            let slow = Self.reference(bytes)
            if let slow {
                accepted += 1
                // Written back from its bits, a UUID whose letters share one case is its text again.
                if slow.letters != [.lowercase, .uppercase] {
                    var text = [UInt8](repeating: 0, count: 36)
                    text.withUnsafeMutableBufferPointer {
                        UUIDText.write(high: slow.high, low: slow.low, uppercase: slow.letters == .uppercase, into: $0)
                    }
                    #expect(text == bytes, "seed \(seed), round \(round): \(bytes) written back")
                }
            }
            #expect(
                fast?.high == slow?.high && fast?.low == slow?.low && fast?.letters == slow?.letters,
                "seed \(seed), round \(round): \(bytes)")
        }
        #expect(accepted > 1_000, "seed \(seed): only \(accepted) texts were UUIDs")
    }

    private func parse(_ text: String) -> (high: UInt64, low: UInt64, letters: UUIDText.Letters)? {
        Array(text.utf8).withUnsafeBufferPointer(UUIDText.parse)
    }

    /// A UUID's text read one byte at a time.
    private static func reference(_ bytes: [UInt8]) -> (high: UInt64, low: UInt64, letters: UUIDText.Letters)? {
        guard bytes.count == 36 else { return nil }
        var (words, letters): ([UInt64], UUIDText.Letters) = ([0, 0], [])
        var digit = 0
        for (offset, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(offset) {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"):
                value = UInt64(byte - UInt8(ascii: "a") + 10)
                letters.insert(.lowercase)
            case UInt8(ascii: "A")...UInt8(ascii: "F"):
                value = UInt64(byte - UInt8(ascii: "A") + 10)
                letters.insert(.uppercase)
            default: return nil
            }
            words[digit / 16] = words[digit / 16] << 4 | value
            digit += 1
        }
        return (words[0], words[1], letters)
    }
}
