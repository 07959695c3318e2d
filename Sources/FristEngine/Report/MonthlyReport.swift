public import FristCalendar

/// The monthly waiting-time report (docs/report.md): for each month of a range, and for each unit
/// and all units together (`ALL`), the figures boards and the Ombud judge waiting by. They are
/// the indicators of the national waiting-list statistics (NPR), and the real start of treatment
/// that those statistics do not show.
///
/// Shares are rounded to 3 decimals and days to 1; a share or an average of nothing is nil. A
/// case counts under its latest unit, as in the status file, and `""` is the unit of cases that
/// never named one.
public struct MonthlyReport: Sendable, Equatable {
    /// The row key of all units together.
    public static let allUnits = "ALL"

    /// The first month.
    public let from: CalendarMonth
    /// The last month.
    public let to: CalendarMonth
    /// The day the figures are as of: the last day of `to`, or an earlier day the data ends.
    public let generatedFor: CalendarDate
    /// One row per month and unit: month by month, `ALL` first, then the units by name.
    public let rows: [Row]

    /// Creates a report.
    public init(from: CalendarMonth, to: CalendarMonth, generatedFor: CalendarDate, rows: [Row]) {
        self.from = from
        self.to = to
        self.generatedFor = generatedFor
        self.rows = rows
    }

    /// The figures of one month for one unit (or `ALL`).
    public struct Row: Sendable, Equatable {
        /// The month.
        public let month: CalendarMonth
        /// The unit, or `ALL`.
        public let unit: String
        /// Assessment deadlines (`vurderingsfrist`) stopped this month.
        public var vurdering = Vurdering()
        /// Care deadlines (`frist-helsehjelp`) stopped by a start this month, and those waiting.
        public var frist = Frist()
        /// Waiting time of those started this month.
        public var ventetid = Ventetid()
        /// Real treatment (`reell-oppstart`).
        public var reell = Reell()
        /// The under-23 psychiatry and addiction group's 65-working-day cap.
        public var under23 = Under23()
        /// Statsforvalteren's complaints.
        public var klage = Klage()
        /// § 4A-8 reviews.
        public var overproving4A8 = LateCount()
        /// Meetings after serious incidents.
        public var mote = LateCount()
        /// HELFO to be told.
        public var helfo = Helfo()

        /// An empty row.
        public init(month: CalendarMonth, unit: String) {
            self.month = month
            self.unit = unit
        }
    }

    /// `vurdering`.
    public struct Vurdering: Sendable, Equatable {
        /// Assessed (the clock stopped, met or met-late).
        public var assessed = 0
        /// Of those, assessed after the deadline.
        public var late = 0
        /// `late / assessed`.
        public var lateShare: Double? { MonthlyReport.share(late, of: assessed) }

        /// Counts as given.
        public init(assessed: Int = 0, late: Int = 0) {
            self.assessed = assessed
            self.late = late
        }
    }

    /// `frist`.
    public struct Frist: Sendable, Equatable {
        /// Started (NPR's "avviklet").
        public var started = 0
        /// Of those, started after the frist.
        public var breached = 0
        /// `breached / started`.
        public var breachedShare: Double? { MonthlyReport.share(breached, of: started) }
        /// Running, at risk or breached at the end of the month.
        public var waitingEnd = 0
        /// Breached at the end of the month.
        public var waitingBreachedEnd = 0

        /// Counts as given.
        public init(started: Int = 0, breached: Int = 0, waitingEnd: Int = 0, waitingBreachedEnd: Int = 0) {
            self.started = started
            self.breached = breached
            self.waitingEnd = waitingEnd
            self.waitingBreachedEnd = waitingBreachedEnd
        }
    }

    /// `ventetid`.
    public struct Ventetid: Sendable, Equatable {
        /// Calendar days from received to started, one per start this month.
        var days: [Int] = []
        /// How many.
        public var started: Int { days.count }
        /// The mean, rounded to 1 decimal.
        public var meanDays: Double? { MonthlyReport.mean(days) }
        /// The median (of an even count, the mean of the middle two), rounded to 1 decimal.
        public var medianDays: Double? { MonthlyReport.median(days) }
    }

    /// `reell`.
    public struct Reell: Sendable, Equatable {
        /// Calendar days from received to real treatment, one per treatment this month.
        var days: [Int] = []
        /// Real treatments started this month.
        public var treated: Int { days.count }
        /// The median days, rounded to 1 decimal.
        public var medianDays: Double? { MonthlyReport.median(days) }
        /// Patients whose frist was "kept" by a non-substantive start, untreated at the month's end.
        public var waitingEnd = 0
    }

    /// `under23`.
    public struct Under23: Sendable, Equatable {
        /// Under-23 referrals started this month.
        public var started = 0
        /// Of those, started within 65 working days of receipt.
        public var within65 = 0
        /// `within65 / started`.
        public var share: Double? { MonthlyReport.share(within65, of: started) }

        /// Counts as given.
        public init(started: Int = 0, within65: Int = 0) {
            self.started = started
            self.within65 = within65
        }
    }

    /// `klage`.
    public struct Klage: Sendable, Equatable {
        /// Complaints decided this month.
        public var decided = 0
        /// Of those, decided by the target date.
        public var withinTarget = 0
        /// `withinTarget / decided`.
        public var share: Double? { MonthlyReport.share(withinTarget, of: decided) }

        /// Counts as given.
        public init(decided: Int = 0, withinTarget: Int = 0) {
            self.decided = decided
            self.withinTarget = withinTarget
        }
    }

    /// `overproving_4a8` and `mote`: clocks stopped this month and how many of them late.
    public struct LateCount: Sendable, Equatable {
        /// Stopped this month.
        public var done = 0
        /// Of those, after the deadline.
        public var late = 0

        /// Counts as given.
        public init(done: Int = 0, late: Int = 0) {
            self.done = done
            self.late = late
        }
    }

    /// `helfo`.
    public struct Helfo: Sendable, Equatable {
        /// `helfo-required` alerts dated this month.
        public var required = 0
    }

    // MARK: - Rounding

    /// A share rounded to 3 decimals, nil of nothing.
    public static func share(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : (Double(part) / Double(whole) * 1000).rounded() / 1000
    }

    /// A mean rounded to 1 decimal, nil of nothing.
    static func mean(_ values: [Int]) -> Double? {
        values.isEmpty ? nil : (Double(values.reduce(0, +)) / Double(values.count) * 10).rounded() / 10
    }

    /// A median rounded to 1 decimal (of an even count, the mean of the middle two), nil of nothing.
    static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        let value = sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
        return (value * 10).rounded() / 10
    }
}
