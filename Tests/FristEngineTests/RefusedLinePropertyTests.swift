import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristTesting
import Testing

/// "A refused line changes nothing" as a property: random valid event streams, with lines that
/// are refused whatever comes before them injected at random places, give byte-identical
/// `simulate` and `status` output to the clean stream, and the refusals name exactly the
/// injected lines. Every run prints its seed; `FRISTVAKT_TEST_SEED` replays one.
@Suite("A refused line changes nothing")
struct RefusedLinePropertyTests {
    static let from = day("2026-01-01")
    static let to = day("2026-12-31")

    /// What `simulate` and `status` print for a file's text, and the lines refused.
    struct Outputs: Equatable {
        let simulate: String
        let status: String
        let refused: [Int]
    }

    static func outputs(_ lines: [String]) -> Outputs {
        let file = EventFile(path: "stream.jsonl", contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        var refused: [Int] = []
        var events: [(tag: Int, event: Event)] = []
        for line in file.lines {
            switch line.result {
            case .success(let event): events.append((line.number, event))
            case .failure: refused.append(line.number)
            }
        }
        let outcome = Simulation.run(events: events, from: from, to: to)
        var engine = DeadlineEngine()
        for (tag, event) in events {
            do { try engine.accept(event, today: to) } catch { refused.append(tag) }
        }
        let status = StatusDocument.render(engine.status(on: to, includeRunning: true), generatedAt: "t")
        return Outputs(
            simulate: outcome.alerts.map(\.simulationLine).joined(), status: status,
            refused: Set(refused + outcome.refusals.map(\.tag)).sorted())
    }

    /// A valid stream: random case histories, then every line that is refused removed until none
    /// is (removing one can make a later one invalid).
    static func validStream(cases: Int, using generator: inout SeededGenerator) -> [String] {
        var lines: [String] = []
        for number in 0..<cases { lines += CaseHistory.random(number, using: &generator) }
        lines.shuffle(using: &generator)
        for _ in 0..<20 {
            let refused = Set(outputs(lines).refused)
            if refused.isEmpty { return lines }
            lines = lines.enumerated().filter { !refused.contains($0.offset + 1) }.map(\.element)
        }
        Issue.record("the stream did not settle into a valid one")
        return lines
    }

    @Test("injected refused lines change neither simulate nor status, and are exactly the refusals")
    func injectedLinesChangeNothing() {
        let seed = TestSeed.make("refused-line property", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        for round in 0..<150 {
            let clean = Self.validStream(cases: Int.random(in: 3...14, using: &generator), using: &generator)
            let expected = Self.outputs(clean)
            guard expected.refused.isEmpty else { continue }
            var dirty = clean
            var injected: [String] = []
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let line = RefusedLine.random(in: clean, using: &generator)
                let position = line.earliestPosition(in: dirty).map {
                    Int.random(in: $0...dirty.count, using: &generator)
                }
                dirty.insert(line.text, at: position ?? Int.random(in: 0...dirty.count, using: &generator))
                injected.append(line.text)
            }
            let injectedLines = dirty.enumerated().filter { injected.contains($0.element) }.map { $0.offset + 1 }
            let actual = Self.outputs(dirty)
            #expect(actual.simulate == expected.simulate, "seed \(seed), round \(round): simulate differs")
            #expect(actual.status == expected.status, "seed \(seed), round \(round): status differs")
            let stream = dirty.joined(separator: "\n")
            #expect(
                actual.refused == injectedLines,
                "seed \(seed), round \(round): refused \(actual.refused), injected \(injectedLines)\n\(stream)")
        }
    }

    @Test("the reported case: a frist before its date does not stop the assessment clock")
    func fristBeforeItsDate() {
        let clean = [#"{"id":"a1","type":"referral.received","case":"B-1","date":"2026-11-02"}"#]
        let dirty =
            clean + [
                #"{"id":"a2","type":"referral.assessed","case":"B-1","date":"2026-11-12","outcome":"right","frist":"2026-11-10"}"#
            ]
        let outputs = Self.outputs(dirty)
        #expect(outputs.simulate == Self.outputs(clean).simulate)
        #expect(outputs.simulate.contains("2026-11-17\tbreached\tvurderingsfrist\tB-1\t2026-11-16"))
        #expect(outputs.refused == [2])
    }
}

/// A line that every stream refuses, wherever it stands.
struct RefusedLine {
    let text: String
    /// The line must come after this one (a conflicting id must arrive after the id's owner).
    let after: String?

    func earliestPosition(in lines: [String]) -> Int? {
        guard let after, let index = lines.firstIndex(of: after) else { return nil }
        return index + 1
    }

