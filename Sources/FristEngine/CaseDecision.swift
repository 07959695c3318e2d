import FristCalendar

/// What one case is due on a day: its alerts, given what its ledger says was alerted already, and
/// the next day something of it can change without a new event (rules.md § 3). Pure functions of
/// the clocks, the ledger and the day: the engine decides them for a case in its store, and for a
/// case it is restoring, before the case is in its store (see `DeadlineEngine.beginRestore`).
extension DeadlineArithmetic {
    /// The alerts due on `today` for a case's clocks that its ledger does not hold yet, in the
    /// order of its clocks.
    func alertsDue(
        caseRef: String, unit: String?, clocks: [Clock], ledger: AlertLedger, on today: CalendarDate
    ) -> [Alert] {
        var alerts: [Alert] = []
        func alert(
            _ kind: AlertKind, _ clock: Clock, due: CalendarDate, level: Int, since: CalendarDate?,
            outcome: Outcome? = nil
        ) {
            alerts.append(
                Alert(
                    kind: kind, clock: clock.id, caseRef: caseRef, unit: unit, due: due, date: today,
                    daysLeft: daysLeft(clock, on: today), outcome: outcome,
                    late: since.map { today > $0 } ?? false, level: level))
        }
        for clock in clocks {
            if clock.isOpen {
                let reached = level(clock, on: today)
                let alerted = ledger.level(clock.id, due: clock.due)
                if reached > alerted {
                    let (kind, shown): (AlertKind, Int) =
                        reached == 1 ? (.atRisk, 1) : alerted < 2 ? (.breached, 2) : (.reminder, reached)
                    alert(kind, clock, due: clock.due, level: reached, since: date(ofLevel: shown, for: clock))
                }
                if helfoRequired(clock, on: today), !ledger.helfoAlerted(clock.id, due: clock.due) {
                    alert(.helfoRequired, clock, due: clock.due, level: 0, since: helfoDate(clock))
                }
            }
            if let frist = clock.overCapFrist, !ledger.overCapAlerted(clock.id) {
                alert(.overCap, clock, due: frist, level: 0, since: clock.start)
            }
            if case .stopped(let stop) = clock.ending, !ledger.resolvedAlerted(clock.id),
                ledger.level(clock.id, due: clock.due) >= 1 || atRiskDate(clock) < stop
            {
                alert(
                    .resolved, clock, due: clock.due, level: 0, since: stop,
                    outcome: stop <= clock.due ? .met : .metLate)
            }
        }
        return alerts
    }

    /// The next day after `today` on which one of these clocks reaches a new level.
    func nextWakeup(clocks: [Clock], after today: CalendarDate) -> CalendarDate? {
        var earliest: CalendarDate?
        for clock in clocks where clock.isOpen {
            let next = date(ofLevel: level(clock, on: today) + 1, for: clock)
            if let next, next > today, earliest.map({ next < $0 }) ?? true { earliest = next }
        }
        return earliest
    }
}
