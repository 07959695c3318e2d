public import FristCalendar

/// One case as a coordinator looks it up (`fristvakt case`): its unit and every clock it has had,
/// current and ended, each with its state on a day. A value derived from the engine, no I/O.
public struct CaseView: Sendable, Equatable {
    /// One clock of the case on the day.
    public struct ClockLine: Sendable, Equatable {
        /// The rule.
        public let rule: RuleID
        /// The id of the event that started it.
        public let startedBy: String
        /// The state on the day.
        public let state: ClockState
        /// The date it started.
        public let start: CalendarDate
        /// The current deadline (the last day on time).
        public let due: CalendarDate
        /// The day it stopped being judged (stopped, cancelled or exempt), if it has.
        public let stopped: CalendarDate?
        /// Days left on the day, negative when overdue (working or calendar days as the rule
        /// counts); nil for a clock no longer judged.
        public let daysLeft: Int?
        /// The open legal duty, if any.
        public let duty: OpenDuty?
        /// `frist-helsehjelp`: the latest planned start of care, if recorded.
        public let scheduled: CalendarDate?
    }

    /// The case reference.
    public let caseRef: String
    /// The unit of the latest event that named one.
    public let unit: String?
    /// The day the states are for.
    public let today: CalendarDate
    /// Every clock the case has had, in the order they started.
    public let clocks: [ClockLine]
}

extension DeadlineEngine {
    /// The case as of `today`, or nil when the engine has no such case.
    public func caseView(_ caseRef: String, on today: CalendarDate) -> CaseView? {
        guard let index = caseRefs.handle(of: caseRef) else { return nil }
        let record = records[index]
        let lines = record.clocks.map { clock in
            let state = arithmetic.state(clock, on: today)
            let stopped: CalendarDate? =
                switch clock.ending {
                case .stopped(let date), .cancelled(let date), .exempt(let date): date
                case nil: nil
                }
            return CaseView.ClockLine(
                rule: clock.rule, startedBy: clock.id.event, state: state, start: clock.start, due: clock.due,
                stopped: stopped, daysLeft: clock.isOpen ? arithmetic.daysLeft(clock, on: today) : nil,
                duty: OpenDuty.of(clock, state: state), scheduled: clock.scheduled)
        }
        return CaseView(caseRef: caseRef, unit: record.unit, today: today, clocks: lines)
    }
}
