import FristCalendar
public import FristEngine
import FristHotPaths
import Glibc

/// Decodes one JSON Lines event and checks every field of docs/events.md: required and unknown
/// fields, id/case/unit charsets, a case that looks like a national identity number, dates and
/// each type's extra fields. Stream rules (today, duplicates, case state) are the engine's.
public enum EventDecoder {
    /// The longest line accepted, in bytes.
    public static let maximumLineBytes = 16 * 1024

    private static let commonFields = EventField.Set(.id, .type, .caseRef, .date, .unit)

    private static func extraFields(_ type: EventType) -> EventField.Set {
        switch type {
        case .referralReceived: EventField.Set(.group, .assessmentWorkingDays)
        case .referralAssessed: EventField.Set(.outcome, .frist, .scheduled)
        case .referralScheduled: EventField.Set(.scheduled)
        case .referralPostponed: EventField.Set(.reason, .frist)
        case .referralStarted: EventField.Set(.substantive)
        case .referralClosed: EventField.Set(.reason)
        case .complaintReceived: EventField.Set(.targetMonths)
        case .vedtakMade: EventField.Set(.validUntil)
        default: declaredKnownFields[type.ordinal]
        }
    }

    /// Every type with its wire name, in the order they are tried.
    private static let typeNames: [(type: EventType, name: String)] = EventType.allCases.map { ($0, $0.rawValue) }

    /// For each declared type, by ordinal, its fields that share a key with a contract type's
    /// (the parser keeps those in their slots, the rest aside by name).
    private static let declaredKnownFields: [EventField.Set] = EventType.allCases.map { type in
        guard type.isDeclared else { return EventField.Set() }
        return type.spec.fields.compactMap { EventField(name: $0.name) }.reduce(EventField.Set()) {
            $0.union(EventField.Set($1))
        }
    }

    /// Decodes one line (without its newline).
    public static func decode(_ line: some Collection<UInt8>) throws(EventRefusal) -> Event {
        try JSONValue.withBuffer(line) { bytes throws(EventRefusal) in try decode(bytes) }
    }

    /// Decodes one line (without its newline) from its bytes in memory: the event file's and the
    /// spool's path, with no generic code between the bytes and the parser.
    public static func decode(_ line: UnsafeBufferPointer<UInt8>) throws(EventRefusal) -> Event {
        // A line holding an identity number anywhere is refused as such, whatever else is wrong
        // with it, so that its every copy is masked (RejectedLines, the processed copy). An event
        // that decodes holds free text only in `id`, `case` and `unit` (dates, choices and small
        // numbers cannot hold eleven digits): those three are searched, once every other check
        // has passed (`decode(_:)` of the fields). A line refused for any other reason is
        // searched whole, escapes and all, before its refusal stands.
        do {
            return try decodeFields(line)
        } catch {
            if error.code != .nationalID, NationalIdentityNumber.occurs(in: line) {
                throw nationalID(field: nationalIDField(line))
            }
            throw error
        }
    }

    private static func nationalID(field: String?) -> EventRefusal {
        EventRefusal(
            .nationalID, field: field,
            "inneholder et fødselsnummer eller D-nummer; bruk pseudonyme referanser (personvern)")
    }

    /// Every check but the identity numbers.
    private static func decodeFields(_ line: UnsafeBufferPointer<UInt8>) throws(EventRefusal) -> Event {
        guard line.count <= maximumLineBytes else {
            throw EventRefusal(
                .lineTooLong, field: nil, "linjen er \(line.count) byte, mer enn grensen på \(maximumLineBytes)")
        }
        // ASCII is valid UTF-8; anything else is validated in full.
        guard ASCIIScan.isASCII(UnsafeRawBufferPointer(line)) || String(validating: line, as: UTF8.self) != nil else {
            throw EventRefusal(.invalidUTF8, field: nil, "linjen er ikke gyldig UTF-8")
        }
        // Decoded straight from the line's bytes: the parser leaves each known key's value in a
        // slot as a token, and only `id`, `case` and `unit` become strings.
        var fields = EventFields(line: line)
        let other: JSONValue?
        do throws(JSONValue.ParseError) {
            other = try JSONParser.parseEvent(line, into: &fields)
        } catch .duplicateKey(let name) {
            throw EventRefusal(.duplicateField, field: name, "feltet står mer enn én gang i objektet")
        } catch .tooDeep {
            throw EventRefusal(
                .invalidJSON, field: nil, "ugyldig JSON: nestet dypere enn \(JSONParser.maximumDepth) nivåer")
        } catch {
            throw EventRefusal(.invalidJSON, field: nil, "ugyldig JSON")
        }
        if let other {
            throw EventRefusal(.notObject, field: nil, "linjen er ikke et JSON-objekt, men \(other.typeName)")
        }
        return try decode(fields)
    }

