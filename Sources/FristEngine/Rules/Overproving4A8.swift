import FristCalendar

/// pbrl § 4A-8 andre ledd: when a § 4A-5 vedtak is not appealed and the help goes on,
/// Statsforvalteren shall review it of its own motion when three months have passed. A duty of
/// an authority, not moved (§ 148 only). Starts at `vedtak4a.made`; stops at
/// `vedtak4a.reviewed`; cancelled by `vedtak4a.appealed`, `vedtak4a.ended` or a new vedtak.
enum Overproving4A8: Rule {
    static var id: RuleID { .overproving4A8 }

    static let definition = RuleDefinition(
        name: "4a8-overproving", title: "Statsforvalterens overprøving av § 4A-vedtak",
        law: "pbrl § 4A-8 andre ledd", counting: .calendarDays, defaultWarningWindow: 14, stateCode: 4)

    static let reactions: Set<EventType> = [.vedtakMade, .vedtakAppealed, .vedtakReviewed]

    /// Months from the vedtak to the review.
    static let reviewMonths = 3

    static func react(
        to event: Event, in record: inout CaseRecord, calendar: WorkingDayCalendar
    ) throws(EventRefusal) {
        let date = event.date
        switch event.payload {
        case .vedtakMade:
            // A new vedtak: its review starts; the previous vedtak's review lapses.
            let due = try record.deadline("date") { () throws(CalendarError) in try date.adding(months: reviewMonths) }
            let previous = record.clock(of: id)
            record.startClock(id, by: event, due: due)
            record.end(previous, .cancelled(date))
        case .vedtakAppealed:
            // The complaint runs instead; the review lapses.
            record.end(try openReview(in: record, on: date), .cancelled(date))
        case .vedtakReviewed:
            record.end(try openReview(in: record, on: date), .stopped(date))
        default: break
        }
    }

    private static func openReview(in record: CaseRecord, on date: CalendarDate) throws(EventRefusal) -> Int {
        guard let review = record.openClock(of: id) else {
            throw record.noTrack("en løpende overprøving etter § 4A-8", on: date)
        }
        return review
    }

    static func countStopped(
        _ clock: Clock, on stop: CalendarDate, context: ReportContext, into row: inout MonthlyReport.Row
    ) {
        row.overproving4A8.add(inPart: stop > clock.due)
    }
}

extension RuleID {
    /// `4a8-overproving`.
    public static let overproving4A8 = RuleID(Overproving4A8.self)
}
