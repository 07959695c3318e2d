import FristCalendar
import FristEngine
import Testing

/// One scenario per rule and alert kind. Every date below was worked out by hand from rules.md
/// (the working days counted are written beside them), not produced by the program.
@Suite("Rule scenarios (simulate)")
struct RuleScenarioTests {
    @Test("vurderingsfrist: Trygve's referral never answered – at risk, breached, then reminders")
    func trygve() {
        var script = EventScript()
        script.add("T-1", "2026-11-23", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        // Due Mon 7 Dec (10 working days). At risk Wed 2 Dec: 3, 4, 7 Dec left.
        // Overdue counts from 8 Dec: 5th working day Mon 14 Dec, 10th Mon 21 Dec,
        // 15th Tue 29 Dec (25/26 Dec are holidays, julaften is a working day), 20th Wed 6 Jan (1 Jan).
        #expect(
            simulate(script, from: "2026-11-01", to: "2027-01-06") == [
                "2026-12-02 at-risk vurderingsfrist T-1 2026-12-07",
                "2026-12-08 breached vurderingsfrist T-1 2026-12-07",
                "2026-12-14 reminder vurderingsfrist T-1 2026-12-07",
                "2026-12-21 reminder vurderingsfrist T-1 2026-12-07",
                "2026-12-29 reminder vurderingsfrist T-1 2026-12-07",
                "2027-01-06 reminder vurderingsfrist T-1 2026-12-07",
            ])
    }

