import FristCalendar
public import FristEngine

/// Decodes one JSON Lines event and checks every field of contract § 1: required and unknown
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
        case .referralHelfoNotified, .referralTreatmentStarted, .complaintDecided, .vedtakAppealed,
            .vedtakReviewed, .vedtakEnded, .incidentOccurred, .incidentMeetingOffered:
            EventField.Set()
        }
    }

    /// Decodes one line (without its newline).
    public static func decode(_ line: some Collection<UInt8>) throws(EventRefusal) -> Event {
        guard line.count <= maximumLineBytes else {
            throw EventRefusal(
                .lineTooLong, field: nil, "linjen er \(line.count) byte, mer enn grensen på \(maximumLineBytes)")
        }
        // ASCII is valid UTF-8 and needs no copy; anything else is validated in full.
        let isASCII = line.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? false
        guard isASCII || String(validating: line, as: UTF8.self) != nil else {
            throw EventRefusal(.invalidUTF8, field: nil, "linjen er ikke gyldig UTF-8")
        }
        let document: EventDocument
        do {
            document = try JSONValue.parseEvent(line)
        } catch .duplicateKey(let name) {
            throw EventRefusal(.duplicateField, field: name, "feltet står mer enn én gang i objektet")
        } catch {
            throw EventRefusal(.invalidJSON, field: nil, "ugyldig JSON")
        }
        switch document {
        case .object(let fields): return try decode(fields)
        case .other(let value):
            throw EventRefusal(.notObject, field: nil, "linjen er ikke et JSON-objekt, men \(value.typeName)")
        }
    }

    private static func decode(_ fields: EventFields) throws(EventRefusal) -> Event {
        var reader = FieldReader(fields: fields)
        let typeName = try reader.string(.type)
        guard let type = EventType(rawValue: typeName) else {
            throw EventRefusal(.unknownType, field: "type", "ukjent hendelsestype «\(typeName)»")
        }
        if let unknown = fields.firstKey(notIn: commonFields.union(extraFields(type))) {
            throw EventRefusal(.unknownField, field: unknown, "ukjent felt for \(type.rawValue)")
        }
        let id = try reader.reference(.id, maximumLength: 128)
        let caseRef = try reader.reference(.caseRef, maximumLength: 64)
        if NationalIdentityNumber.passesCheckDigits(caseRef) {
            throw EventRefusal(
                .nationalID,
                field: "case", "ser ut som et fødselsnummer eller D-nummer; bruk en pseudonym saksreferanse")
        }
        let date = try reader.date(.date)
        let unit = try reader.optionalReference(.unit, maximumLength: 64)
        let payload = try payload(type, date: date, reader: &reader)
        return Event(id: id, caseRef: caseRef, date: date, unit: unit, payload: payload)
    }

    private static func payload(
        _ type: EventType, date: CalendarDate, reader: inout FieldReader
    )
        throws(EventRefusal) -> EventPayload
    {
        switch type {
        case .referralReceived:
            return .referralReceived(
                group: try reader.optionalChoice(.group, PatientGroup.self) ?? .standard,
                assessmentWorkingDays: try reader.optionalInteger(
                    .assessmentWorkingDays, in: RuleDefinition.assessmentWorkingDaysRange))
        case .referralAssessed:
            let outcome = try reader.choice(.outcome, AssessmentOutcome.self)
            let frist = try reader.optionalDate(.frist)
            let scheduled = try reader.optionalDate(.scheduled)
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
            return .referralScheduled(scheduled: try reader.date(.scheduled))
        case .referralPostponed:
            return .referralPostponed(
                reason: try reader.choice(.reason, PostponementReason.self), frist: try reader.optionalDate(.frist))
        case .referralHelfoNotified: return .referralHelfoNotified
        case .referralStarted: return .referralStarted(substantive: try reader.optionalBool(.substantive) ?? true)
        case .referralTreatmentStarted: return .referralTreatmentStarted
        case .referralClosed: return .referralClosed(reason: try reader.optionalChoice(.reason, ClosureReason.self))
        case .complaintReceived:
            return .complaintReceived(
                targetMonths: try reader.optionalInteger(
                    .targetMonths, in: RuleDefinition.complaintTargetMonthsRange)
                    ?? RuleDefinition.complaintTargetMonths)
        case .complaintDecided: return .complaintDecided
        case .vedtakMade: return .vedtakMade(validUntil: try reader.optionalDate(.validUntil))
        case .vedtakAppealed: return .vedtakAppealed
        case .vedtakReviewed: return .vedtakReviewed
        case .vedtakEnded: return .vedtakEnded
        case .incidentOccurred: return .incidentOccurred
        case .incidentMeetingOffered: return .incidentMeetingOffered
        }
    }
}

