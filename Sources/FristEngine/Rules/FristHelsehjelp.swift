import FristCalendar

/// pbrl § 2-2 a (formerly § 2-1 b andre ledd): the frist for nødvendig helsehjelp set at
/// assessment must be kept. Starts at `referral.assessed` with outcome `right`; due is the frist
/// the clinician set (moved by `referral.postponed`); stops at `referral.started`.
extension RuleDefinition {
    /// The rule.
    public static let fristHelsehjelp = RuleDefinition(
        id: .fristHelsehjelp, title: "Frist for helsehjelp", law: "pbrl § 2-2 a",
        counting: .workingDays, defaultWarningWindow: 10, stateCode: 1)
}

extension CaseRecord {
    /// `referral.assessed` with a right: the frist clock starts, with the planned start if one
    /// was given. A frist before the assessment date is refused. Returns the clock's index.
    mutating func startFristHelsehjelp(
        by event: Event, frist: CalendarDate, scheduled: CalendarDate?
    ) throws(EventRefusal) -> Int {
        guard frist >= event.date else {
            throw EventRefusal(.dateOrder, field: "frist", "fristen \(frist) er før vurderingsdatoen \(event.date)")
        }
        let care = startClock(.fristHelsehjelp, by: event, due: frist)
        if let scheduled {
            clocks[care].scheduled = scheduled
            clocks[care].scheduledSince = event.date
        }
        referral?.care = care
        return care
    }

    /// `referral.scheduled`: records or moves the planned start (`helfo-required` judges it).
    mutating func schedule(_ scheduled: CalendarDate, on date: CalendarDate) throws(EventRefusal) {
        let care = try openCare(on: date)
        clocks[care].scheduled = scheduled
        clocks[care].scheduledSince = date
    }

    /// `referral.postponed` (patient-caused or medical, NPR's "utsettelse"): a new frist moves the
    /// deadline and judges the clock again, even an exempt one; none makes the clock exempt.
    mutating func postpone(to frist: CalendarDate?, on date: CalendarDate) throws(EventRefusal) {
        let care = try openCare(on: date)
        guard let frist else {
            end(care, .exempt(date))
            return
        }
        guard frist >= date else {
            throw EventRefusal(.dateOrder, field: "frist", "ny frist \(frist) er før utsettelsesdatoen \(date)")
        }
        clocks[care].due = frist
        clocks[care].dueSince = date
        clocks[care].ending = nil
    }

    /// `referral.started`: the waiting ends and the frist clock stops.
    mutating func stopFristHelsehjelp(on date: CalendarDate) throws(EventRefusal) {
        let care = try openCare(on: date)
        end(care, .stopped(date))
        referral?.started = true
    }

    /// The `frist-helsehjelp` clock that care events act on: assessed with a right, not started.
    func openCare(on date: CalendarDate) throws(EventRefusal) -> Int {
        guard let track = referral, let care = track.care else {
            throw noTrack("en frist for helsehjelp (referral.assessed med outcome «right»)", on: date)
        }
        guard !track.started else {
            throw EventRefusal(.state, field: "type", "helsehjelpen har allerede startet for denne saken")
        }
        return care
    }
}
