import FristCalendar

/// pbrl § 4A-5 første ledd: a vedtak on coercive help lasts at most one year. Starts at
/// `vedtak4a.made`; due is `valid_until`, at most the vedtak date + 12 months (§ 148); stopped
/// by a new vedtak, cancelled by `vedtak4a.ended`.
extension RuleDefinition {
    /// The rule.
    public static let gyldighet4A5 = RuleDefinition(
        id: .gyldighet4A5, title: "Gyldighet for § 4A-vedtak", law: "pbrl § 4A-5 første ledd",
        counting: .calendarDays, defaultWarningWindow: 30, stateCode: 5)

    /// The longest validity of a vedtak, in months.
    public static let maximumValidityMonths = 12

    /// The latest `valid_until` a vedtak made on `vedtak` may carry.
    static func latestValidity(vedtak: CalendarDate) throws(CalendarError) -> CalendarDate {
        try vedtak.adding(months: maximumValidityMonths)
    }
}

extension CaseRecord {
    /// `vedtak4a.made`: a `valid_until` before the vedtak or more than 12 months after it is
    /// refused; a previous vedtak of the case is replaced (its validity stops, its review lapses);
    /// the new vedtak's review (§ 4A-8) and validity clocks start.
    mutating func makeVedtak(by event: Event, validUntil: CalendarDate?) throws(EventRefusal) {
        let latest: CalendarDate
        do { latest = try RuleDefinition.latestValidity(vedtak: event.date) } catch {
            throw calendarRefusal("date", error)
        }
        if let validUntil {
            guard validUntil >= event.date else {
                throw EventRefusal(.dateOrder, field: "valid_until", "\(validUntil) er før vedtaksdatoen \(event.date)")
            }
            guard validUntil <= latest else {
                throw EventRefusal(
                    .invalidValue, field: "valid_until",
                    "\(validUntil) er mer enn 12 måneder etter vedtaket (senest \(latest), pbrl § 4A-5)")
            }
        }
        let review = try startOverproving4A8(by: event)
        if let previous = vedtak {
            end(previous.validity, .stopped(event.date))
            end(previous.review, .cancelled(event.date))
        }
        vedtak = VedtakTrack(review: review, validity: startClock(.gyldighet4A5, by: event, due: validUntil ?? latest))
    }

    /// `vedtak4a.ended`: the coercive help ended; both § 4A clocks are cancelled.
    mutating func endVedtak(on date: CalendarDate) throws(EventRefusal) {
        guard var track = vedtak, !track.ended else { throw noTrack("et gjeldende § 4A-vedtak", on: date) }
        end(track.review, .cancelled(date))
        end(track.validity, .cancelled(date))
        track.ended = true
        vedtak = track
    }
}
