import Foundation
import FristTesting
import Testing

@testable import FristEngine

/// The engine's set of event ids answers as a set of the ids' texts does: a UUID kept as its key
/// bytes is found again from its text, and never confused with another case of the same digits
/// or any other text. The seed is printed and `FRISTVAKT_TEST_SEED` replays it.
@Suite("Event id set")
struct EventIDSetTests {
    @Test("inserting and taking out the last insertion answers as a Set of the texts does")
    func matchesASetOfTexts() {
        let seed = TestSeed.make("event id set", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        var ids = EventIDSet()
        var model: Set<String> = []
        var seen: [String] = []
        for step in 0..<30_000 {
            let text: String
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<4 where !seen.isEmpty: text = seen.randomElement(using: &generator)!
            case 4..<6 where !seen.isEmpty:
                // The same digits in the other case: another id (a UUID packs either way).
                let earlier = seen.randomElement(using: &generator)!
                text = earlier == earlier.lowercased() ? earlier.uppercased() : earlier.lowercased()
            default: text = EventIdentifierTests.candidate(using: &generator)
            }
            seen.append(text)
            let inserted = ids.insert(EventIdentifier(text))
            #expect(inserted == model.insert(text).inserted, "seed \(seed), step \(step): \(text)")
            if inserted, Int.random(in: 0..<5, using: &generator) == 0 {
                ids.removeLast()
                model.remove(text)
            }
        }
        // Everything still there is found again, from a fresh identifier of its text.
        for text in model {
            let insertedAgain = ids.insert(EventIdentifier(text))
            #expect(!insertedAgain, "seed \(seed): \(text) was lost")
        }
    }

    @Test("a packed UUID's key bytes are not its text, and differ with its case")
    func keyBytes() {
        let lower = EventIdentifier("0f8e2b1c-3d4a-4b5c-8d6e-7f8091a2b3c4")
        let upper = EventIdentifier("0F8E2B1C-3D4A-4B5C-8D6E-7F8091A2B3C4")
        let text = EventIdentifier("r-12")
        let (lowerKey, upperKey) = (lower.withKeyBytes { Array($0) }, upper.withKeyBytes { Array($0) })
        let textKey = text.withKeyBytes { Array($0) }
        #expect(lower.isPacked && upper.isPacked)
        #expect(lowerKey.count == 18 && lowerKey.first == 0xFF)
        #expect(lowerKey != upperKey)
        #expect(textKey == Array("r-12".utf8))
    }
}
