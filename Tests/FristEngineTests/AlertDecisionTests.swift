import FristCalendar
import FristEngine
import Testing

/// De-duplication as a function of state: restarts, gaps, late corrections and reloads.
@Suite("Alert decisions")
struct AlertDecisionTests {
    static func trygve() -> EventScript {
        var script = EventScript()
        script.add("T-1", "2026-11-23", .referralReceived(group: .standard, assessmentWorkingDays: nil), unit: "ORT")
        return script
    }

    @Test("after a gap, one alert for the state the clock is in now, marked late")
    func gap() throws {
        var engine = try engine(with: Self.trygve(), today: "2026-11-23")
        #expect(engine.advance(to: day("2026-11-23")).isEmpty)
        // Down from 24 Nov to 16 Dec: at risk, breached and the first reminder (14 Dec) were missed.
        let alerts = engine.advance(to: day("2026-12-16"))
        #expect(alerts.count == 1)
        let alert = try #require(alerts.first)
        #expect(alert.kind == .breached)
        #expect(alert.late)
        #expect(alert.daysLeft == -7)  // 8–11, 14–16 Dec
        #expect(alert.unit == "ORT")
        #expect(
            alert.message
                == "Vurderingsfrist brutt: sak T-1 (frist 2026-12-07, pbrl § 2-2 første ledd; varslet etter at det inntraff)"
        )
        // The next reminder comes on time: overdue reaches 10 on Mon 21 Dec.
        #expect(engine.advance(to: day("2026-12-18")).isEmpty)
        let next = engine.advance(to: day("2026-12-21"))
        #expect(next.map(\.kind) == [.reminder])
        #expect(next.first?.late == false)
    }

    @Test("a restarted engine with the emitted log repeats nothing and misses nothing")
    func restart() throws {
        var first = try engine(with: Self.trygve(), today: "2026-11-23")
        var emitted: [Alert] = []
        var date = day("2026-11-23")
        while date <= day("2026-12-10") {
            emitted += first.advance(to: date)
            date = try date.adding(days: 1)
        }
        #expect(emitted.map(\.kind) == [.atRisk, .breached])
        var second = try engine(with: Self.trygve(), today: "2026-12-10")
        second.restore(emitted: emitted)
        #expect(second.advance(to: day("2026-12-10")).isEmpty)
        #expect(second.advance(to: day("2026-12-14")).map(\.kind) == [.reminder])
    }

    @Test("a late correction is judged as of its date")
    func lateCorrection() throws {
        var script = Self.trygve()
        var engine = try engine(with: script, today: "2026-11-23")
        var date = day("2026-11-23")
        while date <= day("2026-12-08") {
            _ = engine.advance(to: date)
            date = try date.adding(days: 1)
        }
        // On 9 Dec the coordinator records that the assessment was in fact made on 4 Dec.
        script.add("T-1", "2026-12-04", .referralAssessed(outcome: .noRight, frist: nil, scheduled: nil))
        try engine.accept(script.events[1], today: day("2026-12-09"))
        let alerts = engine.advance(to: day("2026-12-09"))
        #expect(alerts.map(\.kind) == [.resolved])
        #expect(alerts.first?.outcome == .met)
        #expect(alerts.first?.late == true)
        #expect(engine.status(on: day("2026-12-09")).rules[.vurderingsfrist]?[.met] == 1)
    }

    @Test("a clock that stops while running stops silently, even if the stop arrives late")
    func silentStop() throws {
        var script = Self.trygve()
        script.add("T-1", "2026-11-25", .referralAssessed(outcome: .rejected, frist: nil, scheduled: nil))
        var engine = try engine(with: script, today: "2026-12-20")
        #expect(engine.advance(to: day("2026-12-20")).isEmpty)
    }

    @Test("a new calendar moves deadlines, reports each move, and re-arms alerts for the new due")
    func reload() throws {
        var engine = try engine(with: Self.trygve(), today: "2026-11-23")
        #expect(engine.advance(to: day("2026-12-02")).map(\.kind) == [.atRisk])
        let closed = EngineConfiguration(calendar: CalendarOptions(extraClosedDates: [day("2026-12-03")]))
        let (moves, failed) = engine.reconfigure(closed)
        #expect(failed.isEmpty)
        #expect(moves.count == 1)
        #expect(moves.first?.caseRef == "T-1")
        #expect(moves.first?.clock == ClockID(event: "e1", rule: .vurderingsfrist))
        #expect(moves.first?.oldDue == day("2026-12-07"))
        #expect(moves.first?.newDue == day("2026-12-08"))
        // 4, 7, 8 Dec left: at risk again, for the new deadline.
        let alerts = engine.advance(to: day("2026-12-03"))
        #expect(alerts.map(\.kind) == [.atRisk])
        #expect(alerts.first?.due == day("2026-12-08"))
    }

    @Test("helfo-required at most once per frist, re-armed by a new frist, never after notification")
    func helfo() throws {
        var script = EventScript()
        script.add("H-1", "2026-03-02", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        script.add(
            "H-1", "2026-03-06",
            .referralAssessed(outcome: .right, frist: day("2026-05-29"), scheduled: day("2026-06-10")))
        script.add("H-1", "2026-03-10", .referralScheduled(scheduled: day("2026-06-12")))
        script.add("H-1", "2026-03-12", .referralPostponed(reason: .patient, frist: day("2026-06-05")))
        script.add("H-1", "2026-03-13", .referralHelfoNotified)
        script.add("H-1", "2026-03-16", .referralPostponed(reason: .patient, frist: day("2026-06-08")))
        #expect(
            simulate(script, from: "2026-03-01", to: "2026-04-30") == [
                "2026-03-06 helfo-required frist-helsehjelp H-1 2026-05-29",
                "2026-03-12 helfo-required frist-helsehjelp H-1 2026-06-05",
            ])
    }

    @Test("days left and messages for each kind")
    func messages() throws {
        var script = EventScript()
        script.add("M-1", "2026-11-23", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        var engine = try engine(with: script, today: "2026-11-23")
        _ = engine.advance(to: day("2026-11-23"))
        let atRisk = try #require(engine.advance(to: day("2026-12-02")).first)
        #expect(atRisk.daysLeft == 3)
        #expect(atRisk.late == false)
        #expect(
            atRisk.message
                == "Vurderingsfrist nærmer seg: sak M-1 (frist 2026-12-07, 3 virkedager igjen, pbrl § 2-2 første ledd)")
        _ = engine.advance(to: day("2026-12-08"))
        let reminder = try #require(engine.advance(to: day("2026-12-14")).first)
        #expect(reminder.daysLeft == -5)
        #expect(
            reminder.message
                == "Påminnelse – vurderingsfrist fortsatt brutt: sak M-1 (frist 2026-12-07, 5 virkedager over fristen, pbrl § 2-2 første ledd)"
        )
        // One day is singular, in working days and in calendar days.
        let oneLeft = Alert(
            kind: .atRisk, clock: atRisk.clock, caseRef: "M-1", unit: nil, due: atRisk.due, date: atRisk.date,
            daysLeft: 1, outcome: nil, late: false, level: 1)
        #expect(oneLeft.message.contains("(frist 2026-12-07, 1 virkedag igjen, "), "\(oneLeft.message)")
        let oneOver = Alert(
            kind: .reminder, clock: ClockID(event: "k", rule: .statsforvalterKlage), caseRef: "K-1", unit: nil,
            due: atRisk.due, date: atRisk.date, daysLeft: -1, outcome: nil, late: false, level: 3)
        #expect(oneOver.message.contains("1 dag over fristen"), "\(oneOver.message)")
    }
}
