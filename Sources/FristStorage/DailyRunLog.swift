public import FristCalendar

/// The day of the last daily alert run, and when it ended and how long it took: a start on the
/// same day does not run it again.
public protocol DailyRunLog: Sendable {
    /// The day of the last daily alert run.
    func lastDailyRun() throws -> CalendarDate?

    /// Records the day of a daily run, and when it ended (seconds since the epoch) and how long
    /// it took (seconds), when known.
    func setLastDailyRun(_ day: CalendarDate, endedAt: Double?, duration: Double?) throws

    /// When the last daily run ended and how long it took, if recorded.
    func lastDailyRunTimes() throws -> (endedAt: Double, duration: Double)?
}
