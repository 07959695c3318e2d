public import FristCalendar

/// The engine's part of the configuration (docs/configuration.md): the calendar, the warning windows
/// and the reminder interval. Every value defaults to rules.md.
public struct EngineConfiguration: Sendable, Equatable {
    /// The working-day calendar's options.
    public var calendar: CalendarOptions
    /// Warning windows that differ from the rules' defaults, in each rule's own days.
    public var warningWindows: [RuleID: Int]
    /// While a clock stays breached, repeat the breach every this many working days.
    public var reminderIntervalWorkingDays: Int

    /// The default reminder interval (rules.md § 2).
    public static let defaultReminderIntervalWorkingDays = 5

    /// Creates a configuration; with no arguments, the defaults of rules.md.
    public init(
        calendar: CalendarOptions = CalendarOptions(),
        warningWindows: [RuleID: Int] = [:],
        reminderIntervalWorkingDays: Int = defaultReminderIntervalWorkingDays
    ) {
        self.calendar = calendar
        self.warningWindows = warningWindows
        self.reminderIntervalWorkingDays = reminderIntervalWorkingDays
    }

    /// The warning window in force for a rule.
    public func warningWindow(for rule: RuleID) -> Int {
        warningWindows[rule] ?? rule.definition.defaultWarningWindow
    }
}
