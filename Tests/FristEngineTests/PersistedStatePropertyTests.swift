import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristTesting
import Testing

/// "A restart changes nothing", for the persisted state: an engine that keeps only each case's
/// persisted bytes between batches (restarted from them, or with its histories dropped), and
/// loads a case's events back only when a batch names the case or one of its ids, takes every
/// event, refusal and alert exactly as an engine that keeps everything in memory. Random streams
/// with late corrections, repeated lines and reused ids; the seed is printed and
/// `FRISTVAKT_TEST_SEED` replays it.
@Suite("Persisted state")
struct PersistedStatePropertyTests {
    /// A service's view of its database: the accepted events in acceptance order and each case's
    /// persisted bytes.
    struct Database {
        var events: [Event] = []
        var cases: [String: PersistedCase] = [:]

        func history(of caseRef: String) -> [Event] { events.filter { $0.caseRef == caseRef } }
    }

    /// One accept as the two engines saw it.
    enum Decision: Equatable {
        case accepted(DeadlineEngine.Acceptance)
        case refused(String)
    }

    static func decide(_ engine: inout DeadlineEngine, _ event: Event, today: CalendarDate) -> Decision {
        do { return .accepted(try engine.accept(event, today: today)) } catch { return .refused("\(error)") }
    }

    /// A stream of lines, each with the day it arrives: its own date plus a random delay (late
    /// corrections), some sent twice, some reusing an id with other content.
    static func arrivals(using generator: inout SeededGenerator) -> [(day: CalendarDate, event: Event)] {
        var lines: [String] = []
        for number in 0..<Int.random(in: 3...25, using: &generator) {
            lines += CaseHistory.random(number, using: &generator)
        }
        for _ in 0..<Int.random(in: 0...4, using: &generator) {
            lines.append(lines.randomElement(using: &generator)!)
            let conflict = RefusedLine.random(in: lines, using: &generator)
            if conflict.after != nil { lines.append(conflict.text) }
        }
        return lines.compactMap { line in
            guard let event = try? EventDecoder.decode(line.utf8) else { return nil }
            let delay = Int.random(in: 0..<4, using: &generator) == 0 ? Int.random(in: 1...40, using: &generator) : 0
            return (event.date.adding(daysUnchecked: delay), event)
        }.sorted { $0.day < $1.day }
    }

    static func render(_ snapshot: StatusSnapshot) -> String {
        StatusDocument.render(snapshot, generatedAt: "t")
    }

