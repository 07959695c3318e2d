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

    /// A UUID's text from the seeded generator, in lower or upper case (an entry keeps it packed).
    static func randomUUID(using generator: inout SeededGenerator) -> String {
        let text = (0..<32).map { _ in String(Int.random(in: 0..<16, using: &generator), radix: 16) }.joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map {
            String(text.dropFirst($0.lowerBound).prefix($0.count))
        }
        let uuid = parts.joined(separator: "-")
        return Bool.random(using: &generator) ? uuid : uuid.uppercased()
    }

    static func randomClock(using generator: inout SeededGenerator) -> StatusSnapshot.OpenClock {
        let units: [String?] = [nil, "", "U1", "Kirurgisk \"B\"", "a\\b", "tab\there", "æøå", "\u{1}"]
        let start = CalendarDate.earliest.dayNumber + Int32.random(in: 40_000...50_000, using: &generator)
        let due = start + Int32.random(in: 0...400, using: &generator)
        return StatusSnapshot.OpenClock(
            caseID: EventIdentifier(
                Bool.random(using: &generator)
                    ? "H-\(Int.random(in: 0...30, using: &generator))" : randomUUID(using: &generator)),
            unit: units.randomElement(using: &generator)!,
            rule: RuleID.allCases.randomElement(using: &generator)!,
            state: ClockState.allCases.randomElement(using: &generator)!,
            start: try! CalendarDate(dayNumber: Int(start)), due: try! CalendarDate(dayNumber: Int(due)),
            daysLeft: Int.random(in: -400...400, using: &generator),
            duty: [nil, OpenDuty.helfoRequired, .overCap].randomElement(using: &generator)!)
    }

    @Test("the status lists open clocks by days left, deadline, case and rule, as a plain sort would")
    func mostUrgentFirst() {
        let seed = TestSeed.make("open clock order", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        // Few days and deadlines, and references that share their first eight bytes or are UUIDs
        // in either case: the full comparison is reached as well as the prefix.
        let references = (0..<40).map { "REF-0000\($0)" } + (0..<20).map { _ in Self.randomUUID(using: &generator) }
        let clocks = (0..<5_000).map { _ in
            let clock = Self.randomClock(using: &generator)
            return StatusSnapshot.OpenClock(
                caseID: EventIdentifier(references.randomElement(using: &generator)!), unit: clock.unit,
                rule: clock.rule,
                state: clock.state, start: clock.start,
                due: try! CalendarDate(dayNumber: 45_000 + Int.random(in: 0...3, using: &generator)),
                daysLeft: clock.daysLeft % 3,
                duty: clock.duty)
        }
        let expected = clocks.indices.sorted {
            (clocks[$0].daysLeft, clocks[$0].due, clocks[$0].caseRef, clocks[$0].rule, $0)
                < (clocks[$1].daysLeft, clocks[$1].due, clocks[$1].caseRef, clocks[$1].rule, $1)
        }.map { clocks[$0] }
        #expect(StatusCounter.mostUrgentFirst(clocks) == expected)
        // A reference kept packed reads back as the text it was given.
        #expect(Set(clocks.map(\.caseRef)).isSubset(of: references))
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
