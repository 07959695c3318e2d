import Foundation
import FristCalendar
import FristEngine
import FristTesting
import Testing

/// A status counted in parts (consecutive ranges of cases, as `status --events` counts them on two
/// threads) and joined is the status counted in one pass: the same counts per unit, rule and
/// duty, and the same list in the same order. Random cases; the seed is printed and
/// `FRISTVAKT_TEST_SEED` replays it.
@Suite("Status in parts")
struct StatusPartsTests {
    @Test("parts over any split of the cases join to the status counted in one pass")
    func partsJoinToTheWhole() throws {
        let seed = TestSeed.make("status parts", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        var meaningful = 0  // rounds with a list of several clocks cut in several parts
        for round in 0..<30 {
            var engine = DeadlineEngine()
            let events = randomEvents(upTo: 60, using: &generator)
            let today = try #require(events.last).date.adding(daysUnchecked: Int.random(in: 0...90, using: &generator))
            for event in events { _ = try? engine.accept(event, today: today) }
            for includeRunning in [false, true] {
                let whole = engine.status(on: today, includeRunning: includeRunning)
                let cuts = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                    Int.random(in: 0...engine.caseCount, using: &generator)
                }.sorted()
                let bounds = [0] + cuts + [engine.caseCount]
                let parts = zip(bounds, bounds.dropFirst()).map {
                    engine.statusPart(on: today, includeRunning: includeRunning, cases: $0..<$1)
                }
                let joined = StatusSnapshot(joining: parts)
                #expect(joined == whole, "seed \(seed), round \(round): cut at \(cuts), running \(includeRunning)")
                if parts.count > 1, whole.open.count > 1 { meaningful += 1 }
            }
        }
        #expect(meaningful >= 10, "seed \(seed): only \(meaningful) rounds cut a list of several clocks")
    }
}
