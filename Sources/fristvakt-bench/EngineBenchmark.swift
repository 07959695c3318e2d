import ArgumentParser
import Foundation
import FristCalendar
import FristEngine
import FristTesting

/// Engine scale: a million open referral cases with a realistic mix of events.
struct EngineBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "engine")

    @Option(help: "How many referral cases.") var cases = 1_000_000

    func run() throws {
        let today = try CalendarDate(parsing: "2026-11-23")
        let calendar = WorkingDayCalendar()
        var generator = SeededGenerator(seed: 7)
        var events: [Event] = []
        events.reserveCapacity(cases * 3)
        // Referrals received over the last 120 days; most assessed within 15 working days,
        // most with a right and a frist 20–120 days out; some scheduled, postponed, started or closed.
        for index in 0..<cases {
            let caseRef = "H-\(index)"
            let received = try today.adding(days: -Int.random(in: 0...120, using: &generator))
            events.append(
                Event(
                    id: "r\(index)", caseRef: caseRef, date: received, unit: "U\(index % 40)",
                    payload: .referralReceived(
                        group: index % 10 == 0 ? .under23Psych : .standard, assessmentWorkingDays: nil)))
            let assessed = try calendar.addingWorkingDays(Int.random(in: 2...15, using: &generator), to: received)
            guard assessed <= today, Int.random(in: 0..<10, using: &generator) < 8 else { continue }
            let right = Int.random(in: 0..<10, using: &generator) < 8
            let frist = try assessed.adding(days: Int.random(in: 20...120, using: &generator))
            let scheduled: CalendarDate? =
                Int.random(in: 0..<2, using: &generator) == 0
                ? try frist.adding(days: Int.random(in: -30...10, using: &generator)) : nil
            events.append(
                Event(
                    id: "a\(index)", caseRef: caseRef, date: assessed,
                    payload: .referralAssessed(
                        outcome: right ? .right : .noRight, frist: right ? frist : nil,
                        scheduled: right ? scheduled : nil)))
            guard right else { continue }
            let later = try assessed.adding(days: Int.random(in: 1...40, using: &generator))
            guard later <= today else { continue }
            switch Int.random(in: 0..<20, using: &generator) {
            case 0:
                events.append(
                    Event(
                        id: "p\(index)", caseRef: caseRef, date: later,
                        payload: .referralPostponed(reason: .patient, frist: try frist.adding(days: 30))))
            case 1:
                events.append(
                    Event(id: "s\(index)", caseRef: caseRef, date: later, payload: .referralStarted(substantive: false))
                )
            case 2:
                events.append(
                    Event(id: "c\(index)", caseRef: caseRef, date: later, payload: .referralClosed(reason: .withdrawn)))
            case 3:
                events.append(Event(id: "h\(index)", caseRef: caseRef, date: later, payload: .referralHelfoNotified))
            default: break
            }
        }
        events.sort { $0.date < $1.date }
        print("engine: \(cases) referral cases, \(events.count) events")

        var engine = DeadlineEngine()
        let (_, loadSeconds) = try Measurement.time {
            for event in events { try engine.accept(event, today: today) }
        }
        let clockCount = engine.clocks.reduce(0) { count, _ in count + 1 }
        print(
            "load (accept every event): \(String(format: "%.2f", loadSeconds)) s = \(Measurement.rate(events.count, loadSeconds)) events, \(clockCount) clocks"
        )

        print(
            "peak resident memory after load: \(String(format: "%.0f", Measurement.peakResidentMiB())) MiB (includes the generated events)"
        )
        events = []
        print(
            "resident memory with the engine loaded, generated events freed: "
                + "\(String(format: "%.0f", Measurement.currentResidentMiB())) MiB")

        let (firstAlerts, evaluateSeconds) = Measurement.time { engine.advance(to: today) }
        print(
            "first advance after load (evaluate, emit and record every alert due): \(String(format: "%.3f", evaluateSeconds)) s, \(firstAlerts.count) alerts"
        )

        let tomorrow = try today.adding(days: 1)
        let (nextAlerts, advanceSeconds) = Measurement.time { engine.advance(to: tomorrow) }
        print(
            "advance one day (only clocks whose threshold came): \(String(format: "%.3f", advanceSeconds)) s, \(nextAlerts.count) alerts"
        )

        let (snapshot, statusSeconds) = Measurement.time { engine.status(on: tomorrow) }
        print(
            "status snapshot (state and days left of every clock): \(String(format: "%.3f", statusSeconds)) s, \(snapshot.open.count) open entries"
        )

        print(
            "peak resident memory: \(String(format: "%.0f", Measurement.peakResidentMiB())) MiB (includes the generated events)"
        )
    }
}
