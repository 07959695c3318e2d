import FristCalendar

/// The complaint's first stop. A complaint under pbrl § 7-2 goes first to whoever made the
/// decision (a hospital or a kommune), and forvaltningsloven applies (pbrl § 7-7): the body must
/// give a foreløpig svar when it cannot answer within a month (fvl § 11 a tredje ledd), and
/// either change its decision or send the case to Statsforvalteren as soon as it is prepared
/// (fvl § 33). The Ombud's 2025 report names complaints left at this stop, and complaints sent
/// back and forth, as its first concern.
///
/// Starts at `complaint.filed` (due one calendar month later, domstolloven § 148); a
/// `complaint.interim-reply` moves the due date to the reply's `expected` date. Stops at
/// `complaint.forwarded`, `complaint.resolved-locally`, or Statsforvalteren's
/// `complaint.received`; cancelled by `complaint.withdrawn`. A `complaint.returned` cancels
/// Statsforvalteren's clock and starts a new round here.
enum KlageUnderinstans: Rule {
    static var id: RuleID { .klageUnderinstans }

    static let definition = RuleDefinition(
        name: "klage-underinstans", title: "Klage hos den som fattet vedtaket",
        law: "fvl § 11 a tredje ledd og § 33, jf. pbrl § 7-2 første ledd siste punktum og § 7-7",
        counting: .calendarDays, defaultWarningWindow: 7, stateCode: 7)

    /// The complaint reaches the body that made the decision.
    static let filed = EventSpec(starting: "complaint.filed").titled("klage mottatt")
    /// The foreløpig svar, with the date the body expects to answer by.
    static let interimReply = EventSpec(
        "complaint.interim-reply", track: filed.name, fields: [FieldSpec("expected", .date, required: true)]
    ).titled("foreløpig svar sendt")
    /// The body sends the complaint on to Statsforvalteren (fvl § 33).
    static let forwarded = EventSpec("complaint.forwarded", track: filed.name).titled(
        "klage sendt til Statsforvalteren")
    /// The body changes its decision itself.
    static let resolvedLocally = EventSpec("complaint.resolved-locally", track: filed.name).titled(
        "klage avgjort lokalt")
    /// The patient withdraws the complaint, wherever it is.
    static let withdrawn = EventSpec("complaint.withdrawn", track: filed.name).titled("klage trukket")
    /// Statsforvalteren sends the case back for another round.
    static let returned = EventSpec("complaint.returned", track: "complaint.received").titled("klage sendt tilbake")

    static let events = [filed, interimReply, forwarded, resolvedLocally, withdrawn, returned]

    static let reactions = Set(events.map(\.type)).union([.complaintReceived])

    /// Months the body has before a foreløpig svar is due.
    static let answerMonths = 1

    static func react(
        to event: Event, in record: inout CaseRecord, calendar: WorkingDayCalendar
    ) throws(EventRefusal) {
        let date = event.date
        switch event.payload.type {
        case .complaintReceived:
            // Statsforvalteren has the case, so it was forwarded by then.
            record.end(record.openClock(of: id), .stopped(date))
        case filed.type:
            if let open = record.openClock(of: id) ?? record.openClock(of: .statsforvalterKlage) {
                let place = record.clocks[open].rule == id ? "hos den som fattet vedtaket" : "hos Statsforvalteren"
                throw EventRefusal(
                    .state, field: "type",
                    "saken har allerede en åpen klage \(place) (fra \(record.clocks[open].start))")
            }
            try startRound(by: event, in: &record)
        case interimReply.type:
            let open = try openComplaint(in: record, on: date)
            guard case .declared(let reply) = event.payload, let expected = reply.date("expected") else { return }
            guard expected >= date else {
                throw EventRefusal(
                    .dateOrder, field: "expected", "forventet svar \(expected) er før det foreløpige svaret \(date)")
            }
            record.clocks[open].due = expected
            record.clocks[open].dueSince = date
        case forwarded.type, resolvedLocally.type:
            record.end(try openComplaint(in: record, on: date), .stopped(date))
        case withdrawn.type:
            let here = record.openClock(of: id)
            let there = record.openClock(of: .statsforvalterKlage)
            guard here != nil || there != nil else { throw record.noTrack("en åpen klage", on: date) }
            record.end(here, .cancelled(date))
            record.end(there, .cancelled(date))
        case returned.type:
            guard let there = record.openClock(of: .statsforvalterKlage) else {
                throw record.noTrack("en åpen klage hos Statsforvalteren", on: date)
            }
            record.end(there, .cancelled(date))
            try startRound(by: event, in: &record)
        default: break
        }
    }

    /// A round at the first stop: due one calendar month after `event`.
    private static func startRound(by event: Event, in record: inout CaseRecord) throws(EventRefusal) {
        let due = try record.deadline("date") { () throws(CalendarError) in try event.date.adding(months: answerMonths)
        }
        record.startClock(id, by: event, due: due)
    }

    private static func openComplaint(in record: CaseRecord, on date: CalendarDate) throws(EventRefusal) -> Int {
        guard let open = record.openClock(of: id) else {
            throw record.noTrack("en åpen klage hos den som fattet vedtaket (complaint.filed)", on: date)
        }
        return open
    }

    // MARK: - Report

    static let section = ReportSection(
        group: "klage_underinstans",
        figures: [
            (key: "done", title: "Klager besvart eller sendt videre"), (key: "late", title: "Besvart for sent"),
            (key: "returned", title: "Klager sendt tilbake"),
        ],
        heading: "Klager hos den som fattet vedtaket",
        explanation: "Klager der den som fattet vedtaket (sykehuset eller kommunen) i måneden endret vedtaket, "
            + "sendte saken til Statsforvalteren, eller saken kom inn hos Statsforvalteren; for sent er etter "
            + "fristen (en måned, eller datoen i et foreløpig svar). Sendt tilbake: saker Statsforvalteren sendte "
            + "tilbake til ny behandling i måneden. Pasient- og brukerombudenes årsmelding for 2025 peker på "
            + "klager som ikke sendes videre, og saker som går fram og tilbake i flere runder.",
        source: definition.law)

    static let reportSections = [section]

    static func countStopped(
        _ clock: Clock, on stop: CalendarDate, context: ReportContext, into row: inout MonthlyReport.Row
    ) {
        row[section.figure("done")] += 1
        if stop > clock.due { row[section.figure("late")] += 1 }
    }

    static func countEvent(_ event: Event, into row: inout MonthlyReport.Row) {
        if event.payload.type == returned.type { row[section.figure("returned")] += 1 }
    }
}

extension RuleID {
    /// `klage-underinstans`.
    public static let klageUnderinstans = RuleID(KlageUnderinstans.self)
}
