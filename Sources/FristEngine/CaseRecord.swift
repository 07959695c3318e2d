import FristCalendar

/// One case: its accepted events in application order (date, then arrival) and the clocks they
/// fold into. The clocks are a pure function of the events and the calendar.
struct CaseRecord: Sendable {
    /// The case's accepted events, sorted by date, then arrival.
    private(set) var events: [Event] = []
    /// Every clock the case has had, current and ended, in the order they started.
    private(set) var clocks: [Clock] = []
    /// The unit of the latest event that named one.
    private(set) var unit: String?

    private struct ReferralTrack {
        var received: CalendarDate
        var group: PatientGroup
        var assessment: Int
        var care: Int?
        var started = false
        var realStart: Int?
    }

    private struct VedtakTrack {
        var review: Int
        var validity: Int
        var ended = false
    }

    private var referral: ReferralTrack?
    private var complaint: Int?
    private var vedtak: VedtakTrack?
    private var incident: Int?
    private var closedOn: CalendarDate?

    /// The date of the last applied event.
    var lastDate: CalendarDate? { events.last?.date }

    /// The case with `event` applied after every event already applied (it is dated on or after
    /// them), or the refusal. Validate, then change: the fold works on a copy, so a refusal found
    /// half way through a transition leaves this record exactly as it was.
    func appending(_ event: Event, calendar: WorkingDayCalendar) throws(EventRefusal) -> CaseRecord {
        var next = self
        try next.fold(event, calendar: calendar)
        next.events.append(event)
        if let unit = event.unit { next.unit = unit }
        return next
    }

