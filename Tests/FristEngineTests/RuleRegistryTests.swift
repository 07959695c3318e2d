import FristCalendar
import Testing

@testable import FristEngine

/// The one list of rules: what it promises every rule, and a rule's slot as the persisted state
/// keeps it.
@Suite("rule registry")
struct RuleRegistryTests {
    @Test("every rule is listed once, by a unique id and persisted code, within the slots a case has")
    func list() {
        _ = Rules.checked
        #expect(RuleID.allCases.count == Rules.all.count)
        #expect(Set(RuleID.allCases.map(\.rawValue)).count == Rules.all.count)
        for rule in RuleID.allCases {
            #expect(RuleID(rawValue: rule.rawValue) == rule)
            #expect(!rule.rule.reactions.isEmpty, "\(rule) reacts to no event")
        }
        #expect(RuleID(rawValue: "no-such-rule") == nil)
    }

    @Test("every event type but referral.closed (which closes the whole case) reaches a rule, a stop after its start")
    func reactions() {
        for (position, type) in EventType.allCases.enumerated() {
            #expect(type.ordinal == position)
            if type != .referralClosed {
                #expect(!Rules.reacting[position].isEmpty, "\(type.rawValue) reaches no rule")
            }
        }
        // referral.assessed stops the assessment before the frist starts; referral.started stops
        // the frist before real treatment's clock starts; a new § 4A vedtak's review clock comes
        // before its validity clock.
        let order = { (type: EventType) in Rules.reacting[type.ordinal].map { $0.id } }
        #expect(order(.referralAssessed) == [.vurderingsfrist, .fristHelsehjelp])
        #expect(order(.referralStarted) == [.fristHelsehjelp, .reellOppstart])
        #expect(order(.vedtakMade) == [.overproving4A8, .gyldighet4A5])
    }

    @Test("a rule's slot (its clock and flags) survives the persisted form; a flag it does not declare is refused")
    func slots() throws {
        var engine = DeadlineEngine()
        let date = try CalendarDate(parsing: "2026-03-02")
        let events = [
            Event(
                id: "r", caseRef: "S", date: date,
                payload: .referralReceived(group: .under23Psych, assessmentWorkingDays: nil)),
            Event(
                id: "a", caseRef: "S", date: date,
                payload: .referralAssessed(
                    outcome: .right, frist: try CalendarDate(parsing: "2026-09-01"), scheduled: nil)),
            Event(id: "s", caseRef: "S", date: date, payload: .referralStarted(substantive: false)),
        ]
        for event in events { try engine.accept(event, today: date) }
        let bytes = try #require(engine.persistedCases().first).bytes
        let decoded = try bytes.withUnsafeBytes { try CaseRecord.decoding($0) }.0
        #expect(decoded.slots.flags(of: .vurderingsfrist) == Vurderingsfrist.under23Psych)
        #expect(decoded.slots.flags(of: .fristHelsehjelp) == FristHelsehjelp.started)
        #expect(decoded.clock(of: .reellOppstart) == 2)
        #expect(decoded.referralGroup == .under23Psych)
        var damaged = bytes
        let flagsOfFirstSlot = try #require(Self.firstSlotFlagsOffset(in: bytes))
        damaged[flagsOfFirstSlot] |= 0x80
        #expect(throws: StateFormatError.self) { try damaged.withUnsafeBytes { _ = try CaseRecord.decoding($0) } }
    }

    @Test("the slots hold every rule the capacity allows, each apart from the others, up to the last clock index")
    func slotCapacity() {
        var slots = CaseRecord.Slots()
        let rules = (0..<Rules.capacity).map(RuleID.init(ordinal:))
        for (position, rule) in rules.enumerated() {
            slots.setClock(position == 5 ? CaseRecord.Slots.maximumClocks - 1 : position * 1000, of: rule)
            slots.setFlags(UInt8(0x80 | position), of: rule)
        }
        for (position, rule) in rules.enumerated() {
            #expect(slots.clock(of: rule) == (position == 5 ? CaseRecord.Slots.maximumClocks - 1 : position * 1000))
            #expect(slots.flags(of: rule) == UInt8(0x80 | position))
        }
        slots.clear(rules[9])
        #expect(slots.clock(of: rules[9]) == nil && slots.flags(of: rules[9]) == 0)
        #expect(slots.clock(of: rules[8]) == 8000 && slots.clock(of: rules[10]) == 10_000)
        #expect(slots.flags(of: rules[8]) == 0x88 && slots.flags(of: rules[10]) == 0x8A)
        #expect(!slots.isEmpty)
    }

    /// Where the first slot's flag byte is in a persisted case with no unit and no closure: after
    /// the present byte, the last date, the slot mask and the first slot's index.
    private static func firstSlotFlagsOffset(in bytes: [UInt8]) -> Int? {
        guard bytes.count > 4 else { return nil }
        var offset = 1  // present
        while bytes[offset] & 0x80 != 0 { offset += 1 }  // the last date (LEB128)
        offset += 1
        offset += 1  // the slot mask
        while bytes[offset] & 0x80 != 0 { offset += 1 }  // the first slot's index
        return offset + 1
    }
}

/// The fields a rule may declare on its own event types: every kind kept in 32 bits and read
/// back as the same value; a value of another kind, outside its range or not a choice is not
/// kept.
@Suite("declared event fields")
struct DeclaredFieldTests {
    @Test("each kind of field keeps its values and gives them back")
    func kinds() throws {
        let date = FieldSpec("on", .date, required: true)
        let count = FieldSpec("count", .integer(1...5), required: false)
        let flag = FieldSpec("flag", .bool, required: false)
        let choice = FieldSpec("how", .choice(["a", "b"]), required: false)
        let kept: [(FieldSpec, FieldSpec.Value)] = [
            (date, .date(try CalendarDate(parsing: "2026-01-31"))), (date, .date(.earliest)),
            (date, .date(.latest)), (count, .integer(1)), (count, .integer(5)), (flag, .bool(true)),
            (flag, .bool(false)), (choice, .choice("a")), (choice, .choice("b")),
        ]
        for (field, value) in kept {
            let stored = try #require(field.stored(value), "\(field.name) \(value)")
            #expect(field.value(stored: stored) == value)
        }
        let refused: [(FieldSpec, FieldSpec.Value)] = [
            (date, .integer(3)), (count, .integer(0)), (count, .integer(6)), (count, .integer(Int(Int32.max) + 1)),
            (flag, .choice("a")), (choice, .choice("c")), (choice, .bool(true)),
        ]
        for (field, value) in refused { #expect(field.stored(value) == nil, "\(field.name) \(value)") }
    }
}