    @Test("an engine restarted from persisted state decides exactly as one that kept every event")
    func restartChangesNothing() throws {
        let seed = TestSeed.make("persisted-state property", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        for round in 0..<40 {
            let arrivals = Self.arrivals(using: &generator)
            var reference = DeadlineEngine()
            var restarted = DeadlineEngine()
            var database = Database()
            var start = 0
            while start < arrivals.count {
                let today = arrivals[start].day
                let end = arrivals[start...].firstIndex { $0.day > today } ?? arrivals.endIndex
                let batch = arrivals[start..<end].map(\.event)
                start = end
                // What a service loads before a batch: the cases it names, and those owning its ids.
                let ids = Set(batch.map(\.id))
                let owners = database.events.filter { ids.contains($0.id) }.map(\.caseRef)
                let needed = restarted.casesWithoutHistory(namedBy: batch)
                    .union(restarted.casesWithoutHistory(among: owners))
                for caseRef in needed {
                    #expect(
                        throws: Never.self,
                        "seed \(seed), round \(round): \(caseRef)'s history does not fold to its state"
                    ) {
                        try restarted.loadHistory(of: caseRef, events: database.history(of: caseRef))
                    }
                }
                for event in batch {
                    let expected = Self.decide(&reference, event, today: today)
                    let actual = Self.decide(&restarted, event, today: today)
                    #expect(actual == expected, "seed \(seed), round \(round): \(event.id) on \(today)")
                    if actual == .accepted(.applied) { database.events.append(event) }
                }
                let expectedAlerts = reference.advance(to: today)
                let actualAlerts = restarted.advance(to: today)
                #expect(actualAlerts == expectedAlerts, "seed \(seed), round \(round): alerts on \(today)")
                // A status counted during a restore is handed out only while it is still true.
                if let counted = restarted.takeRestoredStatus(on: today, includeRunning: true) {
                    #expect(
                        Self.render(counted) == Self.render(restarted.status(on: today, includeRunning: true)),
                        "seed \(seed), round \(round): restored status on \(today) out of date")
                }
                for persisted in restarted.takeChangedCases() { database.cases[persisted.caseRef] = persisted }
                // Restart from the bytes alone (each case judged as it is read, as a service does,
                // or judged at the first advance), or go on with the histories dropped.
                let next = start < arrivals.count ? arrivals[start].day : today.adding(daysUnchecked: 1)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0:
                    restarted = try DeadlineEngine(
                        configuration: EngineConfiguration(), restoring: Array(database.cases.values))
                case 1:
                    // Judged for the day the next batch comes: a service's first step advances to
                    // that day before it takes the batch.
                    restarted = try DeadlineEngine(
                        configuration: EngineConfiguration(), restoring: Array(database.cases.values), judgingOn: next,
                        statusIncludingRunning: true)
                    #expect(
                        restarted.advance(to: next) == reference.advance(to: next),
                        "seed \(seed), round \(round): first advance after a judged restore on \(next)")
                    let counted = restarted.takeRestoredStatus(on: next, includeRunning: true)
                    #expect(
                        counted.map(Self.render) == Self.render(reference.status(on: next, includeRunning: true)),
                        "seed \(seed), round \(round): status counted during the restore on \(next)")
                case 2:
                    // Judged for one day, first advanced on another, or changed by the next batch
                    // first: the judgement is not used.
                    restarted = try DeadlineEngine(
                        configuration: EngineConfiguration(), restoring: Array(database.cases.values),
                        judgingOn: today.adding(daysUnchecked: Int.random(in: -3...3, using: &generator)),
                        statusIncludingRunning: true)
                default:
                    restarted.releaseHistories()
                }
            }
            let last = day("2027-06-30")
            #expect(reference.advance(to: last) == restarted.advance(to: last), "seed \(seed), round \(round)")
            let referenceStatus = StatusDocument.render(
                reference.status(on: last, includeRunning: true), generatedAt: "t")
            let restartedStatus = StatusDocument.render(
                restarted.status(on: last, includeRunning: true), generatedAt: "t")
            #expect(restartedStatus == referenceStatus, "seed \(seed), round \(round): status differs")
            let sorted = { (cases: [PersistedCase]) in cases.sorted { $0.caseRef < $1.caseRef } }
            #expect(
                sorted(restarted.persistedCases()) == sorted(reference.persistedCases()),
                "seed \(seed), round \(round): persisted state differs")
        }
    }

    @Test("persisted bytes that are cut short, padded or changed are refused, never misread")
    func damagedStateIsRefused() throws {
        var engine = DeadlineEngine()
        try engine.accept(
            Event(
                id: "r1", caseRef: "H-1", date: day("2026-03-02"), unit: "ORT",
                payload: .referralReceived(group: .standard, assessmentWorkingDays: nil)),
            today: day("2026-03-02"))
        try engine.accept(
            Event(
                id: "a1", caseRef: "H-1", date: day("2026-03-05"), unit: nil,
                payload: .referralAssessed(outcome: .right, frist: day("2026-05-04"), scheduled: nil)),
            today: day("2026-03-05"))
        _ = engine.advance(to: day("2026-05-01"))
        let bytes = try #require(engine.persistedCases().first).bytes
        let restored = try DeadlineEngine(
            configuration: EngineConfiguration(), restoring: [PersistedCase(caseRef: "H-1", bytes: bytes)])
        #expect(restored.persistedCases() == engine.persistedCases())
        // The last: the record's first byte (which optional parts follow) with a bit no part has.
        let unknownPart = [bytes[0] | 0x80] + bytes.dropFirst()
        for damaged in [Array(bytes.dropLast()), bytes + [0], [UInt8](repeating: 0xff, count: 12), [], unknownPart] {
            #expect(throws: StateFormatError.self) {
                try DeadlineEngine(
                    configuration: EngineConfiguration(), restoring: [PersistedCase(caseRef: "H-1", bytes: damaged)])
            }
        }
    }

    @Test("the fingerprint changes with the format's inputs: calendar, windows and reminders")
    func fingerprint() {
        let base = PersistedCase.fingerprint(of: EngineConfiguration())
        #expect(base == PersistedCase.fingerprint(of: EngineConfiguration()))
        let variants = [
            EngineConfiguration(calendar: CalendarOptions(saturdayIsWorkingDay: true)),
            EngineConfiguration(calendar: CalendarOptions(extraClosedDates: [day("2026-12-28")])),
            EngineConfiguration(calendar: CalendarOptions(extraClosedDays: [.julaften])),
            EngineConfiguration(warningWindows: [.vurderingsfrist: 2]),
            EngineConfiguration(reminderIntervalWorkingDays: 3),
        ]
        #expect(Set(variants.map(PersistedCase.fingerprint(of:)) + [base]).count == variants.count + 1)
    }
}
