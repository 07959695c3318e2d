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

    /// Each rule's slot: the index of its current clock and its flags (see `Rule`).
    var slots = Slots()
    var closedOn: CalendarDate?

    /// The date of the last applied event (the latest date, as events are kept in date order).
    var lastDate: CalendarDate?

    /// The case with `event` applied after every event already applied (it is dated on or after
    /// them), or the refusal. Validate, then change: the fold works on a copy, so a refusal found
    /// half way through a transition leaves this record exactly as it was.
    func appending(_ event: Event, calendar: WorkingDayCalendar) throws(EventRefusal) -> CaseRecord {
        var next = self
        try next.fold(event, calendar: calendar)
        next.record(event)
        return next
    }

    /// `appending` in place, with the same promise: on a refusal this record is as it was. The
    /// fold changes the clocks where they are (a copy of the record would share its arrays, and
    /// the first change would copy them); the clocks as they were wait in `saved`, a buffer the
    /// caller reuses for every event, and come back on a refusal. The history is taken out
    /// meanwhile and appended to only once the fold succeeded.
    mutating func append(
        _ event: Event, calendar: WorkingDayCalendar, saved: inout [Clock]
    ) throws(EventRefusal) {
        saved.removeAll(keepingCapacity: true)
        saved.append(contentsOf: clocks)
        var history: [Event] = []
        swap(&history, &events)
        var current: [Clock] = []
        swap(&current, &clocks)
        let before = self  // neither array: the slots, dates and unit
        swap(&current, &clocks)
        do throws(EventRefusal) {
            try fold(event, calendar: calendar)
        } catch {
            self = before
            clocks = Array(saved)
            events = history
            throw error
        }
        events = history
        record(event)
    }

    /// Keeps what a folded event leaves beside the clocks: its place in the history, its date and
    /// its unit.
    private mutating func record(_ event: Event) {
        if hasHistory { events.append(event) }
        lastDate = max(lastDate ?? event.date, event.date)
        if let unit = event.unit { self.unit = unit }
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

    /// Events in arrival order put in the order `events` keeps: by date, then arrival.
    static func inApplicationOrder(_ arrivals: [Event]) -> [Event] {
        arrivals.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
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

    /// Starts a clock of `rule` by `event`, makes it the rule's current clock, and returns its
    /// index. The rule's flags stay as they were.
    @discardableResult
    mutating func startClock(_ rule: RuleID, by event: Event, due: CalendarDate) -> Int {
        clocks.append(Clock(id: ClockID(eventID: event.storedID, rule: rule), start: event.date, due: due))
        slots.setClock(clocks.count - 1, of: rule)
        return clocks.count - 1
    }

    /// Starts the rule's clock by `event`, due as `due` computes it (a calendar error refused on
    /// `field`), unless the case has one open: then refused with `alreadyOpen` given that clock's
    /// start.
    mutating func startUnlessOpen(
        _ rule: RuleID, by event: Event, field: String, alreadyOpen: (CalendarDate) -> String,
        due: () throws(CalendarError) -> CalendarDate
    ) throws(EventRefusal) {
        if let open = openClock(of: rule) {
            throw EventRefusal(.state, field: "type", alreadyOpen(clocks[open].start))
        }
        startClock(rule, by: event, due: try deadline(field, due))
    }

    /// Stops the rule's open clock on `date`, or refuses: the case has no `missing` that day.
    mutating func stopOpen(_ rule: RuleID, on date: CalendarDate, missing: String) throws(EventRefusal) {
        guard let open = openClock(of: rule) else { throw noTrack(missing, on: date) }
        end(open, .stopped(date))
    }

    /// The index of the rule's current clock, open or ended, if it has one in this case.
    func clock(of rule: RuleID) -> Int? { slots.clock(of: rule) }

    /// The index of the rule's current clock when it is open.
    func openClock(of rule: RuleID) -> Int? {
        guard let index = slots.clock(of: rule), clocks[index].isOpen else { return nil }
        return index
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

    /// The date `compute` gives, or its calendar error (a deadline past the calendar's range)
    /// refused on `field`.
    func deadline(
        _ field: String, _ compute: () throws(CalendarError) -> CalendarDate
    ) throws(EventRefusal) -> CalendarDate {
        do { return try compute() } catch { throw EventRefusal(.outOfRange, field: field, "\(error)") }
    }

    /// "The case has no … as of date".
    func noTrack(_ what: String, on date: CalendarDate) -> EventRefusal {
        EventRefusal(.state, field: "type", "saken har ikke \(what) per \(date)")
    }

    /// Applies one event to the clocks and slots; a refusal may leave them half changed, so the
    /// callers keep what to go back to (`appending` works on a copy, `append` saves the clocks).
    private mutating func fold(_ event: Event, calendar: WorkingDayCalendar) throws(EventRefusal) {
        let type = event.payload.type
        if lastDate == nil, !type.isStarting {
            throw EventRefusal(
                .unknownCase, field: "case",
                "ukjent sak «\(event.caseRef)»: første hendelse i en sak må være \(Self.startingTypes)")
        }
        if let closedOn, !type.isStarting, slots.isEmpty {
            throw EventRefusal(
                .state, field: "type", "saken ble avsluttet \(closedOn); bare en startende hendelse kan åpne den igjen")
        }
        if type == .referralClosed {
            close(on: event.date)
            return
        }
        // Each rule starts at most one clock per event, and every index must fit its slot.
        guard clocks.count + Rules.all.count <= Slots.maximumClocks else {
            throw EventRefusal(
                .state, field: "case", "saken har nådd grensen på \(Slots.maximumClocks) frister; opprett en ny sak")
        }
        for rule in Rules.reacting[type.ordinal] {
            try rule.react(to: event, in: &self, calendar: calendar)
        }
    }

    /// The types that may open a case, for the refusal of another: "a, b eller c".
    private static let startingTypes: String = {
        let names = EventType.allCases.filter(\.isStarting).map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " eller " + names.last!
    }()

    /// `referral.closed`: every open clock of the case is cancelled; the duties lapse.
    private mutating func close(on date: CalendarDate) {
        for index in clocks.indices { end(index, .cancelled(date)) }
        slots = Slots()
        closedOn = date
    }
}
