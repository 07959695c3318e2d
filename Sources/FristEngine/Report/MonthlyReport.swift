public import FristCalendar

/// The monthly waiting-time report (docs/report.md): for each month of a range, and for each unit
/// and all units together (`ALL`), the figures boards and the Ombud judge waiting by. They are
/// the indicators of the national waiting-list statistics (NPR), and the real start of treatment
/// that those statistics do not show.
///
/// Shares are rounded to 3 decimals and days to 1, half away from zero on the exact value (1/8 is
/// 0.125, 1/16 is 0.063); a share or an average of nothing is nil. A
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
        /// The last day counted: the month's last day, or the report's day for the month still
        /// running.
        public let through: CalendarDate
        /// Whether the month was still running on the report's day.
        public var isRunning: Bool { through < month.lastDay }
        /// Assessment deadlines (`vurderingsfrist`) stopped this month: assessed, and assessed
        /// after the deadline among them.
        public var vurdering = Tally()
        /// Care deadlines (`frist-helsehjelp`) stopped by a start this month: started, and
        /// started after the frist among them.
        public var frist = Tally()
        /// `frist-helsehjelp` clocks open at the month's end, and those whose frist lies before
        /// that day among them (NPR: ventende, and ventende med fristbrudd).
        public var fristWaiting = Tally()
        /// Days from the referral to the month's end, of those waiting at the month's end.
        public var ventende = Waits()
        /// Those waiting at the month's end whose latest planned start lies before that day
        /// ("passert planlagt tid").
        public var pastScheduled = 0
        /// Days from referral to start, of those started this month.
        public var ventetid = Waits()
        /// Days from referral to real treatment (`reell-oppstart` stopped this month).
        public var reell = Waits()
        /// `reell-oppstart` clocks open at the month's end.
        public var reellWaiting = 0
        /// The under-23 psychiatry and addiction group: started this month, and started within
        /// 65 working days of the referral among them.
        public var under23 = Tally()
        /// Statsforvalteren's complaints: decided this month, and decided within the target among
        /// them.
        public var klage = Tally()
        /// § 4A-8 reviews: done this month, and done late among them.
        public var overproving4A8 = Tally()
        /// Meetings after serious incidents: offered this month, and offered late among them.
        public var mote = Tally()
        /// `helfo-required` alerts this month.
        public var helfoRequired = 0
        /// The counts of the sections rules declare (`ReportSection.declared`), 0 where none.
        private var declared: [ReportFigure: Int] = [:]

        /// A count of a section a rule declares.
        public internal(set) subscript(figure: ReportFigure) -> Int {
            get { declared[figure, default: 0] }
            set { declared[figure] = newValue }
        }

        /// An empty row of a report as of `asOf`.
        public init(month: CalendarMonth, unit: String, asOf: CalendarDate) {
            self.month = month
            self.unit = unit
            self.through = min(month.lastDay, asOf)
        }
    }

    /// A count, the part of it that meets the figure's condition (late, breached, within target),
    /// and the part's share.
    public struct Tally: Sendable, Equatable {
        /// How many were counted.
        public var total = 0
        /// How many of them meet the condition.
        public var part = 0
        /// `part / total`, rounded to 3 decimals; nil for a total of 0.
        public var share: Double? { MonthlyReport.share(part, of: total) }

        /// Counts as given.
        public init(total: Int = 0, part: Int = 0) {
            self.total = total
            self.part = part
        }

        /// Counts one more, in the part when `inPart`.
        mutating func add(inPart: Bool) {
            total += 1
            if inPart { part += 1 }
        }
    }

    /// Waiting times in calendar days.
    public struct Waits: Sendable, Equatable {
        var days: [Int] = []
        /// How many waits.
        public var count: Int { days.count }
        /// The mean, rounded to 1 decimal; nil for none.
        public var meanDays: Double? { MonthlyReport.mean(days) }
        /// The median (the mean of the middle two for an even count), rounded to 1 decimal.
        public var medianDays: Double? { MonthlyReport.median(days) }

        /// The same waits, in whatever order the cases were counted (a store gives its cases in
        /// an order of its own).
        public static func == (lhs: Waits, rhs: Waits) -> Bool { lhs.days.sorted() == rhs.days.sorted() }
    }

    // MARK: - Rounding

    /// A share rounded to 3 decimals, nil of nothing.
    public static func share(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : rounded(part, over: whole, scale: 1000)
    }

    /// A mean rounded to 1 decimal, nil of nothing.
    static func mean(_ values: [Int]) -> Double? {
        values.isEmpty ? nil : rounded(values.reduce(0, +), over: values.count, scale: 10)
    }

    /// A median rounded to 1 decimal (of an even count, the mean of the middle two), nil of nothing.
    static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1
            ? Double(sorted[middle]) : rounded(sorted[middle - 1] + sorted[middle], over: 2, scale: 10)
    }

    /// `numerator / denominator` rounded to `1 / scale`, half away from zero, worked out on
    /// integers: the exact quotient is rounded, not its nearest binary fraction (which puts 0.0045
    /// just below the half).
    static func rounded(_ numerator: Int, over denominator: Int, scale: Int) -> Double {
        precondition(denominator > 0)
        let scaled = numerator.magnitude * UInt(scale)
        let units = (2 * scaled + denominator.magnitude) / (2 * denominator.magnitude)
        return Double(numerator < 0 ? -Int(units) : Int(units)) / Double(scale)
    }
}
