import Foundation
import FristCalendar
import FristTesting
import Testing

@testable import FristEngine
@testable import FristFormats

/// The status document's `open` entries, written straight as bytes, are exactly what the generic
/// JSON writer gives the same compact object.
@Suite("status document: open entries as bytes")
struct OpenClockBytesTests {
    /// The entry as the generic writer renders it: a compact object with these members.
    static func generic(_ clock: StatusSnapshot.OpenClock) -> [UInt8] {
        Array(
            JSONNode.compact(
                .object([
                    ("case", .string(clock.caseRef)),
                    ("unit", clock.unit.map(JSONNode.string) ?? .null),
                    ("rule", .string(clock.rule.rawValue)),
                    ("state", .string(clock.state.rawValue)),
                    ("start", .date(clock.start)),
                    ("due", .date(clock.due)),
                    ("days_left", .int(clock.daysLeft)),
                    ("helfo_required", .bool(clock.helfoRequired)),
                    ("duty", clock.duty.map { .string($0.rawValue) } ?? .null),
                ])
            ).renderedBytes().dropLast())  // the final newline
    }

    static func randomClock(using generator: inout SeededGenerator) -> StatusSnapshot.OpenClock {
        let units: [String?] = [nil, "", "U1", "Kirurgisk \"B\"", "a\\b", "tab\there", "æøå", "\u{1}"]
        let start = CalendarDate.earliest.dayNumber + Int32.random(in: 40_000...50_000, using: &generator)
        let due = start + Int32.random(in: 0...400, using: &generator)
        return StatusSnapshot.OpenClock(
            caseRef: "H-\(Int.random(in: 0...30, using: &generator))",
            unit: units.randomElement(using: &generator)!,
            rule: RuleID.allCases.randomElement(using: &generator)!,
            state: ClockState.allCases.randomElement(using: &generator)!,
            start: try! CalendarDate(dayNumber: Int(start)), due: try! CalendarDate(dayNumber: Int(due)),
            daysLeft: Int.random(in: -400...400, using: &generator),
            duty: [nil, OpenDuty.helfoRequired, .overCap].randomElement(using: &generator)!)
    }

    @Test("each entry's bytes are the generic writer's, whatever its unit holds")
    func sameBytes() {
        let seed = TestSeed.make("open entry bytes", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<2_000 {
            let clock = Self.randomClock(using: &generator)
            var written: [UInt8] = []
            OpenClockBytes.append(clock, to: &written)
            #expect(written == Self.generic(clock), "\(clock)")
        }
    }
}
