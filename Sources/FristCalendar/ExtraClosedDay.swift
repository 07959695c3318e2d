/// Days that are ordinary working days in law but that many hospitals close on; a configuration
/// may name them to treat them as closed (rules.md § 1). Never closed by default.
public enum ExtraClosedDay: String, CaseIterable, Sendable {
    /// 24 December.
    case julaften
    /// 31 December.
    case nyttarsaften
    /// The Wednesday before skjærtorsdag (Easter Sunday − 4).
    case onsdagForSkjaertorsdag = "onsdag-for-skjaertorsdag"

    /// The day's date in a year.
    public func date(in year: Int) throws(CalendarError) -> CalendarDate {
        switch self {
        case .julaften: try CalendarDate(year: year, month: 12, day: 24)
        case .nyttarsaften: try CalendarDate(year: year, month: 12, day: 31)
        case .onsdagForSkjaertorsdag: try Easter.sunday(in: year).adding(days: -4)
        }
    }
}
