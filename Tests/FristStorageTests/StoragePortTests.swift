import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristPostgres
import FristSQLite
import FristStorage
import FristTesting
import Logging
import Testing

/// The port's contract, which every adapter keeps: each test runs on SQLite, in memory and on
/// PostgreSQL (a throwaway cluster, `PostgresServer`), and a random run of operations must give
/// them all the same answers (StorageAgreementTests).
@Suite("storage port")
struct StoragePortTests {
    enum Adapter: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory, postgres
        var testDescription: String { rawValue }
    }

    /// A fresh store of the adapter, and what removes it.
    static func open(_ adapter: Adapter) throws -> (any StateStorage, cleanup: @Sendable () -> Void) {
        switch adapter {
        case .memory: return (MemoryStorage(), {})
        case .postgres:
            let store = try PostgresStorage(
                url: PostgresURL(parsing: try PostgresServer.shared.get().createDatabase()), node: "test",
                environment: [:], logger: Logger(label: "test"))
            return (store, { store.close() })
        case .sqlite:
            let (store, directory) = try SQLiteStorageTests.temporaryStore()
            return (store, { try? FileManager.default.removeItem(atPath: directory) })
        }
    }

    static func event(_ id: String, case caseRef: String?, line: Int = 1) -> StoredEvent {
        StoredEvent(id: id, caseRef: caseRef, body: "{\"id\":\"\(id)\"}", file: "a.jsonl", line: line)
    }

    static func intake(_ file: String, applied: Int = 1, refused: Int = 0) -> IntakeRecord {
        IntakeRecord(
            file: file, fingerprint: "\(file)-f", applied: applied, duplicates: 0, refused: refused,
            rejected: refused > 0 ? "{}\n" : nil, copy: file)
    }

    static func alert(_ event: String, kind: AlertKind = .atRisk, level: Int = 1) throws -> Alert {
        Alert(
            kind: kind, clock: ClockID(event: event, rule: .vurderingsfrist), caseRef: "H-\(event)", unit: "ORT",
            due: try CalendarDate(parsing: "2026-12-07"), date: try CalendarDate(parsing: "2026-12-03"), daysLeft: 2,
            outcome: nil, late: false, level: level)
    }

    @Test("an event id is stored once: a commit that repeats one fails whole", arguments: Adapter.allCases)
    func uniqueEvents(_ adapter: Adapter) throws {
        let (store, cleanup) = try Self.open(adapter)
        defer { cleanup() }
        _ = try store.commit(Self.intake("a"), events: [Self.event("e1", case: "H-1")], cases: [], at: "t1")
        let repeated = [Self.event("e2", case: "H-2"), Self.event("e1", case: "H-1")]
        let changed = PersistedCase(caseRef: "H-2", bytes: [1, 2])
        #expect(throws: (any Error).self) {
            try store.commit(Self.intake("b"), events: repeated, cases: [changed], at: "t2")
        }
        #expect(try store.eventCount() == 1)
        #expect(try store.unfinishedIntake(file: "b", fingerprint: "b-f") == nil)
        #expect(try store.persistedCases().cases.isEmpty)
        #expect(try store.lastIntakeTime() == "t1")
    }

    @Test("an intake is found by name and fingerprint until it is finished", arguments: Adapter.allCases)
    func intakes(_ adapter: Adapter) throws {
        let (store, cleanup) = try Self.open(adapter)
        defer { cleanup() }
        let first = try store.commit(Self.intake("a", refused: 2), events: [], cases: [], at: "t1")
        _ = try store.commit(Self.intake("b"), events: [Self.event("e1", case: "H-1")], cases: [], at: "t2")
        #expect(try store.unfinishedIntake(file: "a", fingerprint: "other") == nil)
        #expect(try store.unfinishedIntake(file: "a", fingerprint: "a-f")?.seq == first)
        #expect(try store.unfinishedIntake(file: "a", fingerprint: "a-f")?.intake.rejected == "{}\n")
        try store.finishIntake(first)
        #expect(try store.unfinishedIntake(file: "a", fingerprint: "a-f") == nil)
        try store.finishIntakes(notIn: ["b"])
        #expect(try store.unfinishedIntake(file: "b", fingerprint: "b-f") != nil)
        try store.finishIntakes(notIn: [])
        #expect(try store.unfinishedIntake(file: "b", fingerprint: "b-f") == nil)
        #expect(try store.intakeLineCounts() == ServiceMetrics.IntakeLines(applied: 2, duplicate: 0, refused: 2))
    }

    @Test(
        "events are read back in acceptance order, and by case, each case once",
        arguments: Adapter.allCases)
    func histories(_ adapter: Adapter) throws {
        let (store, cleanup) = try Self.open(adapter)
        defer { cleanup() }
        let events = [
            Self.event("e1", case: "b"), Self.event("e2", case: "a"), Self.event("e3", case: nil),
            Self.event("e4", case: "b"), Self.event("e5", case: "B"),
        ]
        _ = try store.commit(Self.intake("a", applied: 5), events: events, cases: [], at: "t")
        var all: [String] = []
        try store.forEachEvent { all.append($0.id) }
        #expect(all == ["e1", "e2", "e3", "e4", "e5"])
        var histories: [String] = []
        try store.forEachCaseHistory { caseRef, events in histories.append("\(caseRef):\(events.map(\.id))") }
        #expect(histories.sorted() == ["B:[\"e5\"]", "a:[\"e2\"]", "b:[\"e1\", \"e4\"]"])
        #expect(try store.events(ofCases: ["b", "x"]).mapValues { $0.map(\.id) } == ["b": ["e1", "e4"]])
        #expect(try store.cases(owningEventIDs: ["e2", "e3", "e4", "nope"].map(EventIdentifier.init)) == ["a", "b"])
    }

    @Test("case state is replaced whole and read back, in chunks, under its fingerprint", arguments: Adapter.allCases)
    func caseState(_ adapter: Adapter) throws {
        let (store, cleanup) = try Self.open(adapter)
        defer { cleanup() }
        #expect(try store.persistedCaseSummary().fingerprint == nil)
        let cases = (0..<5).map { PersistedCase(caseRef: "H-\($0)", bytes: [UInt8($0), 7]) }
        try store.replaceCases(cases, fingerprint: "f1")
        try store.record([], cases: [PersistedCase(caseRef: "H-1", bytes: [9])])
        var chunks: [[String]] = []
        let fingerprint = try store.forEachPersistedCase(
            decodingAhead: { caseRef, bytes in "\(caseRef)=\(Array(bytes))" }, chunkSize: 2
        ) { chunks.append($0) }
        #expect(fingerprint == "f1")
        #expect(
            chunks == [["H-0=[0, 7]", "H-1=[9]"], ["H-2=[2, 7]", "H-3=[3, 7]"], ["H-4=[4, 7]"]])
        try store.replaceCases([cases[0]], fingerprint: "f2")
        #expect(try store.persistedCaseSummary() == ("f2", 1))
    }

    @Test("alerts are logged once by key, in order, and marked sent", arguments: Adapter.allCases)
    func alerts(_ adapter: Adapter) throws {
        let (store, cleanup) = try Self.open(adapter)
        defer { cleanup() }
        let (first, second) = (try Self.alert("e1"), try Self.alert("e2", kind: .breached, level: 2))
        #expect(try store.record([first, first, second], cases: []) == [.atRisk: 1, .breached: 1])
        #expect(try store.record([first], cases: []) == [:])
        try store.markSent([first])
        #expect(try store.alerts().map(\.alert) == [first, second])
        #expect(try store.unsentAlerts().map(\.alert) == [second])
        #expect(try store.alerts(kind: .breached).map(\.alert) == [second])
        #expect(try store.alertCounts() == [.atRisk: 1, .breached: 1])
    }

    @Test("the daily run's day and times are kept", arguments: Adapter.allCases)
    func dailyRun(_ adapter: Adapter) throws {
        let (store, cleanup) = try Self.open(adapter)
        defer { cleanup() }
        #expect(try store.lastDailyRun() == nil)
        let day = try CalendarDate(parsing: "2026-12-07")
        try store.setLastDailyRun(day, endedAt: nil, duration: nil)
        #expect(try store.lastDailyRun() == day)
        #expect(try store.lastDailyRunTimes() == nil)
        try store.setLastDailyRun(day, endedAt: 12.5, duration: 0.25)
        #expect(try store.lastDailyRunTimes().map { [$0.endedAt, $0.duration] } == [12.5, 0.25])
    }
}