    /// The top-level field whose key or value holds the identity number, when the line is a JSON
    /// object (nil otherwise, or when it stands outside every field).
    private static func nationalIDField(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        guard case .object(let members)? = try? JSONValue.parse(line) else { return nil }
        func holds(_ value: JSONValue) -> Bool {
            switch value {
            case .string(let text): NationalIdentityNumber.occurs(in: text)
            case .number(let number): NationalIdentityNumber.occurs(in: String(Int64(exactly: number) ?? 0))
            case .array(let items): items.contains(where: holds)
            case .object(let inner): inner.contains { NationalIdentityNumber.occurs(in: $0.key) || holds($0.value) }
            case .null, .bool: false
            }
        }
        return members.sorted { $0.key < $1.key }.first {
            NationalIdentityNumber.occurs(in: $0.key) || holds($0.value)
        }?
        .key
    }

    private static func decode(_ fields: EventFields) throws(EventRefusal) -> Event {
        let type = try fields.withString(.type) { bytes throws(EventRefusal) in
            guard let type = typeNames.first(where: { EventFields.matches($0.name, bytes) })?.type else {
                throw EventRefusal(
                    .unknownType, field: "type", "ukjent hendelsestype «\(String(decoding: bytes, as: UTF8.self))»")
            }
            return type
        }
        let declared = type.isDeclared ? type.spec.fields.map(\.name) : []
        if let unknown = fields.firstKey(notIn: commonFields.union(extraFields(type)), declared: declared) {
            throw EventRefusal(.unknownField, field: unknown, "ukjent felt for \(type.rawValue)")
        }
        try fields.checkReference(.id, maximumLength: 128)
        try fields.checkReference(.caseRef, maximumLength: 64)
        let date = try fields.date(.date)
        let unit = try fields.optionalReference(.unit, maximumLength: 64)
        let payload = try payload(type, date: date, fields: fields)
        // The id and the case are read from the line's bytes where they lie: a UUID is packed
        // without a `String` made of it, and searched for an identity number there.
        return try fields.withString(.id) { id throws(EventRefusal) in
            try fields.withString(.caseRef) { caseRef throws(EventRefusal) in
                if NationalIdentityNumber.occurs(inReference: id) { throw nationalID(field: "id") }
                if NationalIdentityNumber.occurs(inReference: caseRef) { throw nationalID(field: "case") }
                if let unit, NationalIdentityNumber.occurs(in: unit) { throw nationalID(field: "unit") }
                return Event(idUTF8: id, caseRefUTF8: caseRef, date: date, unit: unit, payload: payload)
            }
        }
    }

