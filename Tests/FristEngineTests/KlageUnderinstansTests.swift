import FristCalendar
import FristEngine
import Testing

/// `klage-underinstans`, worked by hand from rules.md: one calendar month from the filing
/// (domstolloven § 148), at risk 7 calendar days before, reminders every 5 working days past due.
/// Calendar facts used: 2026-02-28 is a Saturday; Easter 2026 closes 2, 3 and 6 April.
@Suite("klage-underinstans")
struct KlageUnderinstansTests {
    /// An event of one of the rule's own types, with its date fields.
    static func declared(_ name: String, _ dates: [String: String] = [:]) -> EventPayload {
        var event = DeclaredEvent(EventType(rawValue: name)!)
        for (field, date) in dates { event[field] = .date(day(date)) }
        return .declared(event)
    }

    @Test("filed on 29, 30 and 31 January: all due on the last day of February")
    func endOfJanuary() throws {
        var script = EventScript()
        script.add("K-29", "2026-01-29", Self.declared("complaint.filed"))
        script.add("K-30", "2026-01-30", Self.declared("complaint.filed"))
        script.add("K-31", "2026-01-31", Self.declared("complaint.filed"))
        // Due Sat 28 Feb for all three; at risk Sat 21 Feb (7 days).
        // K-29 is forwarded before the window: met, with no alert at all (`resolved` follows an
        // alert only).
        script.add("K-29", "2026-02-20", Self.declared("complaint.forwarded"))
        script.add("K-30", "2026-02-25", Self.declared("complaint.resolved-locally"))  // in it: met
        // K-31 is never answered: breached Sun 1 Mar; the 5th working day past Sat 28 Feb is Fri 6 Mar.
        #expect(
            simulate(script, from: "2026-01-01", to: "2026-03-06") == [
                "2026-02-21 at-risk klage-underinstans K-30 2026-02-28",
                "2026-02-21 at-risk klage-underinstans K-31 2026-02-28",
                "2026-02-25 resolved klage-underinstans K-30 2026-02-28",
                "2026-03-01 breached klage-underinstans K-31 2026-02-28",
                "2026-03-06 reminder klage-underinstans K-31 2026-02-28",
            ])
        let status = try engine(with: script, today: "2026-03-06").status(on: day("2026-03-06"))
        #expect(status.rules[.klageUnderinstans]?[.met] == 2)
        #expect(status.rules[.klageUnderinstans]?[.breached] == 1)
    }

    @Test("a foreløpig svar after a breach moves the due date and arms at-risk and breach again")
    func interimReplyAfterBreach() throws {
        var script = EventScript()
        script.add("K-1", "2026-03-02", Self.declared("complaint.filed"))
        // Due Thu 2 Apr, at risk Thu 26 Mar, breached Fri 3 Apr. The first reminder would be the
        // 5th working day past 2 Apr (3 and 6 Apr closed): Mon 13 Apr. The reply on 8 Apr comes
        // first and moves the due date to 15 May: at risk again on 8 May; forwarded on 12 May, met.
        script.add("K-1", "2026-04-08", Self.declared("complaint.interim-reply", ["expected": "2026-05-15"]))
        script.add("K-1", "2026-05-12", Self.declared("complaint.forwarded"))
        #expect(
            simulate(script, from: "2026-03-01", to: "2026-05-31") == [
                "2026-03-26 at-risk klage-underinstans K-1 2026-04-02",
                "2026-04-03 breached klage-underinstans K-1 2026-04-02",
                "2026-05-08 at-risk klage-underinstans K-1 2026-05-15",
                "2026-05-12 resolved klage-underinstans K-1 2026-05-15",
            ])
    }

    @Test("Statsforvalteren receives the case, sends it back, and a second round runs late")
    func returnedForAnotherRound() throws {
        var script = EventScript()
        script.add("R-1", "2026-09-01", Self.declared("complaint.filed"), unit: "KOM")
        script.add("R-1", "2026-09-15", Self.declared("complaint.forwarded"))  // met, before any alert
        script.add("R-1", "2026-09-20", .complaintReceived(targetMonths: 3))
        script.add("R-1", "2026-10-05", Self.declared("complaint.returned"))
        // The second round: due 5 Nov, at risk 29 Oct, breached 6 Nov. Statsforvalteren receives
        // it on 10 Nov: the first stop ends that day (met-late), and its own clock starts.
        script.add("R-1", "2026-11-10", .complaintReceived(targetMonths: 3))
        #expect(
            simulate(script, from: "2026-09-01", to: "2026-11-30") == [
                "2026-10-29 at-risk klage-underinstans R-1 2026-11-05",
                "2026-11-06 breached klage-underinstans R-1 2026-11-05",
                "2026-11-10 resolved klage-underinstans R-1 2026-11-05",
            ])
        let engine = try engine(with: script, today: "2026-11-30")
        let status = engine.status(on: day("2026-11-30"))
        #expect(status.rules[.klageUnderinstans]?[.met] == 1)
        #expect(status.rules[.klageUnderinstans]?[.metLate] == 1)
        #expect(status.rules[.statsforvalterKlage]?[.cancelled] == 1)
        #expect(status.rules[.statsforvalterKlage]?[.running] == 1)
        #expect(engine.clocks.filter { $0.rule == .statsforvalterKlage && $0.isOpen }.map(\.due) == [day("2027-02-10")])

        // The report: a stop in September, a return in October, a late stop in November.
        let report = engine.monthlyReport(
            from: try CalendarMonth(parsing: "2026-09"), to: try CalendarMonth(parsing: "2026-11"),
            asOf: day("2026-11-30"))
        let section = try #require(ReportSection.declared.first { $0.group == "klage_underinstans" })
        func counts(_ month: String) -> [Int] {
            let row = report.rows.first { $0.month.description == month && $0.unit == "KOM" }!
            return ["done", "late", "returned"].map { row[section.figure($0)] }
        }
        #expect(counts("2026-09") == [1, 0, 0])
        #expect(counts("2026-10") == [0, 0, 1])
        #expect(counts("2026-11") == [1, 1, 0])
    }

    @Test("a withdrawal cancels either stop silently; what the states do not allow is refused")
    func withdrawalsAndRefusals() throws {
        var script = EventScript()
        script.add("W-1", "2026-06-01", Self.declared("complaint.filed"))
        script.add("W-1", "2026-06-10", Self.declared("complaint.withdrawn"))
        script.add("W-2", "2026-06-01", .complaintReceived(targetMonths: 3))
        script.add("W-2", "2026-06-05", Self.declared("complaint.withdrawn"))
        #expect(simulate(script, from: "2026-06-01", to: "2026-09-30") == [])
        var engine = try engine(with: script, today: "2026-09-30")
        let status = engine.status(on: day("2026-09-30"))
        #expect(status.rules[.klageUnderinstans]?[.cancelled] == 1)
        #expect(status.rules[.statsforvalterKlage]?[.cancelled] == 1)

        func refusal(_ caseRef: String, _ date: String, _ payload: EventPayload) -> EventRefusal? {
            let event = Event(id: "x-\(caseRef)-\(date)", caseRef: caseRef, date: day(date), payload: payload)
            do {
                _ = try engine.accept(event, today: day("2026-09-30"))
                return nil
            } catch { return error }
        }
        // Nothing is open in W-1 any more.
        #expect(refusal("W-1", "2026-07-01", Self.declared("complaint.withdrawn"))?.code == .state)
        #expect(refusal("W-1", "2026-07-01", Self.declared("complaint.forwarded"))?.code == .state)
        #expect(refusal("W-1", "2026-07-01", Self.declared("complaint.returned"))?.code == .state)
        // A new filing is refused while Statsforvalteren has the complaint, and while one is open here.
        #expect(refusal("W-3", "2026-07-01", .complaintReceived(targetMonths: 3)) == nil)
        #expect(refusal("W-3", "2026-07-02", Self.declared("complaint.filed"))?.code == .state)
        #expect(refusal("W-4", "2026-07-01", Self.declared("complaint.filed")) == nil)
        #expect(refusal("W-4", "2026-07-02", Self.declared("complaint.filed"))?.code == .state)
        // A foreløpig svar expecting an answer before its own date.
        let early = refusal("W-4", "2026-07-03", Self.declared("complaint.interim-reply", ["expected": "2026-07-02"]))
        #expect(early?.code == .dateOrder && early?.field == "expected")
        // Only the new filing of W-1 after its withdrawal starts again.
        #expect(refusal("W-1", "2026-07-04", Self.declared("complaint.filed")) == nil)
    }

    @Test("the rule's clocks come back the same from persisted state")
    func persistedRoundTrip() throws {
        var script = EventScript()
        script.add("P-1", "2026-03-02", Self.declared("complaint.filed"))
        script.add("P-1", "2026-04-08", Self.declared("complaint.interim-reply", ["expected": "2026-05-15"]))
        script.add("P-2", "2026-03-10", .complaintReceived(targetMonths: 3))
        script.add("P-2", "2026-04-01", Self.declared("complaint.returned"))
        let engine = try engine(with: script, today: "2026-04-30")
        let restored = try DeadlineEngine(configuration: EngineConfiguration(), restoring: engine.persistedCases())
        #expect(restored.persistedCases() == engine.persistedCases())
        #expect(restored.status(on: day("2026-04-30")) == engine.status(on: day("2026-04-30")))
        #expect(
            restored.clocks.filter { $0.rule == .klageUnderinstans }.map(\.due) == [
                day("2026-05-15"), day("2026-05-01"),
            ])
    }
}
