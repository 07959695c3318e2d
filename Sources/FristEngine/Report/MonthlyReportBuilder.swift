public import FristCalendar

extension DeadlineEngine {
    /// The monthly report of `from … to` as of `asOf` (docs/report.md has every definition).
    ///
    /// Needs every case's events in memory (an engine that accepted them, or a replay): the state
    /// "at the end of a month" is the case folded again from its events dated up to that day.
    /// `units` limits the unit rows (nil: every unit); `ALL` always covers every case.
    /// `helfoAlerts` are the `helfo-required` alerts emitted (the service's log, or a simulation).
    public func monthlyReport(
        from: CalendarMonth, to: CalendarMonth, asOf: CalendarDate, units: Set<String>? = nil,
        helfoAlerts: [Alert] = []
    ) -> MonthlyReport {
        var months: [CalendarMonth] = []
        var month = from
        while month <= to {
            months.append(month)
            month = month.next
        }
        func monthIndex(_ date: CalendarDate) -> Int? {
            guard date >= from.firstDay, date <= to.lastDay, date <= asOf else { return nil }
            let month = CalendarMonth(of: date)
            return (month.year - from.year) * 12 + month.month - from.month
        }
        // The unit rows: every unit a case has (filtered), by name, after ALL.
        var unitNames: Set<String> = []
        forEachCase { _, record in unitNames.insert(record.unit ?? "") }
        let shown = unitNames.filter { units?.contains($0) ?? true }.sorted()
        let keys = [MonthlyReport.allUnits] + shown
        let column = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        var rows = months.map { month in keys.map { MonthlyReport.Row(month: month, unit: $0) } }
        func update(_ index: Int, _ unit: String, _ change: (inout MonthlyReport.Row) -> Void) {
            change(&rows[index][0])
            if let unitColumn = column[unit] { change(&rows[index][unitColumn]) }
        }

        forEachCase { _, record in
            let unit = record.unit ?? ""
            precondition(record.hasHistory, "the monthly report needs every case's events")
            // Each referral's receipt (date and group), to pair with the clocks it started.
            let receipts: [(date: CalendarDate, group: PatientGroup)] = record.events.compactMap { event in
                if case .referralReceived(let group, _) = event.payload { return (event.date, group) }
                return nil
            }
            func receipt(before start: CalendarDate) -> (date: CalendarDate, group: PatientGroup)? {
                receipts.last { $0.date <= start }
            }
            for clock in record.clocks {
                guard case .stopped(let stop) = clock.ending, let index = monthIndex(stop) else { continue }
                let late = stop > clock.due
                switch clock.rule {
                case .vurderingsfrist:
                    update(index, unit) { row in
                        row.vurdering.assessed += 1
                        if late { row.vurdering.late += 1 }
                    }
                case .fristHelsehjelp:
                    let referral = receipt(before: clock.start)
                    let within65 = referral.flatMap { try? calendar.addingWorkingDays(65, to: $0.date) }
                        .map { stop <= $0 }
                    update(index, unit) { row in
                        row.frist.started += 1
                        if late { row.frist.breached += 1 }
                        if let referral {
                            row.ventetid.days.append(referral.date.days(to: stop))
                            if referral.group == .under23Psych {
                                row.under23.started += 1
                                if within65 == true { row.under23.within65 += 1 }
                            }
                        }
                    }
                case .reellOppstart:
                    let referral = receipt(before: clock.start)
                    update(index, unit) { row in
                        if let referral { row.reell.days.append(referral.date.days(to: stop)) }
                    }
                case .statsforvalterKlage:
                    update(index, unit) { row in
                        row.klage.decided += 1
                        if !late { row.klage.withinTarget += 1 }
                    }
                case .overproving4A8:
                    update(index, unit) { row in
                        row.overproving4A8.done += 1
                        if late { row.overproving4A8.late += 1 }
                    }
                case .moteAlvorligHendelse:
                    update(index, unit) { row in
                        row.mote.done += 1
                        if late { row.mote.late += 1 }
                    }
                case .gyldighet4A5:
                    break
                }
            }
            // Who waits at each month's end: the case folded from its events up to that day.
            guard record.clocks.contains(where: { $0.rule == .fristHelsehjelp || $0.rule == .reellOppstart }) else {
                return
            }
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
                for clock in partial.clocks where clock.rule == .fristHelsehjelp || clock.rule == .reellOppstart {
                    let state = arithmetic.state(clock, on: end)
                    guard state == .running || state == .atRisk || state == .breached else { continue }
                    update(index, unit) { row in
                        if clock.rule == .reellOppstart {
                            row.reell.waitingEnd += 1
                        } else {
                            row.frist.waitingEnd += 1
                            if state == .breached { row.frist.waitingBreachedEnd += 1 }
                        }
                    }
                }
            }
        }
        for alert in helfoAlerts where alert.kind == .helfoRequired {
            guard let index = monthIndex(alert.date) else { continue }
            let unit = caseUnit(alert.caseRef) ?? alert.unit ?? ""
            update(index, unit) { $0.helfo.required += 1 }
        }
        return MonthlyReport(from: from, to: to, generatedFor: asOf, rows: rows.flatMap { $0 })
    }
}