    /// The case rebuilt with `event` inserted after every event dated on or before it, or the
    /// refusal that insertion causes (its own, or that of a later event it would invalidate).
    func inserting(_ event: Event, calendar: WorkingDayCalendar) throws(EventRefusal) -> CaseRecord {
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
        try CaseRecord.folding(events, calendar: calendar)
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

    private mutating func startClock(_ rule: RuleID, by event: Event, due: CalendarDate) -> Int {
        clocks.append(Clock(id: ClockID(event: event.id, rule: rule), start: event.date, due: due))
        return clocks.count - 1
    }

    private mutating func end(_ index: Int?, _ ending: ClockEnding) {
        guard let index, clocks[index].isOpen else { return }
        clocks[index].ending = ending
    }

    private func isOpen(_ index: Int?) -> Bool {
        guard let index else { return false }
        return clocks[index].isOpen
    }

    private func calendarRefusal(_ field: String, _ error: CalendarError) -> EventRefusal {
        EventRefusal(.outOfRange, field: field, "\(error)")
    }

    private mutating func fold(_ event: Event, calendar: WorkingDayCalendar) throws(EventRefusal) {
        let type = event.payload.type
        let date = event.date
        if events.isEmpty, !type.isStarting {
            throw EventRefusal(
                .unknownCase,
                field: "case",
                "ukjent sak «\(event.caseRef)»: første hendelse i en sak må være referral.received, "
                    + "complaint.received, vedtak4a.made eller incident.occurred")
        }
        if let closedOn, !type.isStarting, referral == nil, complaint == nil, vedtak == nil, incident == nil {
            throw EventRefusal(
                .state,
                field: "type", "saken ble avsluttet \(closedOn); bare en startende hendelse kan åpne den igjen")
        }
        switch event.payload {
        case .referralReceived(let group, let workingDays):
            if let referral, isOpen(referral.assessment) || isOpen(referral.care) || isOpen(referral.realStart) {
                throw EventRefusal(
                    .state,
                    field: "type", "saken har allerede en åpen henvisning (mottatt \(referral.received))")
            }
            let due: CalendarDate
            do {
                due = try RuleDefinition.vurderingsfristDue(
                    received: date, workingDays: workingDays, calendar: calendar)
            } catch { throw calendarRefusal("date", error) }
            let assessment = startClock(.vurderingsfrist, by: event, due: due)
            referral = ReferralTrack(received: date, group: group, assessment: assessment)

        case .referralAssessed(let outcome, let frist, let scheduled):
            guard var track = referral else { throw noTrack("en henvisning å vurdere", on: date) }
            guard isOpen(track.assessment) else {
                throw EventRefusal(
                    .state,
                    field: "type", "henvisningen (mottatt \(track.received)) er allerede vurdert eller avsluttet")
            }
            end(track.assessment, .stopped(date))
            guard outcome == .right else {
                referral = track
                return
            }
            guard let frist else { throw EventRefusal(.missingField, field: "frist", "påkrevd når outcome er «right»") }
            guard frist >= date else {
                throw EventRefusal(.dateOrder, field: "frist", "fristen \(frist) er før vurderingsdatoen \(date)")
            }
            let care = startClock(.fristHelsehjelp, by: event, due: frist)
            if let scheduled {
                clocks[care].scheduled = scheduled
                clocks[care].scheduledSince = date
            }
            if track.group == .under23Psych {
                let cap: CalendarDate
                do { cap = try OverCap.cap(received: track.received, calendar: calendar) } catch {
                    throw calendarRefusal("frist", error)
                }
                if frist > cap { clocks[care].overCapFrist = frist }
            }
            track.care = care
            referral = track

        case .referralScheduled(let scheduled):
            let care = try openCare(on: date)
            clocks[care].scheduled = scheduled
            clocks[care].scheduledSince = date

        case .referralPostponed(_, let frist):
            let care = try openCare(on: date)
            if let frist {
                guard frist >= date else {
                    throw EventRefusal(.dateOrder, field: "frist", "ny frist \(frist) er før utsettelsesdatoen \(date)")
                }
                clocks[care].due = frist
                clocks[care].dueSince = date
                clocks[care].ending = nil
            } else {
                end(care, .exempt(date))
            }

        case .referralHelfoNotified:
            guard let care = referral?.care else {
                throw noTrack("en frist for helsehjelp (referral.assessed med outcome «right»)", on: date)
            }
            clocks[care].helfoNotified = true

        case .referralStarted(let substantive):
            let care = try openCare(on: date)
            end(care, .stopped(date))
            referral?.started = true
            if !substantive {
                let due: CalendarDate
                do { due = try RuleDefinition.reellOppstartDue(started: date, calendar: calendar) } catch {
                    throw calendarRefusal("date", error)
                }
                let realStart = startClock(.reellOppstart, by: event, due: due)
                referral?.realStart = realStart
            }

        case .referralTreatmentStarted:
            guard let realStart = referral?.realStart, isOpen(realStart) else {
                throw noTrack("en løpende reell-oppstart (referral.started med substantive=false)", on: date)
            }
            end(realStart, .stopped(date))

        case .referralClosed:
            for index in clocks.indices { end(index, .cancelled(date)) }
            referral = nil
            complaint = nil
            vedtak = nil
            incident = nil
            closedOn = date

        case .complaintReceived(let months):
            if let complaint, isOpen(complaint) {
                throw EventRefusal(
                    .state,
                    field: "type", "saken har allerede en åpen klage (mottatt \(clocks[complaint].start))")
            }
            let due: CalendarDate
            do { due = try RuleDefinition.statsforvalterKlageDue(received: date, months: months) } catch {
                throw calendarRefusal("target_months", error)
            }
            complaint = startClock(.statsforvalterKlage, by: event, due: due)

        case .complaintDecided:
            guard isOpen(complaint) else { throw noTrack("en åpen klage", on: date) }
            end(complaint, .stopped(date))

        case .vedtakMade(let validUntil):
            let latest: CalendarDate
            let review: CalendarDate
            do {
                latest = try RuleDefinition.latestValidity(vedtak: date)
                review = try RuleDefinition.overproving4A8Due(vedtak: date)
            } catch { throw calendarRefusal("date", error) }
            if let validUntil {
                guard validUntil >= date else {
                    throw EventRefusal(.dateOrder, field: "valid_until", "\(validUntil) er før vedtaksdatoen \(date)")
                }
                guard validUntil <= latest else {
                    throw EventRefusal(
                        .invalidValue,
                        field: "valid_until",
                        "\(validUntil) er mer enn 12 måneder etter vedtaket (senest \(latest), pbrl § 4A-5)")
                }
            }
            if let previous = vedtak {
                end(previous.validity, .stopped(date))
                end(previous.review, .cancelled(date))
            }
            vedtak = VedtakTrack(
                review: startClock(.overproving4A8, by: event, due: review),
                validity: startClock(.gyldighet4A5, by: event, due: validUntil ?? latest))

        case .vedtakAppealed:
            guard let track = vedtak, isOpen(track.review) else {
                throw noTrack("en løpende overprøving etter § 4A-8", on: date)
            }
            end(track.review, .cancelled(date))

        case .vedtakReviewed:
            guard let track = vedtak, isOpen(track.review) else {
                throw noTrack("en løpende overprøving etter § 4A-8", on: date)
            }
            end(track.review, .stopped(date))

        case .vedtakEnded:
            guard var track = vedtak, !track.ended else { throw noTrack("et gjeldende § 4A-vedtak", on: date) }
            end(track.review, .cancelled(date))
            end(track.validity, .cancelled(date))
            track.ended = true
            vedtak = track

        case .incidentOccurred:
            if let incident, isOpen(incident) {
                throw EventRefusal(
                    .state,
                    field: "type", "saken har allerede en åpen svært alvorlig hendelse (\(clocks[incident].start))")
            }
            let due: CalendarDate
            do { due = try RuleDefinition.moteAlvorligHendelseDue(occurred: date) } catch {
                throw calendarRefusal("date", error)
            }
            incident = startClock(.moteAlvorligHendelse, by: event, due: due)

        case .incidentMeetingOffered:
            guard isOpen(incident) else { throw noTrack("en åpen svært alvorlig hendelse", on: date) }
            end(incident, .stopped(date))
        }
    }

    /// The `frist-helsehjelp` clock that care events act on: assessed with a right, not started.
    private func openCare(on date: CalendarDate) throws(EventRefusal) -> Int {
        guard let track = referral, let care = track.care else {
            throw noTrack("en frist for helsehjelp (referral.assessed med outcome «right»)", on: date)
        }
        guard !track.started else {
            throw EventRefusal(.state, field: "type", "helsehjelpen har allerede startet for denne saken")
        }
        return care
    }

    private func noTrack(_ what: String, on date: CalendarDate) -> EventRefusal {
        EventRefusal(.state, field: "type", "saken har ikke \(what) per \(date)")
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
