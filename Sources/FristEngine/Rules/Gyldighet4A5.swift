import FristCalendar

/// pbrl § 4A-5 første ledd: a vedtak on coercive help lasts at most one year. Starts at
/// `vedtak4a.made`; due is `valid_until`, at most the vedtak date + 12 months (§ 148); stopped
/// by a new vedtak, cancelled by `vedtak4a.ended`.
enum Gyldighet4A5: Rule {
    static var id: RuleID { .gyldighet4A5 }

    static let definition = RuleDefinition(
        name: "4a5-gyldighet", title: "Gyldighet for § 4A-vedtak", law: "pbrl § 4A-5 første ledd",
        counting: .calendarDays, defaultWarningWindow: 30, stateCode: 5)

    static let reactions: Set<EventType> = [.vedtakMade, .vedtakEnded]

    /// Slot flag: the vedtak has ended (`vedtak4a.ended`).
    static let ended: UInt8 = 1
    static let slotFlags = ended

    /// The longest validity of a vedtak, in months.
    static let maximumValidityMonths = 12

    static func react(
        to event: Event, in record: inout CaseRecord, calendar: WorkingDayCalendar
    ) throws(EventRefusal) {
        switch event.payload {
        case .vedtakMade(let validUntil): try make(by: event, validUntil: validUntil, in: &record)
        case .vedtakEnded: try end(on: event.date, in: &record)
        default: break
        }
    }

    /// `vedtak4a.made` (after § 4A-8 started its review): a `valid_until` before the vedtak or
    /// more than 12 months after it is refused; a previous vedtak's validity stops; the new
    /// validity clock starts.
    private static func make(
        by event: Event, validUntil: CalendarDate?, in record: inout CaseRecord
    ) throws(EventRefusal) {
        let latest = try record.deadline("date") { () throws(CalendarError) in
            try event.date.adding(months: maximumValidityMonths)
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
        record.end(record.clock(of: id), .stopped(event.date))
        record.startClock(id, by: event, due: validUntil ?? latest)
        record.slots.set(ended, of: id, to: false)
    }

    /// `vedtak4a.ended`: the coercive help ended; both § 4A clocks are cancelled.
    private static func end(on date: CalendarDate, in record: inout CaseRecord) throws(EventRefusal) {
        guard let validity = record.clock(of: id), record.slots.flags(of: id) & ended == 0 else {
            throw record.noTrack("et gjeldende § 4A-vedtak", on: date)
        }
        record.end(record.clock(of: .overproving4A8), .cancelled(date))
        record.end(validity, .cancelled(date))
        record.slots.set(ended, of: id, to: true)
    }
}

extension RuleID {
    /// `4a5-gyldighet`.
    public static let gyldighet4A5 = RuleID(Gyldighet4A5.self)
}