/// Typed access to an event's fields; every failure names its field.
private struct FieldReader {
    let fields: EventFields

    /// Whether each byte value may stand in a reference: a table, so checking costs no hashing.
    private static let referenceBytes: [Bool] = {
        var allowed = [Bool](repeating: false, count: 256)
        for byte in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-".utf8 {
            allowed[Int(byte)] = true
        }
        return allowed
    }()

    func string(_ field: EventField) throws(EventRefusal) -> String {
        guard let value = fields[field] else { throw EventRefusal(.missingField, field: field.name, "mangler") }
        guard case .string(let text) = value else {
            throw EventRefusal(.invalidValue, field: field.name, "skal være tekst, ikke \(value.typeName)")
        }
        return text
    }

    func reference(_ field: EventField, maximumLength: Int) throws(EventRefusal) -> String {
        let text = try string(field)
        guard (1...maximumLength).contains(text.utf8.count), text.utf8.allSatisfy({ Self.referenceBytes[Int($0)] })
        else {
            throw EventRefusal(
                .invalidValue, field: field.name, "«\(text)» må være 1–\(maximumLength) tegn av A–Z a–z 0–9 . _ : -")
        }
        return text
    }

    func optionalReference(_ field: EventField, maximumLength: Int) throws(EventRefusal) -> String? {
        fields[field] == nil ? nil : try reference(field, maximumLength: maximumLength)
    }

    func date(_ field: EventField) throws(EventRefusal) -> CalendarDate {
        var text = try string(field)
        do {
            // Parsed from the string's own UTF-8: no array per date.
            return try text.withUTF8 { bytes throws(CalendarError) in
                try CalendarDate(parsingUTF8: UnsafeRawBufferPointer(bytes))
            }
        } catch {
            throw EventRefusal(.invalidDate, field: field.name, "\(error)")
        }
    }

    func optionalDate(_ field: EventField) throws(EventRefusal) -> CalendarDate? {
        fields[field] == nil ? nil : try date(field)
    }

    func choice<T: RawRepresentable & CaseIterable>(_ field: EventField, _ type: T.Type) throws(EventRefusal) -> T
    where T.RawValue == String {
        let text = try string(field)
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map { "«\($0.rawValue)»" }.joined(separator: ", ")
            throw EventRefusal(.invalidValue, field: field.name, "«\(text)» er ikke en av \(allowed)")
        }
        return value
    }

    func optionalChoice<T: RawRepresentable & CaseIterable>(
        _ field: EventField, _ type: T.Type
    ) throws(EventRefusal) -> T?
    where T.RawValue == String {
        fields[field] == nil ? nil : try choice(field, type)
    }

    func optionalInteger(_ field: EventField, in range: ClosedRange<Int>) throws(EventRefusal) -> Int? {
        guard let value = fields[field] else { return nil }
        guard case .number(let number) = value, number.rounded() == number, let integer = Int(exactly: number) else {
            throw EventRefusal(.invalidValue, field: field.name, "skal være et heltall, ikke \(value.typeName)")
        }
        guard range.contains(integer) else {
            throw EventRefusal(
                .invalidValue, field: field.name, "\(integer) er utenfor \(range.lowerBound)–\(range.upperBound)")
        }
        return integer
    }

    func optionalBool(_ field: EventField) throws(EventRefusal) -> Bool? {
        guard let value = fields[field] else { return nil }
        guard case .bool(let flag) = value else {
            throw EventRefusal(.invalidValue, field: field.name, "skal være true eller false, ikke \(value.typeName)")
        }
        return flag
    }
}
