import Foundation
import FristCalendar
import FristEngine
import FristSQLite
import FristStorage
import Testing

/// The restart's two-thread read of the persisted state: decoded on a thread of its own, handed
/// over in chunks, added in row order. It must give the same engine as the one-thread read,
/// stop on a damaged row without hanging, and stop its thread when the consumer fails.
@Suite("pipelined state read")
struct PipelinedStateReadTests {
    /// A store holding the persisted form of `count` referral cases.
    static func store(cases count: Int) throws -> (SQLiteStorage, String, [PersistedCase]) {
        let (store, directory) = try SQLiteStorageTests.temporaryStore()
        let today = try CalendarDate(parsing: "2026-12-01")
        var engine = DeadlineEngine()
        for index in 0..<count {
            try engine.accept(
                Event(
                    id: "e\(index)", caseRef: "H-\(index)", date: try today.adding(days: -(index % 30)),
                    unit: "U\(index % 7)", payload: .referralReceived(group: .standard, assessmentWorkingDays: nil)),
                today: today)
        }
        let cases = engine.persistedCases()
        try store.replaceCases(cases, fingerprint: "test")
        return (store, directory, cases)
    }

    @Test("many chunks: the same cases, in row order, as the one-thread read")
    func sameAsOneThread() throws {
        let (store, directory, _) = try Self.store(cases: 5_000)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var chunks = 0
        var pipelined: [PersistedCase] = []
        let fingerprint = try store.forEachPersistedCase(
            decodingAhead: { caseRef, bytes in PersistedCase(caseRef: caseRef, bytes: [UInt8](bytes)) },
            chunkSize: 300
        ) { chunk in
            chunks += 1
            pipelined += chunk
        }
        #expect(fingerprint == "test")
        #expect(chunks == 17, "5 000 rows in chunks of 300")
        #expect(pipelined == (try store.persistedCases().cases))
    }

    @Test("a damaged row mid-way: the read throws, the reading thread ends")
    func damagedRow() throws {
        let (store, directory, cases) = try Self.store(cases: 3_000)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // One case's bytes cut short, past the first few chunks.
        var damaged = cases
        let victim = damaged.firstIndex { $0.caseRef == "H-2500" }!
        damaged[victim] = PersistedCase(caseRef: "H-2500", bytes: Array(cases[victim].bytes.prefix(3)))
        try store.replaceCases(damaged, fingerprint: "test")
        var engine = DeadlineEngine()
        var added = 0
        #expect(throws: StateFormatError.self) {
            try store.forEachPersistedCase(
                decodingAhead: { caseRef, bytes in (caseRef, try DeadlineEngine.decodeCase(bytes)) }, chunkSize: 200
            ) { chunk in
                for (caseRef, decoded) in chunk {
                    try engine.restoreCase(caseRef, decoded: decoded)
                    added += 1
                }
            }
        }
        #expect(added > 0 && added < 3_000, "stopped part way: \(added)")
    }

    @Test("the consumer fails: its error comes out, and the reading thread is stopped")
    func consumerFails() throws {
        struct Enough: Error {}
        let (store, directory, _) = try Self.store(cases: 3_000)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var seen = 0
        #expect(throws: Enough.self) {
            try store.forEachPersistedCase(decodingAhead: { caseRef, _ in caseRef }, chunkSize: 100) { chunk in
                seen += chunk.count
                if seen >= 500 { throw Enough() }
            }
        }
        #expect(seen == 500)
        // The store is usable at once: the reading thread let go of it.
        #expect(try store.persistedCaseSummary().count == 3_000)
    }
}
