import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristTesting
import Testing

/// Every refusal of docs/events.md, with the message a user sees.
@Suite("Refusals")
struct RefusalTests {
    static func refusal(_ line: String) -> String? {
        do {
            _ = try EventDecoder.decode(Array(line.utf8))
            return nil
        } catch {
            return error.description
        }
    }

    @Test(
        "a line is refused with its field and reason",
        arguments: [
            ("{\"id\":\"a\"", "ugyldig JSON"),
            ("[1,2]", "linjen er ikke et JSON-objekt, men liste"),
            (
                #"{"id":"a","type":"referral.sent","case":"H-1","date":"2026-01-05"}"#,
                "felt «type»: ukjent hendelsestype «referral.sent»"
            ),
            (
                #"{"id":"a","type":"referral.received","case":"H-1","date":"2026-01-05","frist":"2026-02-01"}"#,
                "felt «frist»: ukjent felt for referral.received"
            ),
            (
                #"{"id":"a","type":"referral.received","case":"H-1","date":"2026-01-05","Unit":"X"}"#,
                "felt «Unit»: ukjent felt for referral.received"
            ),
            (
                #"{"id":"a b","type":"referral.received","case":"H-1","date":"2026-01-05"}"#,
                "felt «id»: «a b» må være 1–128 tegn av A–Z a–z 0–9 . _ : -"
            ),
            (
                #"{"id":"a","type":"referral.received","case":"Hø-1","date":"2026-01-05"}"#,
                "felt «case»: «Hø-1» må være 1–64 tegn av A–Z a–z 0–9 . _ : -"
            ),
            (
                // 010101 500 74: check digits worked out by hand (weights 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2).
                #"{"id":"a","type":"referral.received","case":"01010150074","date":"2026-01-05"}"#,
                "felt «case»: inneholder et fødselsnummer eller D-nummer; bruk pseudonyme referanser (personvern)"
            ),
            (
                // The D-number form (first digit + 4): 410101 500, check digits 6 and 8 worked out by hand.
                #"{"id":"a","type":"referral.received","case":"41010150068","date":"2026-01-05"}"#,
                "felt «case»: inneholder et fødselsnummer eller D-nummer; bruk pseudonyme referanser (personvern)"
            ),
            (#"{"id":"a","type":"referral.received","case":"H-1"}"#, "felt «date»: mangler"),
            (
                #"{"id":"a","type":"referral.received","case":"H-1","date":"2026-01-05","case":"H-2"}"#,
                "felt «case»: feltet står mer enn én gang i objektet"
            ),
            (
                #"{"id":"a","type":"referral.received","case":"H-1","date":"2026-02-30"}"#,
                "felt «date»: «2026-02-30» er ikke en gyldig dato: februar 2026 har 28 dager"
            ),
            (
                #"{"id":"a","type":"referral.received","case":"H-1","date":20260105}"#,
                "felt «date»: skal være tekst, ikke tall"
            ),
            (
                #"{"id":"a","type":"referral.received","case":"H-1","date":"2026-01-05","assessment_working_days":11}"#,
                "felt «assessment_working_days»: 11 er utenfor 1–10"
            ),
            (
                #"{"id":"a","type":"referral.received","case":"H-1","date":"2026-01-05","group":"child"}"#,
                "felt «group»: «child» er ikke en av «standard», «under23-psych»"
            ),
            (
                #"{"id":"a","type":"referral.assessed","case":"H-1","date":"2026-01-05","outcome":"right"}"#,
                "felt «frist»: påkrevd når outcome er «right»"
            ),
            (
                #"{"id":"a","type":"referral.assessed","case":"H-1","date":"2026-01-05","outcome":"no-right","frist":"2026-03-01"}"#,
                "felt «frist»: tillatt bare når outcome er «right»"
            ),
            (
                #"{"id":"a","type":"referral.started","case":"H-1","date":"2026-01-05","substantive":1}"#,
                "felt «substantive»: skal være true eller false, ikke tall"
            ),
            (
                #"{"id":"a","type":"complaint.received","case":"K-1","date":"2026-01-05","target_months":true}"#,
                "felt «target_months»: skal være et heltall, ikke sannhetsverdi"
            ),
            (
                #"{"id":"a","type":"complaint.received","case":"K-1","date":"2026-01-05","target_months":13}"#,
                "felt «target_months»: 13 er utenfor 1–12"
            ),
        ])
    func decoding(line: String, message: String) {
        #expect(Self.refusal(line) == message)
    }

    @Test(
        "each decoding refusal carries its stable code",
        arguments: [
            ("{\"id\":\"a\"", RefusalCode.invalidJSON),
            ("[1]", .notObject),
            (#"{"id":"a","type":"x","case":"H-1","date":"2026-01-05"}"#, .unknownType),
            (#"{"id":"a","type":"incident.occurred","case":"H-1","date":"2026-01-05","frist":"x"}"#, .unknownField),
            (#"{"id":"a","type":"incident.occurred","case":"H-1","date":"2026-01-05","case":"H-2"}"#, .duplicateField),
            (#"{"id":"a","type":"incident.occurred","case":"H-1"}"#, .missingField),
            (#"{"id":"a","type":"incident.occurred","case":"H 1","date":"2026-01-05"}"#, .invalidValue),
            (#"{"id":"a","type":"incident.occurred","case":"H-1","date":"2026-02-30"}"#, .invalidDate),
            (#"{"id":"a","type":"incident.occurred","case":"01010150074","date":"2026-01-05"}"#, .nationalID),
        ])
    func decodingCodes(line: String, code: RefusalCode) {
        var refused: RefusalCode?
        do { _ = try EventDecoder.decode(Array(line.utf8)) } catch { refused = error.code }
        #expect(refused == code)
    }

    @Test(
        "an identity number in any field, whole, inside a value or escaped, refuses the line as national-id first",
        arguments: [
            (#"{"id":"a","type":"incident.occurred","case":"H-15038510190","date":"2026-01-05"}"#, "case"),
            (#"{"id":"a","type":"incident.occurred","case":"H-1","date":"2026-01-05","unit":"15038510190"}"#, "unit"),
            (#"{"id":"x15038510190","type":"incident.occurred","case":"H-1","date":"2026-01-05"}"#, "id"),
            (#"{"id":"a","type":"incident.occurred","case":"\u0031\u0035038510190","date":"2026-01-05"}"#, "case"),
            (#"{"id":"a","type":"incident.occurred","case":"H-1","date":"2026-01-05","note":"150385 10190"}"#, "note"),
            (#"{"id":"a","type":"incident.occurred","case":"H 15038510190","date":"2026-01-05"}"#, "case"),
            (#"{"id":"a","type":"nope","case":"15038510190""#, nil),
            (
                #"{"id":"0a1b2c3d-4e5f-6a7b-8c9d-a15038510190","type":"incident.occurred","case":"H-1","date":"2026-01-05"}"#,
                "id"
            ),
            (
                #"{"id":"a","type":"incident.occurred","case":"0A1B2C3D-4E5F-6A7B-8C9D-15038510190F","date":"2026-01-05"}"#,
                "case"
            ),
            (
                #"{"id":"a1b2c3d4-5e6f-7a8b-9c0d-15038510190a","type":"incident.occurred","case":"H-15038510190","date":"2026-01-05"}"#,
                "id"
            ),
        ] as [(String, String?)])
    func nationalIDAnywhere(line: String, field: String?) {
        var refusal: EventRefusal?
        do { _ = try EventDecoder.decode(Array(line.utf8)) } catch { refusal = error }
        #expect(refusal?.code == .nationalID)
        #expect(refusal?.field == field)
        #expect(refusal.map { !NationalIdentityNumber.occurs(in: "\($0)") } == true)
    }

    @Test("a UUID's id or case is refused for an identity number exactly when its whole text holds one")
    func identityNumberInUUIDs() {
        let seed = TestSeed.make("identity numbers in UUIDs", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        // Mostly decimal digits, so that runs of eleven are common; half with a valid number put in.
        func group(_ length: Int) -> String {
            String((0..<length).map { _ in Array("0123456789abcdef")[Int.random(in: 0..<20, using: &generator) % 16] })
        }
        var found = 0
        for _ in 0..<4_000 {
            var last = group(12)
            if Bool.random(using: &generator) {
                let at = Int.random(in: 0...1, using: &generator)
                last = String(last.prefix(at)) + "15038510190" + String(last.dropFirst(at + 11))
            }
            let uuid = [group(8), group(4), group(4), group(4), last].joined(separator: "-")
            let holds = NationalIdentityNumber.occurs(in: uuid)
            for line in [
                #"{"id":"\#(uuid)","type":"incident.occurred","case":"H-1","date":"2026-01-05"}"#,
                #"{"id":"a","type":"incident.occurred","case":"\#(uuid.uppercased())","date":"2026-01-05"}"#,
            ] {
                var code: RefusalCode?
                do { _ = try EventDecoder.decode(Array(line.utf8)) } catch { code = error.code }
                #expect((code == .nationalID) == holds, "seed \(seed): \(line)")
            }
            if holds { found += 1 }
        }
        #expect(found > 100, "seed \(seed): only \(found) UUIDs held a number")
    }

    @Test("JSON nested past the limit says so")
    func nestingLimit() {
        let line = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        #expect(Self.refusal(line) == "ugyldig JSON: nestet dypere enn 64 nivåer")
    }

    @Test("a byte order mark before the first line is not part of it")
    func byteOrderMark() {
        let line = #"{"id":"a","type":"referral.received","case":"H-1","date":"2026-01-05"}"#
        let file = EventFile(path: "bom.jsonl", contents: Data([0xEF, 0xBB, 0xBF] + Array((line + "\n" + line).utf8)))
        #expect(file.lines.count == 2)
        #expect(file.lines.allSatisfy { (try? $0.result.get()) != nil })
        #expect(file.text(of: file.lines[0]) == line)
    }

    @Test("a case value that fails the check digits is an ordinary reference")
    func notAnIdentityNumber() {
        #expect(Self.refusal(#"{"id":"a","type":"referral.received","case":"01010150075","date":"2026-01-05"}"#) == nil)
        #expect(NationalIdentityNumber.passesCheckDigits("01010150074"))
        #expect(!NationalIdentityNumber.passesCheckDigits("0101015007"))
    }

    /// The refusal of the script's last event after the others were accepted, if any.
    static func refused(_ script: EventScript, today: String) -> EventRefusal? {
        var engine = DeadlineEngine()
        for event in script.events.dropLast() { try! engine.accept(event, today: day(today)) }
        do {
            try engine.accept(script.events.last!, today: day(today))
            return nil
        } catch {
            return error
        }
    }

    static func refusal(_ script: EventScript, today: String) -> String? {
        refused(script, today: today)?.description
    }

    static func refusalCode(_ script: EventScript, today: String) -> RefusalCode? {
        refused(script, today: today)?.code
    }

    @Test("each stream refusal carries its stable code")
    func streamCodes() {
        let received = EventPayload.referralReceived(group: .standard, assessmentWorkingDays: nil)
        var script = EventScript()
        script.add("H-1", "2026-11-24", received)
        #expect(Self.refusalCode(script, today: "2026-11-23") == .futureDate)
        script = EventScript()
        script.add("H-9", "2026-11-20", .complaintDecided)
        #expect(Self.refusalCode(script, today: "2026-11-23") == .unknownCase)
        script = EventScript()
        script.add("H-1", "2026-11-10", .complaintReceived(targetMonths: 3))
        script.add("H-1", "2026-11-09", .complaintDecided)
        #expect(Self.refusalCode(script, today: "2026-11-23") == .beforeStart)
        script = EventScript()
        script.add("H-1", "2026-11-10", .complaintReceived(targetMonths: 3))
        script.add("H-1", "2026-11-11", .complaintDecided)
        script.add("H-1", "2026-11-12", .complaintDecided)
        #expect(Self.refusalCode(script, today: "2026-11-23") == .state)
        script = EventScript()
        script.add("H-1", "2026-11-10", received)
        script.add("H-1", "2026-11-12", .referralAssessed(outcome: .right, frist: day("2026-11-11"), scheduled: nil))
        #expect(Self.refusalCode(script, today: "2026-11-23") == .dateOrder)
        script = EventScript()
        script.add("H-1", "2026-11-10", received)
        script.add("H-1", "2026-11-12", .referralAssessed(outcome: .noRight, frist: nil, scheduled: nil))
        script.add("H-1", "2026-11-11", .referralAssessed(outcome: .noRight, frist: nil, scheduled: nil))
        #expect(Self.refusalCode(script, today: "2026-11-23") == .invalidatesLater)
        var engine = DeadlineEngine()
        let first = Event(id: "x", caseRef: "H-1", date: day("2026-11-10"), payload: received)
        try! engine.accept(first, today: day("2026-11-23"))
        var conflicting = first
        conflicting.unit = "ORT"
        #expect(throws: EventRefusal.self) { try engine.accept(conflicting, today: day("2026-11-23")) }
        do { try engine.accept(conflicting, today: day("2026-11-23")) } catch { #expect(error.code == .idConflict) }
    }

    @Test("stream rules: the future, unknown cases, stops before starts, id conflicts, invalid steps")
    func stream() throws {
        var future = EventScript()
        future.add("H-1", "2026-11-24", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        #expect(
            Self.refusal(future, today: "2026-11-23") == "felt «date»: datoen 2026-11-24 er etter i dag (2026-11-23)")

        var unknown = EventScript()
        unknown.add("H-9", "2026-11-20", .referralAssessed(outcome: .noRight, frist: nil, scheduled: nil))
        #expect(
            Self.refusal(unknown, today: "2026-11-23")
                == "felt «case»: ukjent sak «H-9»: første hendelse i en sak må være referral.received, "
                + "complaint.received, vedtak4a.made, incident.occurred eller complaint.filed")

        var early = EventScript()
        early.add("H-1", "2026-11-20", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        early.add("H-1", "2026-11-18", .referralAssessed(outcome: .noRight, frist: nil, scheduled: nil))
        #expect(
            Self.refusal(early, today: "2026-11-23")
                == "felt «date»: referral.assessed datert 2026-11-18 er før starten (referral.received 2026-11-20)")

        var conflict = EventScript()
        conflict.add("H-1", "2026-11-20", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        conflict.add("H-2", "2026-11-20", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        var events = conflict.events
        events[1].id = events[0].id
        var engine = DeadlineEngine()
        #expect(throws: Never.self) { try engine.accept(events[0], today: day("2026-11-23")) }
        #expect(try engine.accept(events[0], today: day("2026-11-23")) == .duplicate)
        #expect(throws: EventRefusal(.idConflict, field: "id", "id «e1» er allerede brukt av en annen hendelse")) {
            try engine.accept(events[1], today: day("2026-11-23"))
        }

        var twice = EventScript()
        twice.add("H-1", "2026-11-20", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        twice.add("H-1", "2026-11-21", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        #expect(
            Self.refusal(twice, today: "2026-11-23")
                == "felt «type»: saken har allerede en åpen henvisning (mottatt 2026-11-20)")

        var noCare = EventScript()
        noCare.add("H-1", "2026-11-20", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        noCare.add("H-1", "2026-11-21", .referralStarted(substantive: true))
        #expect(
            Self.refusal(noCare, today: "2026-11-23")
                == "felt «type»: saken har ikke en frist for helsehjelp (referral.assessed med outcome «right») per 2026-11-21"
        )

        var fristBefore = EventScript()
        fristBefore.add("H-1", "2026-11-20", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        fristBefore.add(
            "H-1", "2026-11-23", .referralAssessed(outcome: .right, frist: day("2026-11-22"), scheduled: nil))
        #expect(
            Self.refusal(fristBefore, today: "2026-11-23")
                == "felt «frist»: fristen 2026-11-22 er før vurderingsdatoen 2026-11-23")

        var tooLong = EventScript()
        tooLong.add("V-1", "2026-01-31", .vedtakMade(validUntil: day("2027-02-01")))
        #expect(
            Self.refusal(tooLong, today: "2026-11-23")
                == "felt «valid_until»: 2027-02-01 er mer enn 12 måneder etter vedtaket (senest 2027-01-31, pbrl § 4A-5)"
        )

        var closed = EventScript()
        closed.add("H-1", "2026-11-20", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        closed.add("H-1", "2026-11-21", .referralClosed(reason: .moved))
        closed.add("H-1", "2026-11-22", .referralAssessed(outcome: .noRight, frist: nil, scheduled: nil))
        #expect(
            Self.refusal(closed, today: "2026-11-23")
                == "felt «type»: saken ble avsluttet 2026-11-21; bare en startende hendelse kan åpne den igjen")

        var invalidates = EventScript()
        invalidates.add("H-1", "2026-11-10", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        invalidates.add("H-1", "2026-11-20", .referralAssessed(outcome: .noRight, frist: nil, scheduled: nil))
        invalidates.add("H-1", "2026-11-15", .referralClosed(reason: nil))
        #expect(
            Self.refusal(invalidates, today: "2026-11-23")
                == "felt «date»: en hendelse datert 2026-11-15 ville gjøre den senere hendelsen «e2» "
                + "(referral.assessed, 2026-11-20) ugyldig: saken ble avsluttet 2026-11-15; bare en startende hendelse kan åpne den igjen"
        )
    }

    @Test("a refused event changes nothing")
    func refusedChangesNothing() throws {
        var script = EventScript()
        script.add("H-1", "2026-11-20", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        var engine = try engine(with: script, today: "2026-11-23")
        let before = engine.status(on: day("2026-11-23"))
        var bad = EventScript("x")
        bad.add("H-1", "2026-11-19", .referralAssessed(outcome: .noRight, frist: nil, scheduled: nil))
        #expect(throws: EventRefusal.self) { try engine.accept(bad.events[0], today: day("2026-11-23")) }
        #expect(engine.status(on: day("2026-11-23")) == before)
    }
}
