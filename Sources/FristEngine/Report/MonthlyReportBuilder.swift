public import FristCalendar

/// Builds the monthly report (docs/report.md) one case at a time, so that a report over the
/// service's database never holds more than one case's events: the caller folds nothing and
/// keeps nothing, it hands over each case's events in turn. Pure: no I/O.
public struct MonthlyReportBuilder {
    private let arithmetic: DeadlineArithmetic
    private let calendarOptions: CalendarOptions
    private let months: [CalendarMonth]
    private let from: CalendarMonth
    private let to: CalendarMonth
    private let asOf: CalendarDate
    private let units: Set<String>?
    /// The report's `ALL` rows, one per month, and each unit's.
    private var all: [MonthlyReport.Row]
    private var byUnit: [String: [MonthlyReport.Row]] = [:]
    /// HELFO alerts by case, waiting for their case's unit.
    private var helfo: [String: [CalendarDate]]
    /// The status on `asOf`, for the page's headline.
    private var status: StatusCounter

    /// A builder for `from … to` as of `asOf` (the last day of `to`, or an earlier day the data
    /// ends). `units` limits the unit rows (nil: every unit); `ALL` always covers every case.
    /// `helfoAlerts` are the `helfo-required` alerts emitted (the service's log, or a simulation).
    public init(
        configuration: EngineConfiguration, from: CalendarMonth, to: CalendarMonth, asOf: CalendarDate,
        units: Set<String>? = nil, helfoAlerts: [Alert] = []
    ) {
        arithmetic = DeadlineArithmetic(
            calendar: WorkingDayCalendar(options: configuration.calendar), configuration: configuration)
        calendarOptions = configuration.calendar
        var months: [CalendarMonth] = []
        var month = from
        while month <= to {
            months.append(month)
            month = month.next
        }
        self.months = months
        self.from = from
        self.to = to
        self.asOf = asOf
        self.units = units
        all = months.map { MonthlyReport.Row(month: $0, unit: MonthlyReport.allUnits, asOf: asOf) }
        helfo = Dictionary(grouping: helfoAlerts.filter { $0.kind == .helfoRequired }, by: \.caseRef)
            .mapValues { $0.map(\.date) }
        status = StatusCounter(arithmetic: arithmetic, today: asOf, includeRunning: false)
    }

    /// Adds one case from its accepted events, in acceptance order (each is folded as of its
    /// date, as the engine does). An event that does not fold is skipped: accepted events do.
    public mutating func add(caseRef: String, events: [Event]) {
        // Stable by date: acceptance order within a day, a back-dated event where it belongs.
        let ordered = events.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
        var record = CaseRecord()
        for (_, event) in ordered {
            record = (try? record.appending(event, calendar: arithmetic.calendar)) ?? record
        }
        add(caseRef: caseRef, record: record)
    }

    /// Adds one case whose events the record holds.
    mutating func add(caseRef: String, record: CaseRecord) {
        precondition(record.hasHistory, "the monthly report needs every case's events")
        // A case with no clock yet on the report's day (its events all come later) counts nowhere.
        guard !record.clocks.isEmpty else { return }
        status.add(caseRef, record)
        let unit = record.unit ?? ""
        let shown = units?.contains(unit) ?? true
        if shown, byUnit[unit] == nil {
            byUnit[unit] = months.map { [asOf] in MonthlyReport.Row(month: $0, unit: unit, asOf: asOf) }
        }
        func update(_ index: Int, _ change: (inout MonthlyReport.Row) -> Void) {
            change(&all[index])
            if shown { change(&byUnit[unit]![index]) }
        }
        count(record, update)
        for date in helfo.removeValue(forKey: caseRef) ?? [] {
            if let index = monthIndex(date) { update(index) { $0.helfoRequired += 1 } }
        }
    }

    /// The report, and the status on its day (the page's headline).
    public func finish() -> (report: MonthlyReport, status: StatusSnapshot) {
        // HELFO alerts of cases never added (none, for alerts and events of one database) count
        // under ALL only.
        var all = all
        for date in helfo.values.joined() {
            if let index = monthIndex(date) { all[index].helfoRequired += 1 }
        }
        var rows: [MonthlyReport.Row] = []
        let unitNames = byUnit.keys.sorted()
        for index in months.indices {
            rows.append(all[index])
            for unit in unitNames { rows.append(byUnit[unit]![index]) }
        }
        return (
            MonthlyReport(from: from, to: to, generatedFor: asOf, rows: rows),
            status.snapshot(calendar: calendarOptions)
        )
    }

    private func monthIndex(_ date: CalendarDate) -> Int? {
        guard date >= from.firstDay, date <= to.lastDay, date <= asOf else { return nil }
        let month = CalendarMonth(of: date)
        return (month.year - from.year) * 12 + month.month - from.month
    }

    /// Counts what the case's clocks did in each month, and who waits at each month's end.
    private func count(_ record: CaseRecord, _ update: (Int, (inout MonthlyReport.Row) -> Void) -> Void) {
        let context = ReportContext(
            receipts: record.events.compactMap { event in
                if case .referralReceived(let group, _) = event.payload { return (event.date, group) }
                return nil
            },
            calendar: arithmetic.calendar)
        for clock in record.clocks {
            guard case .stopped(let stop) = clock.ending, let index = monthIndex(stop) else { continue }
            update(index) { clock.rule.rule.countStopped(clock, on: stop, context: context, into: &$0) }
        }
        for event in record.events {
            let rules = Rules.countingEvents[event.payload.type.ordinal]
            guard !rules.isEmpty, let index = monthIndex(event.date) else { continue }
            update(index) { row in
                for rule in rules { rule.countEvent(event, into: &row) }
            }
        }
        // Who waits at each month's end: the case folded from its events up to that day.
        guard record.clocks.contains(where: { $0.rule.rule.countsOpenClocks }) else { return }
        let calendar = arithmetic.calendar
        var partial = CaseRecord()
        partial.hasHistory = false
        var next = 0
        for (index, month) in months.enumerated() {
            let end = min(month.lastDay, asOf)
            while next < record.events.count, record.events[next].date <= end {
                // Accepted events fold without refusal; one that did not would be skipped.
                partial = (try? partial.appending(record.events[next], calendar: calendar)) ?? partial
                next += 1
            }
            for clock in partial.clocks where clock.rule.rule.countsOpenClocks {
                let state = arithmetic.state(clock, on: end)
                guard state == .running || state == .atRisk || state == .breached else { continue }
                update(index) {
                    clock.rule.rule.countOpen(clock, state: state, on: end, context: context, into: &$0)
                }
            }
        }
    }
}

extension DeadlineEngine {
    /// The monthly report of `from … to` as of `asOf` from an engine that holds every case's
    /// events (one that accepted them, or a replay); see `MonthlyReportBuilder`.
    public func monthlyReport(
        from: CalendarMonth, to: CalendarMonth, asOf: CalendarDate, units: Set<String>? = nil,
        helfoAlerts: [Alert] = []
    ) -> MonthlyReport {
        var builder = MonthlyReportBuilder(
            configuration: configuration, from: from, to: to, asOf: asOf, units: units, helfoAlerts: helfoAlerts)
        forEachCase { caseRef, record in builder.add(caseRef: caseRef, record: record) }
        return builder.finish().report
    }
}
