public import FristEngine

/// What the metrics file shows besides the status snapshot: the service's own counters and times.
/// Each survives a restart: the service reads them back from its database at start.
public struct ServiceMetrics: Sendable, Equatable {
    /// Alerts logged since the database was made, by kind (from the alert log).
    public var alerts: [AlertKind: Int]
    /// Spool lines taken, by what became of them (from the intake log).
    public var intakeLines: IntakeLines
    /// When the last spool file was taken, in seconds since the epoch.
    public var lastIntake: Double?
    /// When the last daily alert run ended, in seconds since the epoch.
    public var lastDailyRun: Double?
    /// How long the last daily alert run took, in seconds.
    public var dailyRunDuration: Double?
    /// This node's place in a cluster; nil for a single node.
    public var cluster: ClusterStatus?

    /// Lines of spool files, by result.
    public struct IntakeLines: Sendable, Equatable {
        /// Applied as new events.
        public var applied: Int
        /// The same event seen before: nothing changed.
        public var duplicate: Int
        /// Refused (each is in a `rejected/` report).
        public var refused: Int

        /// Creates counts.
        public init(applied: Int = 0, duplicate: Int = 0, refused: Int = 0) {
            self.applied = applied
            self.duplicate = duplicate
            self.refused = refused
        }

        /// Adds `other`'s counts to these.
        public mutating func add(_ other: IntakeLines) {
            applied += other.applied
            duplicate += other.duplicate
            refused += other.refused
        }
    }

    /// Creates the figures.
    public init(
        alerts: [AlertKind: Int] = [:], intakeLines: IntakeLines = IntakeLines(), lastIntake: Double? = nil,
        lastDailyRun: Double? = nil, dailyRunDuration: Double? = nil
    ) {
        self.alerts = alerts
        self.intakeLines = intakeLines
        self.lastIntake = lastIntake
        self.lastDailyRun = lastDailyRun
        self.dailyRunDuration = dailyRunDuration
    }
}
