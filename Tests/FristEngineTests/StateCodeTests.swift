import Testing

@testable import FristEngine

/// The persisted state's fixed codes: every rule has its own, each reads back as that rule, and a
/// byte that names no rule, or a flag byte with an unknown bit, is refused.
@Suite("State codes")
struct StateCodeTests {
    @Test("every rule has a code of its own, and reads back from it; other codes name no rule")
    func ruleCodes() {
        let codes = RuleID.allCases.map(\.stateCode)
        #expect(Set(codes).count == RuleID.allCases.count)
        for rule in RuleID.allCases { #expect(RuleID(stateCode: rule.stateCode) == rule) }
        for code in UInt8.min...UInt8.max where !codes.contains(code) { #expect(RuleID(stateCode: code) == nil) }
    }

    @Test("a rule code or flag byte outside the format is refused")
    func unknownBytesRefused() throws {
        var writer = StateWriter()
        writer.rule(.moteAlvorligHendelse)
        writer.byte(0b1000_0001)
        let rule = writer.bytes.withUnsafeBytes { bytes in
            var reader = StateReader(bytes)
            return try? reader.rule()
        }
        #expect(rule == .moteAlvorligHendelse)
        let refused: [[UInt8]] = [[7], [0xFF]]
        for bytes in refused {
            #expect(throws: StateFormatError.self) {
                try bytes.withUnsafeBytes { bytes in
                    var reader = StateReader(bytes)
                    _ = try reader.rule()
                }
            }
        }
        #expect(throws: StateFormatError.self) {
            try [UInt8(0b1000_0001)].withUnsafeBytes { bytes in
                var reader = StateReader(bytes)
                _ = try reader.flags(allowed: 0x7F)
            }
        }
        let flags = try [UInt8(0b0100_0001)].withUnsafeBytes { bytes in
            var reader = StateReader(bytes)
            return try reader.flags(allowed: 0x7F)
        }
        #expect(flags == 0b0100_0001)
    }
}
