import FristCalendar
public import FristEngine

/// Everything `fristvakt.toml` can set (contract § 6), with the defaults of rules.md.
public struct Configuration: Sendable, Equatable {
    /// The engine's part: calendar, warning windows, reminder interval.
    public var engine = EngineConfiguration()
    /// The time zone alerts and "today" are reckoned in.
    public var timeZone = "Europe/Oslo"
    /// The daily alert run, local time.
    public var dailyAlertTime = TimeOfDay(hour: 7, minute: 0)
    /// Whether the status file lists running clocks in `open` too.
    public var statusIncludesRunning = false
    /// The status file's permission bits.
    public var statusMode = 0o640
    /// The spool directory, if set.
    public var spoolPath: String?
    /// The state directory (the database), if set.
    public var statePath: String?
    /// The status file, if set.
    public var statusPath: String?

    /// The defaults.
    public init() {}
}

/// A local time of day, `HH:MM`.
public struct TimeOfDay: Sendable, Equatable, CustomStringConvertible {
    /// 0–23.
    public let hour: Int
    /// 0–59.
    public let minute: Int

    /// Creates a time of day.
    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]),
            let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// `HH:MM`.
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
