import Foundation
import FristCalendar
import FristTesting
import Testing

@testable import FristEngine

/// A clock's event id keeps its text exactly, packed or not, and compares as its text does. The
/// seed is printed and `FRISTVAKT_TEST_SEED` replays it.
@Suite("Event identifier")
struct EventIdentifierTests {
    /// A UUID's text, or one of its near misses: mixed case, a letter past `f`, a dash moved, a
    /// character more or less; or an id of the contract's alphabet.
    static func candidate(using generator: inout SeededGenerator) -> String {
        let hex = Array("0123456789abcdef")
        var uuid = (0..<36).map { [8, 13, 18, 23].contains($0) ? "-" : hex.randomElement(using: &generator)! }
        switch Int.random(in: 0..<9, using: &generator) {
        case 0: return String(uuid)
        case 1: return String(uuid).uppercased()
        case 2: return String((0..<36).map { [8, 13, 18, 23].contains($0) ? "-" : "7" })
        case 3:
            let index = Int.random(in: 0..<36, using: &generator)
            if uuid[index] != "-" { uuid[index] = Bool.random(using: &generator) ? "g" : "A" }
            return String(uuid)
        case 4:
            uuid.swapAt(8, Int.random(in: 0..<36, using: &generator))
            return String(uuid)
        case 5: return String(uuid.dropLast())
        case 6: return String(uuid) + "0"
        default:
            let alphabet = Array("AZaz09._:-fF")
            return String(
                (0..<Int.random(in: 1...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
    }

    @Test("the text and its bytes come back exactly; equal and hashed alike exactly when the texts are equal")
    func roundTripAndEquality() {
        let seed = TestSeed.make("event identifier", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        let texts = (0..<20_000).map { _ in Self.candidate(using: &generator) }
        let identifiers = texts.map(EventIdentifier.init)
        for (text, identifier) in zip(texts, identifiers) {
            #expect(identifier.text == text, "seed \(seed): \(text) came back as \(identifier.text)")
            #expect(identifier.withUTF8 { Array($0) } == Array(text.utf8), "seed \(seed): \(text)'s bytes")
            // As the persisted state reads it back: packed straight from the bytes, or not at all.
            let fromBytes = Array(text.utf8).withUnsafeBytes { EventIdentifier(packing: $0) }
            #expect(fromBytes == (identifier.isPacked ? identifier : nil), "seed \(seed): \(text) packed from bytes")
        }
        for _ in 0..<20_000 {
            let (lhs, rhs) = (
                Int.random(in: 0..<texts.count, using: &generator), Int.random(in: 0..<texts.count, using: &generator)
            )
            let sameText = texts[lhs] == texts[rhs] || Bool.random(using: &generator)
            let other = sameText ? EventIdentifier(texts[lhs]) : identifiers[rhs]
            let otherText = sameText ? texts[lhs] : texts[rhs]
            #expect(
                (identifiers[lhs] == other) == (texts[lhs] == otherText), "seed \(seed): \(texts[lhs]) and \(otherText)"
            )
            if identifiers[lhs] == other { #expect(identifiers[lhs].hashValue == other.hashValue) }
        }
    }

    @Test("a UUID's text is packed, any other text is not; a clock's identity stays 24 bytes")
    func uuidIsPacked() {
        #expect(MemoryLayout<ClockID>.stride <= 24)
        let uuid = "3f2a9c4e-1b7d-4e8a-9c3f-0a1b2c3d4e5f"
        #expect(EventIdentifier(uuid).isPacked)
        #expect(EventIdentifier(uuid.uppercased()).isPacked)
        #expect(EventIdentifier("00000000-0000-0000-0000-000000000000").isPacked)
        #expect(!EventIdentifier("3F2a9c4e-1b7d-4e8a-9c3f-0a1b2c3d4e5f").isPacked)
        #expect(!EventIdentifier("3f2a9c4e-1b7d-4e8a-9c3f-0a1b2c3d4e5g").isPacked)
        #expect(!EventIdentifier("3f2a9c4e1-b7d-4e8a-9c3f-0a1b2c3d4e5f").isPacked)
        #expect(!EventIdentifier("r1").isPacked)
        let identity = ClockID(event: uuid, rule: .vurderingsfrist)
        #expect(identity.event == uuid)
        #expect(ClockID(event: uuid.uppercased(), rule: .vurderingsfrist).event == uuid.uppercased())
        #expect(identity != ClockID(event: uuid.uppercased(), rule: .vurderingsfrist))
    }

    @Test("a case with UUID ids is persisted with their 16 bytes, not their text, and read back exactly")
    func uuidCasePersists() throws {
        let id = "3f2a9c4e-1b7d-4e8a-9c3f-0a1b2c3d4e5f"
        let caseRef = "7D1E0C2B-9A8F-4E6D-B5C4-A3B2C1D0E9F8"
        let date = try CalendarDate(parsing: "2026-11-02")
        var engine = DeadlineEngine()
        try engine.accept(
            Event(
                id: id, caseRef: caseRef, date: date,
                payload: .referralReceived(group: .standard, assessmentWorkingDays: nil)),
            today: date)
        let persisted = engine.takeChangedCases()
        #expect(persisted.map(\.caseRef) == [caseRef])
        // The id's key bytes are in the state (0xFF, lower case, its 16 bytes), not its text.
        let key = EventIdentifier(id).withKeyBytes { Array($0) }
        #expect(key.count == 18 && key[0] == 0xFF && key[1] == 0)
        #expect(persisted[0].bytes.firstRange(of: key) != nil)
        #expect(persisted[0].bytes.firstRange(of: Array(id.utf8)) == nil)
        let restored = try DeadlineEngine(configuration: EngineConfiguration(), restoring: persisted)
        #expect(restored.persistedCases().map(\.bytes) == persisted.map(\.bytes))
        #expect(restored.clocks.map(\.id.event) == [id])
    }
}
