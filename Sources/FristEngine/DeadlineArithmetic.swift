import FristCalendar

/// The day-by-day arithmetic of rules.md § 3 for one configuration: days left, overdue, the
/// warning window, and the alert level a clock has reached on a day. Every call is O(1).
///
/// Levels order what a running clock can be alerted for on its current deadline:
/// 0 nothing, 1 at-risk, 2 breached, 2 + k the k-th reminder.
struct DeadlineArithmetic: Sendable {
    let calendar: WorkingDayCalendar
    /// Per rule (by `RuleID.ordinal`): the warning window and whether it counts working days,
    /// looked up once here because `level` runs for every clock every day.
    private let windows: [Int]
    private let countsWorkingDays: [Bool]
    private let reminderInterval: Int

    init(calendar: WorkingDayCalendar, configuration: EngineConfiguration) {
        self.calendar = calendar
        windows = RuleID.allCases.map { configuration.warningWindow(for: $0) }
        countsWorkingDays = RuleID.allCases.map { $0.definition.counting == .workingDays }
        reminderInterval = configuration.reminderIntervalWorkingDays
    }

    /// `left(T)`: working days W with T < W ≤ due, or calendar days due − T.
    func left(_ clock: Clock, on today: CalendarDate) -> Int {
        countsWorkingDays[clock.rule.ordinal]
            ? calendar.workingDays(after: today, through: clock.due) : today.days(to: clock.due)
    }

    /// `overdue(T)`: working days W with due < W ≤ T (for every rule).
    func overdue(_ clock: Clock, on today: CalendarDate) -> Int {
        calendar.workingDays(after: clock.due, through: today)
    }

    /// `FRIST_DAYS_LEFT`: `left(T)` while on time, minus the overdue amount once breached.
    func daysLeft(_ clock: Clock, on today: CalendarDate) -> Int {
        if today <= clock.due { return left(clock, on: today) }
        return countsWorkingDays[clock.rule.ordinal] ? -overdue(clock, on: today) : -clock.due.days(to: today)
    }

    /// The first day the clock is at risk for its current deadline (never before the deadline
    /// took effect).
    func atRiskDate(_ clock: Clock) -> CalendarDate {
        let window = windows[clock.rule.ordinal]
        let entry =
            countsWorkingDays[clock.rule.ordinal]
            ? calendar.firstDay(withAtMost: window, workingDaysUntil: clock.due)
            : (try? clock.due.adding(days: -window)) ?? CalendarDate.earliest
        return max(entry, clock.dueSince)
    }

    /// The level an open clock has reached on a day.
    func level(_ clock: Clock, on today: CalendarDate) -> Int {
        if today > clock.due {
            return 2 + overdue(clock, on: today) / reminderInterval
        }
        return today >= atRiskDate(clock) ? 1 : 0
    }

    /// The first day a level is reached, or nil when that lies beyond the calendar.
    func date(ofLevel level: Int, for clock: Clock) -> CalendarDate? {
        switch level {
        case ...0: return clock.dueSince
        case 1: return atRiskDate(clock)
        case 2: return try? clock.due.adding(days: 1)
        default:
            let overdue = (level - 2) * reminderInterval
            return try? calendar.addingWorkingDays(overdue, to: clock.due)
        }
    }

    /// The clock's state on a day.
    func state(_ clock: Clock, on today: CalendarDate) -> ClockState {
        switch clock.ending {
        case .stopped(let date): return date <= clock.due ? .met : .metLate
        case .cancelled: return .cancelled
        case .exempt: return .exempt
        case nil:
            switch level(clock, on: today) {
            case 0: return .running
            case 1: return .atRisk
            default: return .breached
            }
        }
    }
}
