import FristCalendar

/// pbrl § 2-2 b (formerly § 2-2 andre ledd): when the specialist service cannot give a start
/// time before the frist, or moves it past the frist, it shall contact HELFO at once.
///
/// Fires (rule `frist-helsehjelp`, due = the frist) when a scheduled start later than the frist
/// is recorded, or when the clock is at risk or breached with no scheduled start; at most once
/// per frist value; never after `referral.helfo-notified` (rules.md § 3).
public enum HelfoRequired {
    /// The law reference cited in the alert.
    public static let law = "pbrl § 2-2 b"
}

extension CaseRecord {
    /// `referral.helfo-notified`: HELFO has been told; `helfo-required` is silenced for the case.
    mutating func notifyHelfo(on date: CalendarDate) throws(EventRefusal) {
        guard let care = clock(of: .fristHelsehjelp) else {
            throw noTrack("en frist for helsehjelp (referral.assessed med outcome «right»)", on: date)
        }
        clocks[care].helfoNotified = true
    }
}

extension Clock {
    /// Whether HELFO must be contacted for a `frist-helsehjelp` clock (rules.md § 3): a planned
    /// start after the frist, or at risk or breached (asked only when needed) with no planned start.
    func helfoRequired(atRiskOrBreached: @autoclosure () -> Bool) -> Bool {
        guard rule == .fristHelsehjelp, isOpen, !helfoNotified else { return false }
        if let scheduled { return scheduled > due }
        return atRiskOrBreached()
    }
}

extension DeadlineArithmetic {
    /// Whether HELFO must be contacted for a `frist-helsehjelp` clock on a day.
    func helfoRequired(_ clock: Clock, on today: CalendarDate) -> Bool {
        clock.helfoRequired(atRiskOrBreached: level(clock, on: today) >= 1)
    }

    /// The day `helfo-required` should first have fired for the current frist.
    func helfoDate(_ clock: Clock) -> CalendarDate {
        if let scheduled = clock.scheduled, scheduled > clock.due, let since = clock.scheduledSince {
            return max(since, clock.dueSince)
        }
        return atRiskDate(clock)
    }
}
