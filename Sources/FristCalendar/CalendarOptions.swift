/// The configurable parts of the working-day calendar (rules.md § 1). The defaults are the law's.
public struct CalendarOptions: Hashable, Sendable {
    /// Whether Saturday counts as a working day (default false).
    public var saturdayIsWorkingDay: Bool
    /// Extra dates on which the hospital is closed.
    public var extraClosedDates: Set<CalendarDate>
    /// Named days closed every year (julaften, nyttårsaften, onsdag før skjærtorsdag).
    public var extraClosedDays: Set<ExtraClosedDay>

    /// Creates options; with no arguments, the law's calendar.
    public init(
        saturdayIsWorkingDay: Bool = false,
        extraClosedDates: Set<CalendarDate> = [],
        extraClosedDays: Set<ExtraClosedDay> = []
    ) {
        self.saturdayIsWorkingDay = saturdayIsWorkingDay
        self.extraClosedDates = extraClosedDates
        self.extraClosedDays = extraClosedDays
    }
}
