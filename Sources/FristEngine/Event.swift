public import FristCalendar

/// One accepted-or-not event of the contract (docs/events.md), decoded and field-checked.
public struct Event: Sendable, Equatable {
    /// The idempotency key.
    public var id: String {
        get { storedID.text }
        set { storedID = EventIdentifier(newValue) }
    }
    /// The pseudonymous case reference.
    public var caseRef: String {
        get { storedCaseRef.text }
        set { storedCaseRef = EventIdentifier(newValue) }
    }
    /// The id as the engine keeps it (a UUID in 16 bytes): what a store writes out as text
    /// without a `String` made of it.
    public private(set) var storedID: EventIdentifier
    /// The case reference, kept the same way.
    public private(set) var storedCaseRef: EventIdentifier
    /// The effective date.
    public var date: CalendarDate
    /// The department or unit, if given.
    public var unit: String?
    /// The type and its extra fields.
    public var payload: EventPayload

    /// Creates an event.
    public init(id: String, caseRef: String, date: CalendarDate, unit: String? = nil, payload: EventPayload) {
        self.storedID = EventIdentifier(id)
        self.storedCaseRef = EventIdentifier(caseRef)
        self.date = date
        self.unit = unit
        self.payload = payload
    }

    /// Creates an event from its id's and case reference's valid UTF-8, as a decoder holds them:
    /// a UUID's text is packed where it lies, with no `String` made of it.
    public init(
        idUTF8: UnsafeBufferPointer<UInt8>, caseRefUTF8: UnsafeBufferPointer<UInt8>, date: CalendarDate,
        unit: String?, payload: EventPayload
    ) {
        self.storedID = EventIdentifier(utf8: idUTF8)
        self.storedCaseRef = EventIdentifier(utf8: caseRefUTF8)
        self.date = date
        self.unit = unit
        self.payload = payload
    }
}

/// The referral's patient group (docs/events.md, `group`).
public enum PatientGroup: String, Sendable, CaseIterable {
    /// The default.
    case standard
    /// Children and young people under 23 with mental illness or substance dependence.
    case under23Psych = "under23-psych"
}

/// The outcome of an assessment.
public enum AssessmentOutcome: String, Sendable, CaseIterable {
    /// The patient has a right to necessary help: a frist is set.
    case right
    /// No right to necessary help.
    case noRight = "no-right"
    /// The referral was rejected.
    case rejected
}

/// Why a frist was postponed (NPR: pasientforårsaket / medisinsk begrunnet utsettelse).
public enum PostponementReason: String, Sendable, CaseIterable {
    /// Caused by the patient.
    case patient
    /// Medically justified.
    case medical
}

/// Why a case was closed.
public enum ClosureReason: String, Sendable, CaseIterable {
    /// The referral was withdrawn.
    case withdrawn
    /// The patient died.
    case deceased
    /// The patient moved.
    case moved
    /// Any other reason.
    case other
}

/// An event's type with its extra fields (docs/events.md): the contract's own types as cases of
/// their own, and the types rules declare (`EventSpec`) as `declared`.
public enum EventPayload: Sendable, Equatable {
    /// `referral.received`.
    case referralReceived(group: PatientGroup, assessmentWorkingDays: Int?)
    /// `referral.assessed`.
    case referralAssessed(outcome: AssessmentOutcome, frist: CalendarDate?, scheduled: CalendarDate?)
    /// `referral.scheduled`.
    case referralScheduled(scheduled: CalendarDate)
    /// `referral.postponed`.
    case referralPostponed(reason: PostponementReason, frist: CalendarDate?)
    /// `referral.helfo-notified`.
    case referralHelfoNotified
    /// `referral.started`.
    case referralStarted(substantive: Bool)
    /// `referral.treatment-started`.
    case referralTreatmentStarted
    /// `referral.closed`.
    case referralClosed(reason: ClosureReason?)
    /// `complaint.received`.
    case complaintReceived(targetMonths: Int)
    /// `complaint.decided`.
    case complaintDecided
    /// `vedtak4a.made`.
    case vedtakMade(validUntil: CalendarDate?)
    /// `vedtak4a.appealed`.
    case vedtakAppealed
    /// `vedtak4a.reviewed`.
    case vedtakReviewed
    /// `vedtak4a.ended`.
    case vedtakEnded
    /// `incident.occurred`.
    case incidentOccurred
    /// `incident.meeting-offered`.
    case incidentMeetingOffered
    /// A type a rule declares in its own file (`Rule.events`), with its fields.
    case declared(DeclaredEvent)

    /// The contract's type name.
    public var type: EventType {
        switch self {
        case .referralReceived: .referralReceived
        case .referralAssessed: .referralAssessed
        case .referralScheduled: .referralScheduled
        case .referralPostponed: .referralPostponed
        case .referralHelfoNotified: .referralHelfoNotified
        case .referralStarted: .referralStarted
        case .referralTreatmentStarted: .referralTreatmentStarted
        case .referralClosed: .referralClosed
        case .complaintReceived: .complaintReceived
        case .complaintDecided: .complaintDecided
        case .vedtakMade: .vedtakMade
        case .vedtakAppealed: .vedtakAppealed
        case .vedtakReviewed: .vedtakReviewed
        case .vedtakEnded: .vedtakEnded
        case .incidentOccurred: .incidentOccurred
        case .incidentMeetingOffered: .incidentMeetingOffered
        case .declared(let event): event.type
        }
    }
}
