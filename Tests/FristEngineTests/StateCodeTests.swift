import FristHotPaths
import Testing

@testable import FristEngine

/// The persisted state's fixed codes: every rule has its own, each reads back as that rule, and a
/// byte that names no rule is refused. (The byte format itself: `FristHotPathsTests`.)
@Suite("State codes")
struct StateCodeTests {
    @Test("every rule has a code of its own, and reads back from it; other codes name no rule")
    func ruleCodes() {
        let codes = RuleID.allCases.map(\.stateCode)
        #expect(Set(codes).count == RuleID.allCases.count)
        for rule in RuleID.allCases { #expect(RuleID(stateCode: rule.stateCode) == rule) }
        for code in UInt8.min...UInt8.max where !codes.contains(code) { #expect(RuleID(stateCode: code) == nil) }
    }

    @Test("an id's key bytes read back as the same id; bytes no id has as its key are refused")
    func identifierKeyBytes() throws {
        let ids = [
            "r1", "3f2a9c4e-1b7d-4e8a-9c3f-0a1b2c3d4e5f", "7D1E0C2B-9A8F-4E6D-B5C4-A3B2C1D0E9F8",
            "12345678-1234-1234-1234-123456789012", "3F2a9c4e-1b7d-4e8a-9c3f-0a1b2c3d4e5f",
        ]
        for text in ids {
            var writer = StateWriter()
            writer.identifier(EventIdentifier(text))
            let read = try writer.bytes.withUnsafeBytes { bytes in
                var reader = StateReader(bytes)
                return try reader.identifier()
            }
            #expect(read == EventIdentifier(text) && read.text == text)
        }
        // A packed UUID's key: 0xFF, its case (0 lower, 1 upper) and 16 bytes.
        let digitsOnly = EventIdentifier("12345678-1234-1234-1234-123456789012").withKeyBytes { Array($0) }
        var upperDigits = digitsOnly
        upperDigits[1] = 1  // upper case, but no letter to write in it
        var badCase = digitsOnly
        badCase[1] = 2
        for bytes in [upperDigits, badCase, Array(digitsOnly.dropLast()), digitsOnly + [0]] {
            #expect(throws: StateFormatError.self) {
                try ([UInt8(bytes.count)] + bytes).withUnsafeBytes { bytes in
                    var reader = StateReader(bytes)
                    _ = try reader.identifier()
                }
            }
        }
    }

    @Test("a rule code outside the format is refused")
    func unknownBytesRefused() throws {
        var writer = StateWriter()
        writer.rule(.moteAlvorligHendelse)
        writer.byte(0b1000_0001)
        let rule = writer.bytes.withUnsafeBytes { bytes in
            var reader = StateReader(bytes)
            return try? reader.rule()
        }
        #expect(rule == .moteAlvorligHendelse)
        let refused: [[UInt8]] = [[UInt8(RuleID.allCases.count)], [0xFF]]
        for bytes in refused {
            #expect(throws: StateFormatError.self) {
                try bytes.withUnsafeBytes { bytes in
                    var reader = StateReader(bytes)
                    _ = try reader.rule()
                }
            }
        }
    }
}
