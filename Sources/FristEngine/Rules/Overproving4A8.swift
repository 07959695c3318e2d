import FristCalendar

/// pbrl § 4A-8 andre ledd: when a § 4A-5 vedtak is not appealed and the help goes on,
/// Statsforvalteren shall review it of its own motion when three months have passed. A duty of
/// an authority, not moved (§ 148 only). Starts at `vedtak4a.made`; stops at
/// `vedtak4a.reviewed`; cancelled by `vedtak4a.appealed`, `vedtak4a.ended` or a new vedtak.
extension RuleDefinition {
    /// The rule.
    public static let overproving4A8 = RuleDefinition(
        id: .overproving4A8, title: "Statsforvalterens overprøving av § 4A-vedtak", law: "pbrl § 4A-8 andre ledd",
        counting: .calendarDays, defaultWarningWindow: 14, stateCode: 4)

    /// Months from the vedtak to the review.
    public static let reviewMonths = 3

    /// Due: the vedtak date plus three months.
    static func overproving4A8Due(vedtak: CalendarDate) throws(CalendarError) -> CalendarDate {
        try vedtak.adding(months: reviewMonths)
    }
}

extension CaseRecord {
    /// `vedtak4a.made`: the review clock of the new vedtak; returns its index.
    mutating func startOverproving4A8(by event: Event) throws(EventRefusal) -> Int {
        let review: CalendarDate
        do { review = try RuleDefinition.overproving4A8Due(vedtak: event.date) } catch {
            throw calendarRefusal("date", error)
        }
        return startClock(.overproving4A8, by: event, due: review)
    }

    /// `vedtak4a.appealed`: the complaint runs instead; the review lapses.
    mutating func cancelOverproving4A8(on date: CalendarDate) throws(EventRefusal) {
        end(try openReview(on: date), .cancelled(date))
    }

    /// `vedtak4a.reviewed`: Statsforvalteren reviewed the vedtak.
    mutating func stopOverproving4A8(on date: CalendarDate) throws(EventRefusal) {
        end(try openReview(on: date), .stopped(date))
    }

    private func openReview(on date: CalendarDate) throws(EventRefusal) -> Int {
        guard let track = vedtak, isOpen(track.review) else {
            throw noTrack("en løpende overprøving etter § 4A-8", on: date)
        }
        return track.review
    }
}
