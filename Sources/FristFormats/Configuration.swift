import FristCalendar
public import FristEngine

/// Everything `fristvakt.toml` can set (docs/configuration.md), with the defaults of rules.md.
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
    /// The metrics file (Prometheus text format), if set; none is written otherwise.
    public var metricsPath: String?
    /// The monthly report page (HTML), if set; none is written otherwise.
    public var reportPath: String?
    /// How long the spool keeps taken files.
    public var retention = Retention()
    /// The shared PostgreSQL database (`[storage] url`), if set; SQLite in the state directory
    /// otherwise.
    public var storageURL: PostgresURL?
    /// The cluster's settings, used with a shared database.
    public var cluster = ClusterSettings()

    /// The defaults.
    public init() {}
}

/// How long `processed/` and `rejected/` keep a file after the service took it, in days; 0 keeps
/// it forever. Processed files are copies of what the database holds, so a month is enough to
/// answer "did my file arrive?"; rejected files are what integrators must act on, so they stay
/// three months.
public struct Retention: Sendable, Equatable {
    /// Days a processed file is kept.
    public var processedDays = 30
    /// Days a rejected file and its report are kept.
    public var rejectedDays = 90

    /// The defaults.
    public init() {}
}

/// A node's name and the leadership lease's timings (`[cluster]`, docs/operations.md). The leader
/// renews its lease every `renewSeconds`; a standby tries to take it as often, and gets it once it
/// has run `leaseSeconds` without renewal. A takeover after the leader's death thus takes at most
/// `leaseSeconds + renewSeconds`, plus the new leader's read of the state.
public struct ClusterSettings: Sendable, Equatable {
    /// This node's name; the host name when nil.
    public var node: String?
    /// How long a lease lasts without renewal.
    public var leaseSeconds = 5
    /// How often the lease is renewed (and a standby tries to take it).
    public var renewSeconds = 1

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