    private static func payload(
        _ type: EventType, date: CalendarDate, fields: borrowing EventFields
    )
        throws(EventRefusal) -> EventPayload
    {
        switch type {
        case .referralReceived:
            return .referralReceived(
                group: try fields.optionalChoice(.group, PatientGroup.self) ?? .standard,
                assessmentWorkingDays: try fields.optionalInteger(
                    .assessmentWorkingDays, in: RuleDefinition.assessmentWorkingDaysRange))
        case .referralAssessed:
            let outcome = try fields.choice(.outcome, AssessmentOutcome.self)
            let frist = try fields.optionalDate(.frist)
            let scheduled = try fields.optionalDate(.scheduled)
            if outcome != .right, frist != nil {
                throw EventRefusal(.invalidValue, field: "frist", "tillatt bare når outcome er «right»")
            }
            if outcome != .right, scheduled != nil {
                throw EventRefusal(.invalidValue, field: "scheduled", "tillatt bare når outcome er «right»")
            }
            if outcome == .right, frist == nil {
                throw EventRefusal(.missingField, field: "frist", "påkrevd når outcome er «right»")
            }
            return .referralAssessed(outcome: outcome, frist: frist, scheduled: scheduled)
        case .referralScheduled:
            return .referralScheduled(scheduled: try fields.date(.scheduled))
        case .referralPostponed:
            return .referralPostponed(
                reason: try fields.choice(.reason, PostponementReason.self), frist: try fields.optionalDate(.frist))
        case .referralHelfoNotified: return .referralHelfoNotified
        case .referralStarted: return .referralStarted(substantive: try fields.optionalBool(.substantive) ?? true)
        case .referralTreatmentStarted: return .referralTreatmentStarted
        case .referralClosed: return .referralClosed(reason: try fields.optionalChoice(.reason, ClosureReason.self))
        case .complaintReceived:
            return .complaintReceived(
                targetMonths: try fields.optionalInteger(
                    .targetMonths, in: RuleDefinition.complaintTargetMonthsRange)
                    ?? RuleDefinition.complaintTargetMonths)
        case .complaintDecided: return .complaintDecided
        case .vedtakMade: return .vedtakMade(validUntil: try fields.optionalDate(.validUntil))
        case .vedtakAppealed: return .vedtakAppealed
        case .vedtakReviewed: return .vedtakReviewed
        case .vedtakEnded: return .vedtakEnded
        case .incidentOccurred: return .incidentOccurred
        case .incidentMeetingOffered: return .incidentMeetingOffered
        default: return .declared(try declared(type, fields: fields))
        }
    }

    /// An event of a type a rule declares, its fields read and checked by the type's spec.
    private static func declared(_ type: EventType, fields: borrowing EventFields) throws(EventRefusal) -> DeclaredEvent
    {
        var event = DeclaredEvent(type)
        for spec in type.spec.fields {
            guard let token = fields.token(named: spec.name) else {
                if spec.isRequired { throw EventFields.missing(spec.name) }
                continue
            }
            event[spec.name] =
                switch spec.kind {
                case .date: .date(try fields.date(token, name: spec.name))
                case .integer(let range):
                    .integer(
                        try fields.integer(token, name: spec.name, in: Int(range.lowerBound)...Int(range.upperBound)))
                case .bool: .bool(try fields.bool(token, name: spec.name))
                case .choice(let choices): .choice(choices[try fields.choice(token, name: spec.name, choices)])
                }
        }
        return event
    }
}

/// Typed access to an event's fields; every failure names its field.
extension EventFields {
    /// A field's value; refuses a missing field.
    func required(_ field: EventField) throws(EventRefusal) -> Token {
        guard let token = self[field] else { throw Self.missing(field.name) }
        return token
    }

    /// The refusal of a required field that is not there.
    static func missing(_ name: String) -> EventRefusal { EventRefusal(.missingField, field: name, "mangler") }

    /// Calls `body` with a string field's bytes; refuses a missing field or another JSON type.
    func withString<Result>(
        _ field: EventField, _ body: (UnsafeBufferPointer<UInt8>) throws(EventRefusal) -> Result
    ) throws(EventRefusal) -> Result {
        try withString(try required(field), name: field.name, body)
    }

    /// Calls `body` with a string value's bytes; refuses another JSON type, naming the field.
    func withString<Result>(
        _ token: Token, name: String, _ body: (UnsafeBufferPointer<UInt8>) throws(EventRefusal) -> Result
    ) throws(EventRefusal) -> Result {
        guard let result = try withString(token, body) else {
            throw EventRefusal(.invalidValue, field: name, "skal være tekst, ikke \(typeName(token))")
        }
        return result
    }

