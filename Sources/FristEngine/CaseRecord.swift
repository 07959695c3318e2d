import CPrefetch
import FristCalendar

/// One case: its accepted events in application order (date, then arrival) and the clocks they
/// fold into. The clocks are a pure function of the events and the calendar.
///
/// The events are the case's history. A record read back from persisted state has none in
/// memory (`hasHistory` is false) until the service loads them from its database; everything but
/// a back-dated event, a repeated id and a new calendar works without them.
struct CaseRecord: Sendable {
    /// The case's accepted events, sorted by date, then arrival (empty without history).
    var events: [Event] = []
    /// Whether `events` holds the case's whole history.
    var hasHistory = true
    /// Every clock the case has had, current and ended, in the order they started.
    var clocks: [Clock] = []
    /// The unit of the latest event that named one.
    var unit: String?

    /// The referral of the case: its three rules share it. Clock indices are stored in 32 bits
    /// (a million cases are held in memory at once).
    struct ReferralTrack {
        var received: CalendarDate
        var group: PatientGroup
        var started = false
        private var indices: (assessment: CompactIndex, care: CompactIndex, realStart: CompactIndex)

        init(received: CalendarDate, group: PatientGroup, assessment: Int) {
            self.received = received
            self.group = group
            indices = (CompactIndex(assessment), CompactIndex(nil), CompactIndex(nil))
        }

        var assessment: Int {
            get { indices.assessment.value ?? 0 }
            set { indices.assessment = CompactIndex(newValue) }
        }
        var care: Int? {
            get { indices.care.value }
            set { indices.care = CompactIndex(newValue) }
        }
        var realStart: Int? {
            get { indices.realStart.value }
            set { indices.realStart = CompactIndex(newValue) }
        }
    }

    /// The § 4A vedtak in force: its two rules share it.
    struct VedtakTrack {
        private var indices: (review: CompactIndex, validity: CompactIndex)
        var ended = false

        init(review: Int, validity: Int, ended: Bool = false) {
            indices = (CompactIndex(review), CompactIndex(validity))
            self.ended = ended
        }

        var review: Int { indices.review.value ?? 0 }
        var validity: Int { indices.validity.value ?? 0 }
    }

    var referral: ReferralTrack?
    private var compact: (complaint: CompactIndex, incident: CompactIndex) = (CompactIndex(nil), CompactIndex(nil))
    var complaint: Int? {
        get { compact.complaint.value }
        set { compact.complaint = CompactIndex(newValue) }
    }
    var vedtak: VedtakTrack?
    var incident: Int? {
        get { compact.incident.value }
        set { compact.incident = CompactIndex(newValue) }
    }
    var closedOn: CalendarDate?

    /// The date of the last applied event (the latest date, as events are kept in date order).
    var lastDate: CalendarDate?

    /// The case with `event` applied after every event already applied (it is dated on or after
    /// them), or the refusal. Validate, then change: the fold works on a copy, so a refusal found
    /// half way through a transition leaves this record exactly as it was.
    func appending(_ event: Event, calendar: WorkingDayCalendar) throws(EventRefusal) -> CaseRecord {
        var next = self
        try next.fold(event, calendar: calendar)
        if next.hasHistory { next.events.append(event) }
        next.lastDate = max(next.lastDate ?? event.date, event.date)
        if let unit = event.unit { next.unit = unit }
        return next
    }

    /// The case rebuilt with `event` inserted after every event dated on or before it, or the
    /// refusal that insertion causes (its own, or that of a later event it would invalidate).
    func inserting(_ event: Event, calendar: WorkingDayCalendar) throws(EventRefusal) -> CaseRecord {
        precondition(hasHistory, "a back-dated event needs its case's history loaded")
        let position = events.firstIndex { $0.date > event.date } ?? events.endIndex
        var rebuilt = try CaseRecord.folding(events[..<position], calendar: calendar)
        do {
            rebuilt = try rebuilt.appending(event, calendar: calendar)
        } catch {
            throw startRefusal(for: event) ?? error
        }
        for later in events[position...] {
            do {
                rebuilt = try rebuilt.appending(later, calendar: calendar)
            } catch {
                throw EventRefusal(
                    .invalidatesLater,
                    field: "date",
                    "en hendelse datert \(event.date) ville gjøre den senere hendelsen «\(later.id)» "
                        + "(\(later.payload.type.rawValue), \(later.date)) ugyldig: \(error.reason)")
            }
        }
        return rebuilt
    }

    /// The whole case folded again from its events (after a calendar change).
    func replayed(calendar: WorkingDayCalendar) throws(EventRefusal) -> CaseRecord {
        precondition(hasHistory, "a replay needs the case's history loaded")
        return try CaseRecord.folding(events, calendar: calendar)
    }

    /// A case folded from events already in application order.
    private static func folding(
        _ events: some Sequence<Event>, calendar: WorkingDayCalendar
    ) throws(EventRefusal)
        -> CaseRecord
    {
        var record = CaseRecord()
        for event in events { record = try record.appending(event, calendar: calendar) }
        return record
    }

    /// "A stop before its start": a stop dated before the first start of its kind in this case.
    private func startRefusal(for event: Event) -> EventRefusal? {
        guard !event.payload.type.isStarting,
            let start = events.first(where: {
                $0.payload.type == event.payload.type.startingType && $0.date > event.date
            })
        else { return nil }
        return EventRefusal(
            .beforeStart,
            field: "date",
            "\(event.payload.type.rawValue) datert \(event.date) er før starten (\(start.payload.type.rawValue) \(start.date))"
        )
    }

    // MARK: - The fold

    // Each rule's transitions (start, stop, cancel, checks) live in its file under `Rules/`;
    // these helpers are what they share.

