import Foundation
import FristCalendar
import FristEngine
import FristService
import Testing

/// The SQLite state: events once, intakes found again after a crash, the alert log.
@Suite("state store")
struct StateStoreTests {
    static func temporaryStore() throws -> (StateStore, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return (try StateStore(path: directory + "/fristvakt.sqlite"), directory)
    }

    @Test("an event id is stored once; a second commit of it fails and changes nothing")
    func uniqueEvents() throws {
        let (store, directory) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let event = StateStore.StoredEvent(id: "e1", caseRef: "H-1", body: "{}", file: "a.jsonl", line: 1)
        let intake = StateStore.Intake(
            file: "a.jsonl", fingerprint: "2-x", applied: 1, duplicates: 0, refused: 0, rejected: nil)
        _ = try store.commit(intake, events: [event], cases: [], at: "t")
        #expect(throws: (any Error).self) { try store.commit(intake, events: [event], cases: [], at: "t") }
        #expect(try store.eventCount() == 1)
        // The failed transaction left no second intake record either.
        let unfinished = try store.unfinishedIntake(file: "a.jsonl", fingerprint: "2-x")
        #expect(unfinished?.intake == intake)
    }

    @Test("an unfinished intake is found by name and fingerprint until it is finished")
    func unfinishedIntake() throws {
        let (store, directory) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let intake = StateStore.Intake(
            file: "b.jsonl", fingerprint: "10-abc", applied: 0, duplicates: 0, refused: 1, rejected: "{}\n")
        let seq = try store.commit(intake, events: [], cases: [], at: "t")
        #expect(try store.unfinishedIntake(file: "b.jsonl", fingerprint: "10-other") == nil)
        #expect(try store.unfinishedIntake(file: "b.jsonl", fingerprint: "10-abc")?.seq == seq)
        try store.finishIntake(seq)
        #expect(try store.unfinishedIntake(file: "b.jsonl", fingerprint: "10-abc") == nil)
    }

    @Test("the alert log reads back the same alerts, logged once, with their sent mark")
    func alertLog() throws {
        let (store, directory) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let alert = Alert(
            kind: .resolved, clock: ClockID(event: "e1", rule: .vurderingsfrist), caseRef: "H-1", unit: "ORT",
            due: try CalendarDate(parsing: "2026-12-07"), date: try CalendarDate(parsing: "2026-12-08"), daysLeft: -1,
            outcome: .metLate, late: true, level: 0)
        try store.record([alert, alert], cases: [])
        #expect(try store.alerts().map(\.alert) == [alert])
        #expect(try store.alerts().map(\.sent) == [false])
        try store.markSent([alert])
        #expect(try store.alerts().map(\.sent) == [true])
    }
}
