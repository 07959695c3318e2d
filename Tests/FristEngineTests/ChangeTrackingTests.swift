import Foundation
import FristCalendar
import FristEngine
import FristTesting
import Testing

/// An engine that does not note which cases each event changes (`tracksChanges = false`, as
/// `status --events` runs it) judges every case at its next `advance` instead: it decides the
/// same alerts and counts the same status as an engine that notes them. Random cases, applied in
/// two halves with an `advance` after each; the seed is printed and `FRISTVAKT_TEST_SEED`
/// replays it.
@Suite("Change tracking")
struct ChangeTrackingTests {
    @Test("without change notes, advance decides the same alerts, and the status is the same")
    func untrackedEngineAgrees() throws {
        let seed = TestSeed.make("change tracking", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        var alertsSeen = 0
        for round in 0..<20 {
            var tracked = DeadlineEngine()
            var untracked = DeadlineEngine()
            untracked.tracksChanges = false
            let events = randomEvents(upTo: 40, using: &generator)
            let middle = events.count / 2
            let halfway = try #require(events.last).date
            let today = halfway.adding(daysUnchecked: Int.random(in: 0...60, using: &generator))
            for (range, day) in [(0..<middle, events[max(middle - 1, 0)].date), (middle..<events.count, today)] {
                for event in events[range] {
                    _ = try? tracked.accept(event, today: day)
                    _ = try? untracked.accept(event, today: day)
                }
                let expected = tracked.advance(to: day)
                #expect(untracked.advance(to: day) == expected, "seed \(seed), round \(round), day \(day)")
                alertsSeen += expected.count
            }
            #expect(untracked.status(on: today) == tracked.status(on: today), "seed \(seed), round \(round)")
        }
        #expect(alertsSeen >= 20, "seed \(seed): only \(alertsSeen) alerts decided")
    }
}