    /// Starts a clock of `rule` by `event`; returns its index.
    mutating func startClock(_ rule: RuleID, by event: Event, due: CalendarDate) -> Int {
        clocks.append(Clock(id: ClockID(eventID: event.storedID, rule: rule), start: event.date, due: due))
        return clocks.count - 1
    }

    /// Ends a clock that is still open; an ended one keeps its ending.
    mutating func end(_ index: Int?, _ ending: ClockEnding) {
        guard let index, clocks[index].isOpen else { return }
        clocks[index].ending = ending
    }

    /// Whether the clock at `index` exists and is open.
    func isOpen(_ index: Int?) -> Bool {
        guard let index else { return false }
        return clocks[index].isOpen
    }

    /// A deadline computation that left the calendar's range.
    func calendarRefusal(_ field: String, _ error: CalendarError) -> EventRefusal {
        EventRefusal(.outOfRange, field: field, "\(error)")
    }

    /// "The case has no … as of date".
    func noTrack(_ what: String, on date: CalendarDate) -> EventRefusal {
        EventRefusal(.state, field: "type", "saken har ikke \(what) per \(date)")
    }

    /// Applies one event to this record (a copy: `appending` keeps it only if this succeeds).
    private mutating func fold(_ event: Event, calendar: WorkingDayCalendar) throws(EventRefusal) {
        let type = event.payload.type
        if lastDate == nil, !type.isStarting {
            throw EventRefusal(
                .unknownCase, field: "case",
                "ukjent sak «\(event.caseRef)»: første hendelse i en sak må være referral.received, "
                    + "complaint.received, vedtak4a.made eller incident.occurred")
        }
        if let closedOn, !type.isStarting, referral == nil, complaint == nil, vedtak == nil, incident == nil {
            throw EventRefusal(
                .state, field: "type", "saken ble avsluttet \(closedOn); bare en startende hendelse kan åpne den igjen")
        }
        let date = event.date
        switch event.payload {
        case .referralReceived(let group, let workingDays):
            try startVurderingsfrist(by: event, group: group, workingDays: workingDays, calendar: calendar)
        case .referralAssessed(let outcome, let frist, let scheduled):
            try stopVurderingsfrist(on: date)
            guard outcome == .right else { return }
            guard let frist else { throw EventRefusal(.missingField, field: "frist", "påkrevd når outcome er «right»") }
            let care = try startFristHelsehjelp(by: event, frist: frist, scheduled: scheduled)
            try checkOverCap(care, frist: frist, calendar: calendar)
        case .referralScheduled(let scheduled):
            try schedule(scheduled, on: date)
        case .referralPostponed(_, let frist):
            try postpone(to: frist, on: date)
        case .referralHelfoNotified:
            try notifyHelfo(on: date)
        case .referralStarted(let substantive):
            try stopFristHelsehjelp(on: date)
            if !substantive { try startReellOppstart(by: event, calendar: calendar) }
        case .referralTreatmentStarted:
            try stopReellOppstart(on: date)
        case .referralClosed:
            close(on: date)
        case .complaintReceived(let months):
            try startStatsforvalterKlage(by: event, months: months)
        case .complaintDecided:
            try stopStatsforvalterKlage(on: date)
        case .vedtakMade(let validUntil):
            try makeVedtak(by: event, validUntil: validUntil)
        case .vedtakAppealed:
            try cancelOverproving4A8(on: date)
        case .vedtakReviewed:
            try stopOverproving4A8(on: date)
        case .vedtakEnded:
            try endVedtak(on: date)
        case .incidentOccurred:
            try startMoteAlvorligHendelse(by: event)
        case .incidentMeetingOffered:
            try stopMoteAlvorligHendelse(on: date)
        }
    }

    /// `referral.closed`: every open clock of the case is cancelled; the duties lapse.
    private mutating func close(on date: CalendarDate) {
        for index in clocks.indices { end(index, .cancelled(date)) }
        referral = nil
        complaint = nil
        vedtak = nil
        incident = nil
        closedOn = date
    }
}

extension EventType {
    /// The type that starts the track this type belongs to.
    var startingType: EventType {
        switch self {
        case .referralReceived, .referralAssessed, .referralScheduled, .referralPostponed, .referralHelfoNotified,
            .referralStarted, .referralTreatmentStarted, .referralClosed:
            .referralReceived
        case .complaintReceived, .complaintDecided: .complaintReceived
        case .vedtakMade, .vedtakAppealed, .vedtakReviewed, .vedtakEnded: .vedtakMade
        case .incidentOccurred, .incidentMeetingOffered: .incidentOccurred
        }
    }
}

/// An optional clock index in 32 bits (-1 for none): a case has a handful of clocks.
struct CompactIndex: Sendable {
    private let raw: Int32

    init(_ value: Int?) { raw = value.map { Int32($0) } ?? -1 }

    var value: Int? { raw < 0 ? nil : Int(raw) }
}

extension CaseRecord {
    /// Where a record's `clocks` array keeps its buffer reference, in bytes from the record.
    private static let clocksOffset = MemoryLayout<CaseRecord>.offset(of: \CaseRecord.clocks)!

    /// Asks the processor to fetch the clocks of the record at `index` (if there is one) into the
    /// cache, without reading them: each case's clocks are a heap buffer of their own, and a pass
    /// over every case otherwise waits for each buffer in turn. Neither retains nor reads the
    /// array; a hint only.
    static func prefetchClocks(in records: UnsafeBufferPointer<CaseRecord>, at index: Int) {
        guard index < records.count, let base = records.baseAddress else { return }
        let record = UnsafeRawPointer(base + index)
        let buffer = record.load(fromByteOffset: clocksOffset, as: UnsafeRawPointer.self)
        fristvakt_prefetch(buffer)
    }
}
