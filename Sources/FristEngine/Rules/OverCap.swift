import FristCalendar

/// prioriteringsforskriften, under pbrl § 2-2 a: for children and young people under 23 with
/// mental illness or substance dependence the frist may not be set later than 65 working days
/// after the referral was received. Fires at assessment when the frist is over that cap.
public enum OverCap {
    /// The law reference cited in the alert.
    public static let law = "prioriteringsforskriften (under 23 år, psykisk helse og rus: 65 virkedager)"
    /// The cap in working days after the referral was received.
    public static let capWorkingDays = 65

    /// The latest frist allowed for a referral of the `under23-psych` group.
    static func cap(received: CalendarDate, calendar: WorkingDayCalendar) throws(CalendarError) -> CalendarDate {
        try calendar.addingWorkingDays(capWorkingDays, to: received)
    }
}

extension CaseRecord {
    /// At assessment, once the frist clock has started: an `under23-psych` referral whose frist
    /// is past the cap marks the clock for the `over-cap` alert.
    mutating func checkOverCap(frist: CalendarDate, calendar: WorkingDayCalendar) throws(EventRefusal) {
        guard referralGroup == .under23Psych, let received = referralReceived, let care = clock(of: .fristHelsehjelp)
        else { return }
        let cap = try deadline("frist") { () throws(CalendarError) in
            try OverCap.cap(received: received, calendar: calendar)
        }
        if frist > cap { clocks[care].overCapFrist = frist }
    }
}
