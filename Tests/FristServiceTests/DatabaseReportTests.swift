import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristSQLite
import FristService
import FristStorage
import FristTesting
import Logging
import Testing

/// The monthly report read from a service's database, one case at a time, equals the report of
/// an engine that holds every event, and so does the status it comes with.
@Suite("monthly report from the database")
struct DatabaseReportTests {
    @Test(
        "the hand-worked history, committed in reverse order: the same report and status as from the events",
        arguments: ["sqlite", "memory"])
    func sameAsFromEvents(_ adapter: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store: any StateStorage =
            adapter == "memory" ? MemoryStorage() : try SQLiteStorage(path: directory + "/fristvakt.sqlite")
        let file = EventFile(path: "hand.jsonl", contents: Data(ReportFixture.handWorkedEvents.utf8))
        let lines = try file.lines.map { ($0, try $0.result.get()) }
        let asOf = try CalendarDate(parsing: "2026-04-30")
        let from = try CalendarMonth(parsing: "2026-01")
        let to = try CalendarMonth(parsing: "2026-04")
        let outcome = Simulation.run(
            events: lines.map { (tag: $0.0.number, event: $0.1) }, from: from.firstDay, to: asOf)
        let helfo = outcome.alerts.filter { $0.kind == .helfoRequired }
        #expect(!helfo.isEmpty)

        // Acceptance order reversed: the report folds each case by date, as the engine does.
        let stored = lines.reversed().map { line, event in
            StoredEvent(
                id: event.id, caseRef: event.caseRef, body: file.text(of: line), file: "hand.jsonl", line: line.number)
        }
        let intake = IntakeRecord(
            file: "hand.jsonl", fingerprint: "x", applied: stored.count, duplicates: 0, refused: 0, rejected: nil)
        _ = try store.commit(intake, events: stored, cases: [], at: "t")
        try store.record(helfo, cases: [])

        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        for units in [nil, Set(["B"])] as [Set<String>?] {
            let (report, status) = try DatabaseReport.build(
                store: store, configuration: EngineConfiguration(), from: from, to: to, asOf: asOf, units: units,
                logger: logger)
            #expect(
                report == outcome.engine.monthlyReport(from: from, to: to, asOf: asOf, units: units, helfoAlerts: helfo)
            )
            #expect(status == outcome.engine.status(on: asOf))
        }
    }
}