    @Test("vurderingsfrist: a shorter period for suspected serious illness, assessed in time")
    func shortAssessment() {
        var script = EventScript()
        // Fri 27 Nov + 3 working days = Wed 2 Dec; window 3 means at risk on the start day.
        script.add("S-1", "2026-11-27", .referralReceived(group: .standard, assessmentWorkingDays: 3))
        script.add("S-1", "2026-12-01", .referralAssessed(outcome: .noRight, frist: nil, scheduled: nil))
        #expect(
            simulate(script, from: "2026-11-01", to: "2026-12-31") == [
                "2026-11-27 at-risk vurderingsfrist S-1 2026-12-02",
                "2026-12-01 resolved vurderingsfrist S-1 2026-12-02",
            ])
    }

    @Test("reell-oppstart: Lars – the frist is 'held' by a consultation, real treatment waits")
    func lars() throws {
        var script = EventScript()
        script.add("L-1", "2026-01-05", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        script.add("L-1", "2026-01-09", .referralAssessed(outcome: .right, frist: day("2026-03-02"), scheduled: nil))
        // Started Fri 13 Feb: 11 working days before the frist, so not at risk: a silent stop.
        script.add("L-1", "2026-02-13", .referralStarted(substantive: false))
        script.add("L-1", "2026-04-20", .referralTreatmentStarted)
        // 40 working days from Fri 13 Feb: Feb 16–27 (10), Mar 2–27 (30), Mar 30, 31, Apr 1 (33),
        // Easter 2, 3, 6 Apr skipped, Apr 7–10 (37), Apr 13, 14, 15 (40): due Wed 15 Apr.
        // At risk Fri 27 Mar (Mar 30 … Apr 15 is 10 working days).
        #expect(
            simulate(script, from: "2026-01-01", to: "2026-06-30") == [
                "2026-03-27 at-risk reell-oppstart L-1 2026-04-15",
                "2026-04-16 breached reell-oppstart L-1 2026-04-15",
                "2026-04-20 resolved reell-oppstart L-1 2026-04-15",
            ])
        let engine = try engine(with: script, today: "2026-03-30")
        let status = engine.status(on: day("2026-03-30"))
        #expect(status.rules[.fristHelsehjelp]?[.met] == 1)
        #expect(status.rules[.reellOppstart]?[.atRisk] == 1)
    }

    @Test("frist-helsehjelp: at risk with no planned start fires helfo-required the same day")
    func helfoOnAtRisk() {
        var script = EventScript()
        script.add("H-5", "2026-03-02", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        script.add("H-5", "2026-03-06", .referralAssessed(outcome: .right, frist: day("2026-04-17"), scheduled: nil))
        // 10 working days up to Fri 17 Apr: Apr 1, 7–10, 13–17 (Easter 2, 3, 6 Apr): at risk Tue 31 Mar.
        #expect(
            simulate(script, from: "2026-03-01", to: "2026-04-17") == [
                "2026-03-31 at-risk frist-helsehjelp H-5 2026-04-17",
                "2026-03-31 helfo-required frist-helsehjelp H-5 2026-04-17",
            ])
    }

    @Test("frist-helsehjelp: a postponement with a new frist re-arms; one without makes it exempt")
    func postponement() throws {
        var script = EventScript()
        script.add("P-1", "2026-09-01", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        script.add(
            "P-1", "2026-09-04",
            .referralAssessed(outcome: .right, frist: day("2026-10-02"), scheduled: day("2026-09-28")))
        script.add("P-1", "2026-09-22", .referralPostponed(reason: .patient, frist: day("2026-11-13")))
        script.add("P-1", "2026-11-16", .referralStarted(substantive: true))
        script.add("P-2", "2026-09-01", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        script.add("P-2", "2026-09-04", .referralAssessed(outcome: .right, frist: day("2026-10-02"), scheduled: nil))
        script.add("P-2", "2026-09-10", .referralPostponed(reason: .medical, frist: nil))
        // P-1: Sep 21 – Oct 2 is 10 working days: at risk Fri 18 Sep. New frist Fri 13 Nov:
        // Nov 2–13 is 10 working days: at risk again Fri 30 Oct; breached Sat 14 Nov; started late.
        // P-2: exempt from 10 Sep, never alerted.
        #expect(
            simulate(script, from: "2026-09-01", to: "2026-12-31") == [
                "2026-09-18 at-risk frist-helsehjelp P-1 2026-10-02",
                "2026-10-30 at-risk frist-helsehjelp P-1 2026-11-13",
                "2026-11-14 breached frist-helsehjelp P-1 2026-11-13",
                "2026-11-16 resolved frist-helsehjelp P-1 2026-11-13",
            ])
        let status = try engine(with: script, today: "2026-12-31").status(on: day("2026-12-31"))
        #expect(status.rules[.fristHelsehjelp]?[.exempt] == 1)
        #expect(status.rules[.fristHelsehjelp]?[.metLate] == 1)
    }

    @Test("over-cap: under23-psych with a frist past received + 65 working days, only then")
    func overCap() {
        var script = EventScript()
        // Cap: Mon 4 Jan 2027 + 65 working days = Thu 8 Apr 2027 (rules.md § 1).
        script.add("U-1", "2027-01-04", .referralReceived(group: .under23Psych, assessmentWorkingDays: nil))
        script.add(
            "U-1", "2027-01-08",
            .referralAssessed(outcome: .right, frist: day("2027-04-09"), scheduled: day("2027-04-01")))
        script.add("U-2", "2027-01-04", .referralReceived(group: .under23Psych, assessmentWorkingDays: nil))
        script.add(
            "U-2", "2027-01-08",
            .referralAssessed(outcome: .right, frist: day("2027-04-08"), scheduled: day("2027-04-01")))
        script.add("U-3", "2027-01-04", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        script.add(
            "U-3", "2027-01-08",
            .referralAssessed(outcome: .right, frist: day("2027-06-01"), scheduled: day("2027-04-01")))
        #expect(
            simulate(script, from: "2027-01-01", to: "2027-02-28") == [
                "2027-01-08 over-cap frist-helsehjelp U-1 2027-04-09"
            ])
    }

    @Test("statsforvalter-klage: 3 months ending on 29 February in a leap year, decided late")
    func complaintLeapYear() {
        var script = EventScript()
        script.add("K-1", "2023-11-30", .complaintReceived(targetMonths: 3))
        script.add("K-1", "2024-03-04", .complaintDecided)
        script.add("K-2", "2026-01-31", .complaintReceived(targetMonths: 1))
        // K-1: due 29 Feb 2024, at risk 15 Feb (14 days), breached Fri 1 Mar, decided Mon 4 Mar.
        // K-2: one month from 31 Jan 2026 is 28 Feb; at risk 14 Feb.
        #expect(
            simulate(script, from: "2023-11-01", to: "2026-02-20") == [
                "2024-02-15 at-risk statsforvalter-klage K-1 2024-02-29",
                "2024-03-01 breached statsforvalter-klage K-1 2024-02-29",
                "2024-03-04 resolved statsforvalter-klage K-1 2024-02-29",
                "2026-02-14 at-risk statsforvalter-klage K-2 2026-02-28",
            ])
    }

    @Test("§ 4A: review 3 months after a vedtak, validity one year, a new vedtak replaces the old")
    func vedtak4A() throws {
        var script = EventScript()
        script.add("V-9", "2024-11-30", .vedtakMade(validUntil: nil))
        script.add("V-9", "2025-03-05", .vedtakReviewed)
        script.add("V-9", "2025-11-10", .vedtakMade(validUntil: day("2026-05-01")))
        // Review due 28 Feb 2025 (30 Nov + 3 months, no 30 Feb), at risk 14 Feb, breached Sat 1 Mar,
        // reviewed Wed 5 Mar. Validity due 30 Nov 2025 (12 months), at risk 31 Oct (30 days); the new
        // vedtak on 10 Nov stops it while at risk: resolved, met.
        #expect(
            simulate(script, from: "2024-11-01", to: "2025-11-30") == [
                "2025-02-14 at-risk 4a8-overproving V-9 2025-02-28",
                "2025-03-01 breached 4a8-overproving V-9 2025-02-28",
                "2025-03-05 resolved 4a8-overproving V-9 2025-02-28",
                "2025-10-31 at-risk 4a5-gyldighet V-9 2025-11-30",
                "2025-11-10 resolved 4a5-gyldighet V-9 2025-11-30",
            ])
        let engine = try engine(with: script, today: "2025-11-30")
        let clocks = engine.clocks.filter { $0.id.event == "e3" }.sorted { $0.rule < $1.rule }
        #expect(clocks.map(\.due) == [day("2026-05-01"), day("2026-02-10")])  // 4a5, then 4a8
    }

    @Test("§ 4A: appealed cancels the review clock; ended cancels both, silently")
    func vedtakAppealedAndEnded() throws {
        var script = EventScript()
        script.add("V-1", "2026-01-10", .vedtakMade(validUntil: nil))
        script.add("V-1", "2026-01-20", .vedtakAppealed)
        script.add("V-1", "2026-12-20", .vedtakEnded)
        // Validity due 10 Jan 2027 would be at risk 11 Dec 2026; ended 20 Dec: cancelled, no resolved.
        #expect(
            simulate(script, from: "2026-01-01", to: "2027-02-01") == [
                "2026-12-11 at-risk 4a5-gyldighet V-1 2027-01-10"
            ])
        let status = try engine(with: script, today: "2027-02-01").status(on: day("2027-02-01"))
        #expect(status.totals[.cancelled] == 2)
    }

    @Test("mote-alvorlig-hendelse: 10 calendar days; a meeting offered the day after is met-late")
    func seriousIncident() throws {
        var script = EventScript()
        script.add("A-1", "2026-02-20", .incidentOccurred)
        script.add("A-1", "2026-03-03", .incidentMeetingOffered)
        // Due Mon 2 Mar (+10 days), at risk Fri 27 Feb (3 days). The offer on 3 Mar is applied
        // before that day's alerts, so no breach; it resolves met-late.
        #expect(
            simulate(script, from: "2026-02-01", to: "2026-03-31") == [
                "2026-02-27 at-risk mote-alvorlig-hendelse A-1 2026-03-02",
                "2026-03-03 resolved mote-alvorlig-hendelse A-1 2026-03-02",
            ])
        let status = try engine(with: script, today: "2026-03-31").status(on: day("2026-03-31"))
        #expect(status.rules[.moteAlvorligHendelse]?[.metLate] == 1)
    }

    @Test("referral.closed cancels every open clock of the case, silently")
    func closedCase() throws {
        var script = EventScript()
        script.add("C-1", "2026-11-23", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        script.add("C-1", "2026-11-25", .complaintReceived(targetMonths: 3))
        script.add("C-1", "2026-12-03", .referralClosed(reason: .withdrawn))
        #expect(
            simulate(script, from: "2026-11-01", to: "2027-03-31") == [
                "2026-12-02 at-risk vurderingsfrist C-1 2026-12-07"
            ])
        let status = try engine(with: script, today: "2027-03-31").status(on: day("2027-03-31"))
        #expect(status.totals[.cancelled] == 2)
        #expect(status.open.isEmpty)
    }

    @Test("configuration: warning windows, reminder interval, Saturday and extra closed days")
    func configured() {
        var script = EventScript()
        script.add("T-1", "2026-11-23", .referralReceived(group: .standard, assessmentWorkingDays: nil))
        let wider = EngineConfiguration(warningWindows: [.vurderingsfrist: 5], reminderIntervalWorkingDays: 2)
        // Window 5: at risk Mon 30 Nov (1–4, 7 Dec left). Reminders every 2 working days: 9, 11 Dec.
        #expect(
            simulate(script, from: "2026-11-01", to: "2026-12-11", configuration: wider) == [
                "2026-11-30 at-risk vurderingsfrist T-1 2026-12-07",
                "2026-12-08 breached vurderingsfrist T-1 2026-12-07",
                "2026-12-09 reminder vurderingsfrist T-1 2026-12-07",
                "2026-12-11 reminder vurderingsfrist T-1 2026-12-07",
            ])
        // Saturdays count: 24–28 Nov, 30 Nov – 4 Dec: due Fri 4 Dec, at risk Tue 1 Dec (2, 3, 4 Dec).
        let saturdays = EngineConfiguration(calendar: CalendarOptions(saturdayIsWorkingDay: true))
        #expect(
            simulate(script, from: "2026-11-01", to: "2026-12-01", configuration: saturdays) == [
                "2026-12-01 at-risk vurderingsfrist T-1 2026-12-04"
            ])
        // 30 Nov closed: due Tue 8 Dec.
        let closed = EngineConfiguration(calendar: CalendarOptions(extraClosedDates: [day("2026-11-30")]))
        #expect(
            simulate(script, from: "2026-11-01", to: "2026-12-03", configuration: closed) == [
                "2026-12-03 at-risk vurderingsfrist T-1 2026-12-08"
            ])
    }
}
