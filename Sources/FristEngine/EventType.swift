/// An event type by its wire name: the contract's own types (docs/events.md), then the types each
/// rule declares in its file (`Rule.events`), in the order of `Rules.all`. A type is its place in
/// that list, in one byte, so per-type tables are arrays.
public struct EventType: Hashable, Sendable, CustomStringConvertible {
    /// The type's place in `allCases`, in one byte (an `Event` is copied often).
    private let index: UInt8

    /// The type's place in `allCases`, for per-type tables.
    public var ordinal: Int { Int(index) }

    private init(ordinal: Int) { index = UInt8(ordinal) }

    /// The type named `rawValue`, or nil when no type has that name.
    public init?(rawValue: String) {
        guard let type = EventType.byName[rawValue] else { return nil }
        self = type
    }

    /// The wire name.
    public var rawValue: String { Self.specs[ordinal].name }

    /// The wire name.
    public var description: String { rawValue }

    /// Every type: the contract's, then the rules' own.
    public static let allCases: [EventType] = specs.indices.map(EventType.init(ordinal:))

    /// The type's spec: its name, track and fields.
    public var spec: EventSpec { Self.specs[ordinal] }

    /// Whether this type may open a case that does not exist yet (read for every event folded).
    public var isStarting: Bool { Self.starting[ordinal] }

    /// Whether a rule declares this type (its payload is `EventPayload.declared`).
    public var isDeclared: Bool { ordinal >= Self.contract.count }

    /// The type that starts the track this type belongs to (a stop dated before the first such
    /// start is refused as "before its start").
    var startingType: EventType { EventType.byName[spec.track]! }

    // MARK: - The contract's types

    /// `referral.received`.
    public static let referralReceived = EventType(ordinal: 0)
    /// `referral.assessed`.
    public static let referralAssessed = EventType(ordinal: 1)
    /// `referral.scheduled`.
    public static let referralScheduled = EventType(ordinal: 2)
    /// `referral.postponed`.
    public static let referralPostponed = EventType(ordinal: 3)
    /// `referral.helfo-notified`.
    public static let referralHelfoNotified = EventType(ordinal: 4)
    /// `referral.started`.
    public static let referralStarted = EventType(ordinal: 5)
    /// `referral.treatment-started`.
    public static let referralTreatmentStarted = EventType(ordinal: 6)
    /// `referral.closed`.
    public static let referralClosed = EventType(ordinal: 7)
    /// `complaint.received`.
    public static let complaintReceived = EventType(ordinal: 8)
    /// `complaint.decided`.
    public static let complaintDecided = EventType(ordinal: 9)
    /// `vedtak4a.made`.
    public static let vedtakMade = EventType(ordinal: 10)
    /// `vedtak4a.appealed`.
    public static let vedtakAppealed = EventType(ordinal: 11)
    /// `vedtak4a.reviewed`.
    public static let vedtakReviewed = EventType(ordinal: 12)
    /// `vedtak4a.ended`.
    public static let vedtakEnded = EventType(ordinal: 13)
    /// `incident.occurred`.
    public static let incidentOccurred = EventType(ordinal: 14)
    /// `incident.meeting-offered`.
    public static let incidentMeetingOffered = EventType(ordinal: 15)

    /// The contract's types, in the order of their constants above. Their fields are typed cases
    /// of `EventPayload`, so their specs list none.
    private static let contract: [EventSpec] = [
        EventSpec(starting: "referral.received").titled("henvisning mottatt"),
        EventSpec("referral.assessed", track: "referral.received").titled("henvisning vurdert"),
        EventSpec("referral.scheduled", track: "referral.received").titled("oppstart planlagt"),
        EventSpec("referral.postponed", track: "referral.received").titled("oppstart utsatt"),
        EventSpec("referral.helfo-notified", track: "referral.received").titled("HELFO varslet"),
        EventSpec("referral.started", track: "referral.received").titled("helsehjelp startet"),
        EventSpec("referral.treatment-started", track: "referral.received").titled("reell behandling startet"),
        EventSpec("referral.closed", track: "referral.received").titled("henvisning avsluttet"),
        EventSpec(starting: "complaint.received").titled("klage mottatt hos Statsforvalteren"),
        EventSpec("complaint.decided", track: "complaint.received").titled("klage avgjort"),
        EventSpec(starting: "vedtak4a.made").titled("vedtak etter kapittel 4A fattet"),
        EventSpec("vedtak4a.appealed", track: "vedtak4a.made").titled("vedtaket påklaget"),
        EventSpec("vedtak4a.reviewed", track: "vedtak4a.made").titled("vedtaket overprøvd"),
        EventSpec("vedtak4a.ended", track: "vedtak4a.made").titled("vedtaket opphørt"),
        EventSpec(starting: "incident.occurred").titled("alvorlig hendelse inntraff"),
        EventSpec("incident.meeting-offered", track: "incident.occurred").titled("møte tilbudt"),
    ]

    /// Every type's spec, by ordinal.
    static let specs: [EventSpec] = {
        let specs = contract + Rules.all.flatMap { $0.events }
        precondition(specs.count <= 256, "more event types than an ordinal byte holds")
        precondition(Set(specs.map(\.name)).count == specs.count, "two event types share a name")
        precondition(
            specs.allSatisfy { spec in specs.contains { $0.name == spec.track && $0.startsCase } },
            "an event type's track is not a starting type")
        precondition(
            specs[contract.count...].allSatisfy { $0.fields.count <= DeclaredEvent.capacity },
            "a declared event type with more fields than DeclaredEvent holds")
        return specs
    }()

    /// Whether each type starts a track, by ordinal.
    private static let starting: [Bool] = specs.map(\.startsCase)

    /// Every type by its name.
    private static let byName: [String: EventType] = Dictionary(
        uniqueKeysWithValues: specs.indices.map { (specs[$0].name, EventType(ordinal: $0)) })
}
