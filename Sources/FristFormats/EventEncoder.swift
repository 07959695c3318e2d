import FristCalendar
public import FristEngine

/// Writes an `Event` as its JSON line (docs/events.md), without the newline: what an import or a
/// converter writes into the spool, and what `EventDecoder` reads back to the same event. Fields
/// come in a fixed order (id, type, case, date, unit, then the type's own); a field that holds
/// its default (`group` standard, `substantive` true, `target_months` 3) is left out, as a
/// writer by hand would leave it.
public enum EventEncoder {
    /// The event's JSON line.
    public static func encode(_ event: Event) -> String {
        node(event).renderedLine()
    }

    /// The event as a JSON object, for documents that embed events.
    static func node(_ event: Event) -> JSONNode {
        var members: [(String, JSONNode)] = [
            ("id", .string(event.id)), ("type", .string(event.payload.type.rawValue)),
            ("case", .string(event.caseRef)), ("date", .date(event.date)),
        ]
        if let unit = event.unit { members.append(("unit", .string(unit))) }
        members += fields(of: event.payload)
        return .object(members)
    }

    /// The type's own fields as a person reads them: name and value, strings without quotes.
    static func plainFields(of event: Event) -> [(name: String, value: String)] {
        fields(of: event.payload).map { name, value in
            switch value {
            case .string(let text): (name, text)
            case .date(let date): (name, date.description)
            default: (name, value.renderedLine())
            }
        }
    }

    /// The type's own fields, by their wire names.
    private static func fields(of payload: EventPayload) -> [(String, JSONNode)] {
        var fields: [(String, JSONNode?)]
        switch payload {
        case .referralReceived(let group, let workingDays):
            fields = [
                ("group", group == .standard ? nil : .string(group.rawValue)),
                ("assessment_working_days", workingDays.map(JSONNode.int)),
            ]
        case .referralAssessed(let outcome, let frist, let scheduled):
            fields = [
                ("outcome", .string(outcome.rawValue)), ("frist", frist.map(JSONNode.date)),
                ("scheduled", scheduled.map(JSONNode.date)),
            ]
        case .referralScheduled(let scheduled):
            fields = [("scheduled", .date(scheduled))]
        case .referralPostponed(let reason, let frist):
            fields = [("reason", .string(reason.rawValue)), ("frist", frist.map(JSONNode.date))]
        case .referralStarted(let substantive):
            fields = [("substantive", substantive ? nil : .bool(false))]
        case .referralClosed(let reason):
            fields = [("reason", reason.map { .string($0.rawValue) })]
        case .complaintReceived(let months):
            fields = [("target_months", months == RuleDefinition.complaintTargetMonths ? nil : .int(months))]
        case .vedtakMade(let validUntil):
            fields = [("valid_until", validUntil.map(JSONNode.date))]
        case .referralHelfoNotified, .referralTreatmentStarted, .complaintDecided, .vedtakAppealed, .vedtakReviewed,
            .vedtakEnded, .incidentOccurred, .incidentMeetingOffered:
            fields = []
        case .declared(let event):
            fields = event.type.spec.fields.map { field in (field.name, event[field.name].map(node)) }
        }
        return fields.compactMap { name, value in value.map { (name, $0) } }
    }

    /// A declared field's value as JSON.
    private static func node(_ value: FieldSpec.Value) -> JSONNode {
        switch value {
        case .date(let date): .date(date)
        case .integer(let integer): .int(integer)
        case .bool(let flag): .bool(flag)
        case .choice(let choice): .string(choice)
        }
    }
}
