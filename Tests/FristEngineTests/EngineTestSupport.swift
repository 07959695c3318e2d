import FristCalendar
import FristEngine
import FristFormats
import FristTesting

/// Parses a date literal in a test.
func day(_ text: String) -> CalendarDate {
    do {
        return try CalendarDate(parsing: text)
    } catch {
        fatalError("bad test date \(text): \(error)")
    }
}

/// Builds events with ids numbered in the order written.
struct EventScript {
    private(set) var events: [Event] = []
    private let prefix: String

    init(_ prefix: String = "e") { self.prefix = prefix }

    mutating func add(_ caseRef: String, _ date: String, _ payload: EventPayload, unit: String? = nil) {
        events.append(
            Event(id: "\(prefix)\(events.count + 1)", caseRef: caseRef, date: day(date), unit: unit, payload: payload))
    }
}

/// Runs `simulate` and returns its lines as the CLI prints them.
func simulate(
    _ script: EventScript, from: String, to: String, configuration: EngineConfiguration = EngineConfiguration()
) -> [String] {
    let outcome = Simulation.run(
        events: script.events.enumerated().map { ($0.offset + 1, $0.element) }, from: day(from), to: day(to),
        configuration: configuration)
    precondition(outcome.refusals.isEmpty, "unexpected refusals: \(outcome.refusals)")
    return outcome.alerts.map { "\($0.date) \($0.kind.rawValue) \($0.rule.rawValue) \($0.caseRef) \($0.due)" }
}

/// Applies the events dated on or before `today` in the order given, as a service would have
/// received them by then.
func engine(
    with script: EventScript, today: String, configuration: EngineConfiguration = EngineConfiguration()
) throws -> DeadlineEngine {
    var engine = DeadlineEngine(configuration: configuration)
    for event in script.events where event.date <= day(today) { try engine.accept(event, today: day(today)) }
    return engine
}

/// The events of up to `maximum` random cases (`CaseHistory.random`, at least one), decoded, in
/// date order.
func randomEvents(upTo maximum: Int, using generator: inout SeededGenerator) -> [Event] {
    let lines = (0..<Int.random(in: 1...maximum, using: &generator)).flatMap {
        CaseHistory.random($0, using: &generator)
    }
    return lines.compactMap { try? EventDecoder.decode($0.utf8) }.sorted { $0.date < $1.date }
}
