import Foundation
import FristHotPaths
import FristTesting
import Testing

@testable import FristEngine

/// The engine's case references (an identifier table keyed by each reference's key bytes) against
/// the two Swift collections they replace (an array of the references and a dictionary of their
/// handles), over random inserts, look-ups and removals of the last insertion, with UUIDs (kept
/// as 18 key bytes) among other texts; then sorted as the texts are. The seed is printed and
/// `FRISTVAKT_TEST_SEED` replays it.
@Suite("Case references")
struct CaseReferencesTests {
    /// An identifier of the contract's alphabet, 1 to 24 bytes (word boundaries at 8 and 16), from
    /// a small pool so that repeats are common.
    static func identifier(using generator: inout SeededGenerator) -> String {
        let alphabet = Array("AZaz09._:-H")
        let length = Int.random(in: 1...24, using: &generator)
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    @Test("inserts, look-ups and removals agree with an array and a dictionary")
    func agreesWithSwiftCollections() throws {
        let seed = TestSeed.make("case references", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        for round in 0..<60 {
            var table = CaseReferences(seed: generator.next())
            var strings: [String] = []
            var handles: [String: Int] = [:]
            // Some UUIDs among them, which an event keeps packed (see EventIdentifier).
            let pool = (0..<Int.random(in: 1...3000, using: &generator)).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0
                    ? EventIdentifierTests.candidate(using: &generator) : Self.identifier(using: &generator)
            }
            for step in 0..<Int.random(in: 1...4000, using: &generator) {
                let context = "seed \(seed), round \(round), step \(step)"
                let candidate = pool.randomElement(using: &generator)!
                switch Int.random(in: 0..<10, using: &generator) {
                case 0..<7:
                    // Inserted as a string, or as an event keeps it.
                    let (handle, inserted) =
                        Bool.random(using: &generator)
                        ? table.insert(candidate) : table.insert(EventIdentifier(candidate))
                    if let known = handles[candidate] {
                        #expect(!inserted && handle == known, "\(context): \(candidate) inserted again")
                    } else {
                        #expect(inserted && handle == strings.count, "\(context): \(candidate) not new")
                        handles[candidate] = strings.count
                        strings.append(candidate)
                    }
                case 7..<9:
                    #expect(table.handle(of: candidate) == handles[candidate], "\(context): look-up of \(candidate)")
                    #expect(
                        table.handle(of: EventIdentifier(candidate)) == handles[candidate],
                        "\(context): look-up of \(candidate) as an event keeps it")
                default:
                    guard let last = strings.popLast() else { continue }
                    table.removeLast()
                    handles[last] = nil
                    #expect(table.handle(of: last) == nil, "\(context): \(last) still found after removal")
                }
                #expect(table.count == strings.count, "\(context): count")
            }
            for (handle, string) in strings.enumerated() {
                #expect(table[handle] == string, "seed \(seed), round \(round): handle \(handle)")
                #expect(
                    table.identifier(handle) == EventIdentifier(string),
                    "seed \(seed), round \(round): handle \(handle) as an event keeps it")
                #expect(table.handle(of: string) == handle, "seed \(seed), round \(round): look-up of \(string)")
            }
            var shuffled = Array(strings.indices).shuffled(using: &generator)
            table.sort(&shuffled) { $0 }
            #expect(
                shuffled.map { strings[$0] } == strings.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
                "seed \(seed), round \(round): sorted by prefix and bytes")
        }
    }
}