    /// Whether `bytes` are the UTF-8 of `text`.
    static func matches(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.utf8.count == bytes.count else { return false }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        // The names compared against are literals, stored contiguously: one memcmp.
        return text.utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, base, bytes.count) == 0 }
            ?? text.utf8.elementsEqual(bytes)
    }

    /// Refuses a reference field that is missing, not text, empty, longer than `maximumLength`
    /// bytes, or holds a byte outside A–Z a–z 0–9 . _ : -.
    func checkReference(_ field: EventField, maximumLength: Int) throws(EventRefusal) {
        try withString(field) { bytes throws(EventRefusal) in
            guard (1...maximumLength).contains(bytes.count), ASCIIScan.areReferenceBytes(UnsafeRawBufferPointer(bytes))
            else {
                throw EventRefusal(
                    .invalidValue, field: field.name,
                    "«\(String(decoding: bytes, as: UTF8.self))» må være 1–\(maximumLength) tegn av A–Z a–z 0–9 . _ : -"
                )
            }
        }
    }

    /// A checked reference field's text.
    func reference(_ field: EventField, maximumLength: Int) throws(EventRefusal) -> String {
        try checkReference(field, maximumLength: maximumLength)
        return try withString(field) { String(decoding: $0, as: UTF8.self) }
    }

    func optionalReference(_ field: EventField, maximumLength: Int) throws(EventRefusal) -> String? {
        self[field] == nil ? nil : try reference(field, maximumLength: maximumLength)
    }

    func date(_ field: EventField) throws(EventRefusal) -> CalendarDate {
        try date(try required(field), name: field.name)
    }

    func date(_ token: Token, name: String) throws(EventRefusal) -> CalendarDate {
        try withString(token, name: name) { bytes throws(EventRefusal) in
            do {
                return try CalendarDate(parsingUTF8: UnsafeRawBufferPointer(bytes))
            } catch {
                throw EventRefusal(.invalidDate, field: name, "\(error)")
            }
        }
    }

    func optionalDate(_ field: EventField) throws(EventRefusal) -> CalendarDate? {
        self[field] == nil ? nil : try date(field)
    }

    func choice<T: RawRepresentable & CaseIterable>(_ field: EventField, _ type: T.Type) throws(EventRefusal) -> T
    where T.RawValue == String {
        // Specialised for each enum, with no collection built: read for most events.
        try withString(field) { bytes throws(EventRefusal) in
            guard let value = T.allCases.first(where: { Self.matches($0.rawValue, bytes) }) else {
                throw Self.notAChoice(field.name, bytes, T.allCases.map { $0.rawValue })
            }
            return value
        }
    }

    /// The index in `choices` of a string value; refuses any other value, naming the choices.
    func choice(_ token: Token, name: String, _ choices: [String]) throws(EventRefusal) -> Int {
        try withString(token, name: name) { bytes throws(EventRefusal) in
            guard let index = choices.firstIndex(where: { Self.matches($0, bytes) }) else {
                throw Self.notAChoice(name, bytes, choices)
            }
            return index
        }
    }

    private static func notAChoice(
        _ name: String, _ bytes: UnsafeBufferPointer<UInt8>, _ choices: [String]
    ) -> EventRefusal {
        let allowed = choices.map { "«\($0)»" }.joined(separator: ", ")
        return EventRefusal(
            .invalidValue, field: name, "«\(String(decoding: bytes, as: UTF8.self))» er ikke en av \(allowed)")
    }

    func optionalChoice<T: RawRepresentable & CaseIterable>(
        _ field: EventField, _ type: T.Type
    ) throws(EventRefusal) -> T?
    where T.RawValue == String {
        self[field] == nil ? nil : try choice(field, type)
    }

    func optionalInteger(_ field: EventField, in range: ClosedRange<Int>) throws(EventRefusal) -> Int? {
        guard let value = self[field] else { return nil }
        return try integer(value, name: field.name, in: range)
    }

    func integer(_ value: Token, name: String, in range: ClosedRange<Int>) throws(EventRefusal) -> Int {
        guard case .number(let number) = value, number.rounded() == number, let integer = Int(exactly: number) else {
            throw EventRefusal(.invalidValue, field: name, "skal være et heltall, ikke \(typeName(value))")
        }
        guard range.contains(integer) else {
            throw EventRefusal(
                .invalidValue, field: name, "\(integer) er utenfor \(range.lowerBound)–\(range.upperBound)")
        }
        return integer
    }

    func optionalBool(_ field: EventField) throws(EventRefusal) -> Bool? {
        guard let value = self[field] else { return nil }
        return try bool(value, name: field.name)
    }

    func bool(_ value: Token, name: String) throws(EventRefusal) -> Bool {
        guard case .bool(let flag) = value else {
            throw EventRefusal(.invalidValue, field: name, "skal være true eller false, ikke \(typeName(value))")
        }
        return flag
    }
}
