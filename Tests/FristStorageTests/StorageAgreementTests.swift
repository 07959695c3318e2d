import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristSQLite
import FristStorage
import FristTesting
import Testing

/// A metamorphic check of the adapters: the same random run of operations (commits with repeated
/// ids, finished intakes, alerts logged twice, case states replaced) leaves SQLite and the memory
/// store and PostgreSQL answering every read alike, and failing on the same steps. (An intake's
/// number is the adapter's own: PostgreSQL's sequences skip the numbers of failed commits.)
@Suite("storage adapters agree")
struct StorageAgreementTests {
    @Test("a random run of operations gives the same answers in SQLite, in memory and in PostgreSQL")
    func agree() throws {
        let seed = TestSeed.make("storage adapters agree", environment: ProcessInfo.processInfo.environment)
        var random = SeededGenerator(seed: seed)
        let (sqlite, directory) = try SQLiteStorageTests.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (postgres, closePostgres) = try StoragePortTests.open(.postgres)
        defer { closePostgres() }
        let stores: [any StateStorage] = [sqlite, MemoryStorage(), postgres]
        var sequences: [[Int64]] = stores.map { _ in [] }
        for step in 0..<300 {
            let draw = Draw(
                operation: Int.random(in: 0..<6, using: &random), id: Int.random(in: 0..<40, using: &random),
                caseNumber: Int.random(in: 0..<6, using: &random), count: Int.random(in: 1..<4, using: &random))
            var answers: [String] = []
            for (index, store) in stores.enumerated() {
                let answer = (try? Self.perform(draw, step: step, on: store, sequences: sequences[index])) ?? "failed"
                if draw.operation == 0, let seq = Int64(answer) {
                    sequences[index].append(seq)
                    answers.append("committed")
                } else {
                    answers.append(answer)
                }
            }
            #expect(Set(answers).count == 1, "step \(step), \(draw), seed \(seed): \(answers)")
            let snapshots = try stores.map(Self.snapshot)
            #expect(Set(snapshots).count == 1, "after step \(step), seed \(seed)")
            if Set(snapshots).count != 1 { return }
        }
    }

    /// One step's random draws.
    private struct Draw {
        let operation: Int
        let id: Int
        let caseNumber: Int
        let count: Int
    }

    private static func perform(
        _ draw: Draw, step: Int, on store: any StateStorage, sequences: [Int64]
    ) throws -> String {
        let (id, caseNumber, count) = (draw.id, draw.caseNumber, draw.count)
        switch draw.operation {
        case 0:
            // Ids drawn from a small pool: some commits repeat an id and must fail whole.
            let events = (0..<count).map { offset in
                StoragePortTests.event("e\(id + offset)", case: "H-\(caseNumber)", line: offset + 1)
            }
            let cases = [PersistedCase(caseRef: "H-\(caseNumber)", bytes: [UInt8(step % 256)])]
            let intake = StoragePortTests.intake("f\(id % 5)", applied: count)
            return "\(try store.commit(intake, events: events, cases: cases, at: "t\(step)"))"
        case 1:
            guard !sequences.isEmpty else { return "none" }
            try store.finishIntake(sequences[id % sequences.count])
            return "finished"
        case 2:
            try store.finishIntakes(notIn: ["f\(id % 5)", "f\((id + 1) % 5)"])
            return "finished"
        case 3:
            let alerts = try (0..<count).map { try StoragePortTests.alert("e\((id + $0) % 12)", level: caseNumber % 2) }
            return "\(try store.record(alerts, cases: []).sorted { $0.key.rawValue < $1.key.rawValue })"
        case 4:
            let alerts = try (0..<count).map { try StoragePortTests.alert("e\((id + $0) % 12)", level: caseNumber % 2) }
            try store.markSent(alerts)
            return "sent"
        default:
            let cases = (0..<count).map { PersistedCase(caseRef: "H-\((caseNumber + $0) % 6)", bytes: [UInt8(id)]) }
            try store.replaceCases(cases, fingerprint: "f\(id % 3)")
            return "replaced"
        }
    }

    /// Everything the port can say, as text.
    private static func snapshot(_ store: any StateStorage) throws -> [String] {
        var lines: [String] = []
        try store.forEachEvent { lines.append("event \($0.id) \($0.caseRef ?? "-") \($0.file):\($0.line)") }
        var histories: [String] = []
        try store.forEachCaseHistory { histories.append("history \($0) \($1.map(\.id))") }
        lines += histories.sorted()  // each adapter chooses the order of the cases
        let (fingerprint, cases) = try store.persistedCases()
        lines.append("state \(fingerprint ?? "-") \(cases.map { "\($0.caseRef)=\($0.bytes)" }.sorted())")
        lines += try store.alerts().map { "alert \($0.alert.key) \($0.sent)" }
        let counts = try store.intakeLineCounts()
        lines.append(
            "lines \(counts.applied) \(counts.duplicate) \(counts.refused) \(try store.lastIntakeTime() ?? "-")")
        for file in 0..<5 {
            let unfinished = try store.unfinishedIntake(file: "f\(file)", fingerprint: "f\(file)-f")
            lines.append("unfinished f\(file) \(unfinished.map { "\($0.intake.applied)" } ?? "-")")
        }
        return lines
    }
}