    static func random(in lines: [String], using generator: inout SeededGenerator) -> RefusedLine {
        let id = "inj-\(UInt32.random(in: 0...UInt32.max, using: &generator))"
        let existing = lines.randomElement(using: &generator)!
        let fields = try! JSONSerialization.jsonObject(with: Data(existing.utf8)) as! [String: Any]
        let caseRef = fields["case"] as! String
        let date = try! CalendarDate(parsing: fields["date"] as! String)
        let firstDate = lines.compactMap { line -> CalendarDate? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                object["case"] as? String == caseRef
            else { return nil }
            return try? CalendarDate(parsing: object["date"] as! String)
        }.min()!
        let before = firstDate.adding(daysUnchecked: -Int.random(in: 1...30, using: &generator))
        func line(_ text: String) -> RefusedLine { RefusedLine(text: text, after: nil) }
        switch Int.random(in: 0..<12, using: &generator) {
        case 0:
            // A frist before its date: refused whatever state the case is in.
            return line(
                #"{"id":"\#(id)","type":"referral.assessed","case":"\#(caseRef)","date":"\#(date)","outcome":"right","frist":"\#(date.adding(daysUnchecked: -1))"}"#
            )
        case 1:
            // A stop dated before its case began.
            let type = [
                "referral.started", "complaint.decided", "vedtak4a.reviewed", "incident.meeting-offered",
                "complaint.forwarded",
            ]
            .randomElement(using: &generator)!
            return line(#"{"id":"\#(id)","type":"\#(type)","case":"\#(caseRef)","date":"\#(before)"}"#)
        case 2:
            return line(
                #"{"id":"\#(id)","type":"referral.assessed","case":"Z\#(id)","date":"\#(date)","outcome":"no-right"}"#)
        case 3:
            // The id of an existing event, with other content, arriving after it on its day.
            let conflicting =
                existing.contains(#""unit":"U"#)
                ? existing.replacingOccurrences(of: #""unit":"U"#, with: #""unit":"V"#)
                : existing.replacingOccurrences(of: #""case":""#, with: #""unit":"X9","case":""#)
            return RefusedLine(text: conflicting, after: existing)
        case 4:
            return line(#"{"id":"\#(id)","type":"referral.received","case":"Z\#(id)","date":"2026-02-30"}"#)
        case 5:
            return line(
                #"{"id":"\#(id)","type":"complaint.received","case":"Z\#(id)","date":"\#(date)","frist":"\#(date)"}"#)
        case 6:
            return line(
                #"{"id":"\#(id)","type":"incident.occurred","case":"\#(nationalIdentityNumber(using: &generator))","date":"\#(date)"}"#
            )
        case 7:
            return line(#"{"id":"\#(id)","type":"referral.received","case":"\#(caseRef)","#)
        case 8:
            return line(
                #"{"id":"\#(id)","type":"incident.occurred","case":"Z\#(id)","case":"Z\#(id)","date":"\#(date)"}"#)
        case 9:
            // A vedtak valid for more than 12 months (pbrl § 4A-5).
            let tooLate = date.adding(daysUnchecked: 400)
            return line(
                #"{"id":"\#(id)","type":"vedtak4a.made","case":"Z\#(id)","date":"\#(date)","valid_until":"\#(tooLate)"}"#
            )
        case 10:
            // A foreløpig svar expecting an answer before its own date: refused in any state.
            return line(
                #"{"id":"\#(id)","type":"complaint.interim-reply","case":"\#(caseRef)","date":"\#(date)","expected":"\#(date.adding(daysUnchecked: -1))"}"#
            )
        default:
            return line(
                #"{"id":"\#(id)","type":"referral.postponed","case":"\#(caseRef)","date":"\#(date)","reason":"patient","frist":"\#(date.adding(daysUnchecked: -2))"}"#
            )
        }
    }

    /// An 11-digit number that passes the fødselsnummer check digits (mod 11, weights of the
    /// Norwegian national registry), born on a random day in 1990.
    static func nationalIdentityNumber(using generator: inout SeededGenerator) -> String {
        while true {
            let birth = day("1990-01-01").adding(daysUnchecked: Int.random(in: 0..<365, using: &generator))
            let text = "\(birth)"
            let born: [Substring] = [text.dropFirst(8), text.dropFirst(5).prefix(2), text.dropFirst(2).prefix(2)]
            var digits: [Int] = born.joined().map { Int(String($0))! }
            for _ in 0..<3 { digits.append(Int.random(in: 0...9, using: &generator)) }
            let first = 11 - zip(digits, [3, 7, 6, 1, 8, 9, 4, 5, 2]).map(*).reduce(0, +) % 11
            guard first < 10 || first == 11 else { continue }
            let k1 = first == 11 ? 0 : first
            let second = 11 - zip(digits + [k1], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]).map(*).reduce(0, +) % 11
            guard second < 10 || second == 11 else { continue }
            return (digits + [k1, second == 11 ? 0 : second]).map(String.init).joined()
        }
    }
}

extension CalendarDate {
    /// `self + days`, for test dates known to be in range.
    func adding(daysUnchecked days: Int) -> CalendarDate {
        try! adding(days: days)
    }
}
