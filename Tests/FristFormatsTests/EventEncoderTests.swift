import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristTesting
import Testing

/// The encoder and the decoder are each other's inverse: every event of every type (the
/// contract's and the rules' own), with every field given or left out, comes back from its line
/// as the same event.
@Suite("event encoder")
struct EventEncoderTests {
    @Test("encode, then decode: the same event, for random events of every type")
    func roundTrip() throws {
        let seed = TestSeed.make("event encoder round trip", environment: ProcessInfo.processInfo.environment)
        var random = SeededGenerator(seed: seed)
        var seen = Set<EventType>()
        for _ in 0..<5_000 {
            let event = Self.randomEvent(using: &random)
            seen.insert(event.payload.type)
            let line = EventEncoder.encode(event)
            #expect(!line.contains("\n"))
            let decoded = try #require(try? EventDecoder.decode(line.utf8), "\(line) (seed \(seed))")
            #expect(decoded == event, "\(line) (seed \(seed))")
            // And the line is a fixed point: the decoded event writes the same line again.
            #expect(EventEncoder.encode(decoded) == line)
        }
        #expect(seen == Set(EventType.allCases))
    }

    @Test("a line as a writer would put it: fields in order, defaults left out")
    func shape() throws {
        let date = try CalendarDate(parsing: "2026-12-07")
        let started = Event(id: "s1", caseRef: "H-1", date: date, payload: .referralStarted(substantive: true))
        #expect(
            EventEncoder.encode(started)
                == #"{"id":"s1","type":"referral.started","case":"H-1","date":"2026-12-07"}"#)
        let assessed = Event(
            id: "a1", caseRef: "H-1", date: date, unit: "ORT",
            payload: .referralAssessed(outcome: .right, frist: try CalendarDate(parsing: "2027-01-06"), scheduled: nil))
        #expect(
            EventEncoder.encode(assessed)
                == #"{"id":"a1","type":"referral.assessed","case":"H-1","date":"2026-12-07","unit":"ORT","#
                + #""outcome":"right","frist":"2027-01-06"}"#)
    }

    /// A random event that the decoder accepts: any type, references of the allowed bytes (never
    /// eleven digits in a row), dates anywhere in the calendar's range.
    static func randomEvent(using random: inout SeededGenerator) -> Event {
        func reference(_ maximum: Int) -> String {
            let alphabet = Array("ABCXYZabcxyz0123._:-")
            // Every sixth character a letter: no run of eleven digits can form.
            return String(
                (0..<Int.random(in: 1...maximum, using: &random)).map { index in
                    index % 6 == 5 ? "q" : alphabet.randomElement(using: &random)!
                })
        }
        func date() -> CalendarDate {
            let range = Int(CalendarDate.earliest.dayNumber)...Int(CalendarDate.latest.dayNumber)
            return try! CalendarDate(dayNumber: Int.random(in: range, using: &random))
        }
        func maybe<T>(_ make: () -> T) -> T? { Bool.random(using: &random) ? make() : nil }
        let type = EventType.allCases.randomElement(using: &random)!
        let payload: EventPayload
        switch type {
        case .referralReceived:
            payload = .referralReceived(
                group: PatientGroup.allCases.randomElement(using: &random)!,
                assessmentWorkingDays: maybe {
                    Int.random(in: RuleDefinition.assessmentWorkingDaysRange, using: &random)
                })
        case .referralAssessed:
            let outcome = AssessmentOutcome.allCases.randomElement(using: &random)!
            payload = .referralAssessed(
                outcome: outcome, frist: outcome == .right ? date() : nil,
                scheduled: outcome == .right ? maybe(date) : nil)
        case .referralScheduled: payload = .referralScheduled(scheduled: date())
        case .referralPostponed:
            payload = .referralPostponed(
                reason: PostponementReason.allCases.randomElement(using: &random)!, frist: maybe(date))
        case .referralHelfoNotified: payload = .referralHelfoNotified
        case .referralStarted: payload = .referralStarted(substantive: Bool.random(using: &random))
        case .referralTreatmentStarted: payload = .referralTreatmentStarted
        case .referralClosed:
            payload = .referralClosed(reason: maybe { ClosureReason.allCases.randomElement(using: &random)! })
        case .complaintReceived:
            payload = .complaintReceived(
                targetMonths: Int.random(in: RuleDefinition.complaintTargetMonthsRange, using: &random))
        case .complaintDecided: payload = .complaintDecided
        case .vedtakMade: payload = .vedtakMade(validUntil: maybe(date))
        case .vedtakAppealed: payload = .vedtakAppealed
        case .vedtakReviewed: payload = .vedtakReviewed
        case .vedtakEnded: payload = .vedtakEnded
        case .incidentOccurred: payload = .incidentOccurred
        case .incidentMeetingOffered: payload = .incidentMeetingOffered
        default:
            // A type a rule declares: each field given or not (a required one always), of its kind.
            var event = DeclaredEvent(type)
            for field in type.spec.fields where field.isRequired || Bool.random(using: &random) {
                event[field.name] =
                    switch field.kind {
                    case .date: .date(date())
                    case .integer(let range): .integer(Int(Int32.random(in: range, using: &random)))
                    case .bool: .bool(Bool.random(using: &random))
                    case .choice(let choices): .choice(choices.randomElement(using: &random)!)
                    }
            }
            payload = .declared(event)
        }
        return Event(
            id: reference(128), caseRef: reference(64), date: date(), unit: maybe { reference(64) }, payload: payload)
    }
}

/// The spool's sources: which names are taken, and by which format.
@Suite("event sources")
struct EventSourceTests {
    @Test("a name is taken by the source whose extension ends it; hidden files and bare extensions are not")
    func names() {
        #expect(EventSources.source(forName: Array("a.jsonl".utf8))?.fileExtension == ".jsonl")
        #expect(EventSources.source(forName: [0x6C, 0x61, 0x74, 0xE9] + Array(".jsonl".utf8)) != nil)
        for name in [".jsonl", ".a.jsonl", "a.json", "a.jsonl.tmp", "a.JSONL", ""] {
            #expect(EventSources.source(forName: Array(name.utf8)) == nil, "\(name)")
        }
    }

    @Test("JSON Lines reads what the encoder writes")
    func jsonLines() throws {
        let date = try CalendarDate(parsing: "2026-12-07")
        let events = [
            Event(
                id: "r1", caseRef: "H-1", date: date,
                payload: .referralReceived(group: .standard, assessmentWorkingDays: nil)),
            Event(id: "c1", caseRef: "H-2", date: date, unit: "K", payload: .complaintReceived(targetMonths: 4)),
        ]
        let contents = events.map { EventEncoder.encode($0) + "\n" }.joined()
        let file = JSONLinesSource().read(path: "x.jsonl", contents: Data(contents.utf8))
        #expect(try file.lines.map { try $0.result.get() } == events)
        #expect(file.lines.map(\.number) == [1, 2])
    }
}
