import Foundation
import FristEngine
import FristFormats
import FristHotPaths
import FristStorage
import FristTesting
import GRDB
import Synchronization
import Testing

@testable import FristSQLite

/// The SQLite layout with numbered cases and the key index kept in memory: a database of the
/// previous layout is converted whole, and ids stay unique and cases whole when the index is
/// built again (a restart) or another connection writes beside it.
@Suite("SQLite numbered cases")
struct NumberedCasesTests {
    @Test("a database of the previous layout is converted whole, and takes events as before")
    func convertsPreviousLayout() throws {
        let (seed, generator, path) = try Self.seededDatabase("numbered cases conversion")
        var random = generator
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let reference = MemoryStorage()
        let history = Self.randomHistory(using: &random)
        try Self.writePreviousLayout(history, at: path)
        for (intake, events) in history.intakes {
            _ = try reference.commit(intake, events: events, cases: [], at: "t")
        }
        try reference.replaceCases(history.states, fingerprint: "f")

        var store = try SQLiteStorage(path: path)
        #expect(try Self.view(store) == Self.view(reference), "seed \(seed)")
        let ids = history.intakes.flatMap(\.1).map(\.storedID)
        for sample in [Array(ids.prefix(5)), Array(ids.suffix(7)) + [EventIdentifier("never-seen")]] {
            #expect(try store.cases(owningEventIDs: sample) == reference.cases(owningEventIDs: sample))
        }

        // A commit that repeats an id stored before the conversion fails whole.
        let repeated = StoredEvent(id: ids[ids.count / 2].text, caseRef: "H-new", body: "{}", file: "b.jsonl", line: 1)
        let fresh = StoredEvent(id: "fresh-1", caseRef: "H-new", body: "{}", file: "b.jsonl", line: 2)
        let intake = IntakeRecord(
            file: "b.jsonl", fingerprint: "2-b", applied: 2, duplicates: 0, refused: 0, rejected: nil)
        #expect(throws: (any Error).self) {
            _ = try store.commit(intake, events: [fresh, repeated], cases: [], at: "t")
        }
        #expect(try store.eventCount() == ids.count)

        // New events of an old case and of a new one land in their cases, here and after a restart.
        let oldCase = try #require(history.states.first?.caseRef)
        let events = [
            StoredEvent(id: "fresh-2", caseRef: oldCase, body: "{}", file: "c.jsonl", line: 1),
            StoredEvent(id: "fresh-3", caseRef: "H-new", body: "{}", file: "c.jsonl", line: 2),
        ]
        let states = [PersistedCase(caseRef: oldCase, bytes: [9]), PersistedCase(caseRef: "H-new", bytes: [8])]
        let next = IntakeRecord(
            file: "c.jsonl", fingerprint: "2-c", applied: 2, duplicates: 0, refused: 0, rejected: nil)
        for target in [store, reference] as [any StateStorage] {
            _ = try target.commit(next, events: events, cases: states, at: "t")
        }
        #expect(try Self.view(store) == Self.view(reference), "seed \(seed)")
        store = try SQLiteStorage(path: path)
        #expect(try Self.view(store) == Self.view(reference), "seed \(seed)")
        #expect(
            try store.cases(owningEventIDs: ["fresh-2", "fresh-3"].map(EventIdentifier.init)) == [oldCase, "H-new"])
        #expect(throws: (any Error).self) {
            _ = try store.commit(intake, events: [events[0]], cases: [], at: "t")
        }
    }

    @Test("two connections writing one database keep each id once and each case whole")
    func twoWriters() throws {
        let (seed, generator, path) = try Self.seededDatabase("numbered cases two writers")
        var random = generator
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let writers = [try SQLiteStorage(path: path), try SQLiteStorage(path: path)]
        let reference = MemoryStorage()
        for step in 0..<120 {
            // Ids from a small pool, so that one writer often repeats an id the other stored.
            let events = (0..<Int.random(in: 1...3, using: &random)).map { offset in
                StoredEvent(
                    id: "e\(Int.random(in: 0..<150, using: &random))",
                    caseRef: "H-\(Int.random(in: 0..<25, using: &random))", body: "{}", file: "f", line: offset)
            }
            let cases = Set(events.compactMap(\.caseRef)).sorted().map { PersistedCase(caseRef: $0, bytes: [1]) }
            let intake = IntakeRecord(
                file: "f\(step)", fingerprint: "x", applied: events.count, duplicates: 0, refused: 0, rejected: nil)
            let writer = writers[Int.random(in: 0..<2, using: &random)]
            let written = (try? writer.commit(intake, events: events, cases: cases, at: "t")) != nil
            let expected = (try? reference.commit(intake, events: events, cases: cases, at: "t")) != nil
            #expect(written == expected, "step \(step), seed \(seed)")
        }
        for store in writers + [try SQLiteStorage(path: path)] {
            #expect(try Self.view(store) == Self.view(reference), "seed \(seed)")
        }
    }

    @Test("a hash shared by two references or two ids is never taken for the key")
    func sharedHashes() throws {
        let (store, directory) = try SQLiteStorageTests.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let intake = IntakeRecord(file: "a", fingerprint: "x", applied: 1, duplicates: 0, refused: 0, rejected: nil)
        let first = StoredEvent(id: "e1", caseRef: "A", body: "{}", file: "a", line: 1)
        _ = try store.commit(intake, events: [first], cases: [PersistedCase(caseRef: "A", bytes: [1])], at: "t")
        // As if "B" and "e2" had the hashes of case A's reference and of an id A holds.
        store.keys.withLock { index in
            index?.cases.insert(1, for: StableHash.of("B"))
            index?.events.insert(1, for: StableHash.of("e2"))
        }
        let second = StoredEvent(id: "e2", caseRef: "B", body: "{}", file: "a", line: 2)
        _ = try store.commit(intake, events: [second], cases: [PersistedCase(caseRef: "B", bytes: [2])], at: "t")
        var histories: [String] = []
        try store.forEachCaseHistory { histories.append("\($0) \($1.map(\.id))") }
        #expect(histories.sorted() == ["A [\"e1\"]", "B [\"e2\"]"])
        #expect(try store.persistedCases().cases.map(\.caseRef).sorted() == ["A", "B"])
        // The shared hash names A as a candidate owner of e2; its events say it is not.
        #expect(try store.cases(owningEventIDs: ["e2"].map(EventIdentifier.init)) == ["A", "B"])
        #expect(try store.events(ofCases: ["B"])["B"]?.map(\.id) == ["e2"])
    }

    /// A run's seed (printed, to replay it), its generator, and a database path in a new folder.
    static func seededDatabase(_ name: String) throws -> (UInt64, SeededGenerator, String) {
        let seed = TestSeed.make(name, environment: ProcessInfo.processInfo.environment)
        return (seed, SeededGenerator(seed: seed), try SQLiteStorageTests.scratchDatabasePath())
    }

    /// A random history of the previous layout: intakes of events (short ids and UUIDs, some
    /// events with no case), and the cases' states (some cases with a state and no event).
    struct History {
        var intakes: [(IntakeRecord, [StoredEvent])] = []
        var states: [PersistedCase] = []
    }

    static func randomHistory(using random: inout SeededGenerator) -> History {
        func name(_ prefix: String, _ number: Int) -> String {
            guard Bool.random(using: &random) else { return "\(prefix)-\(number)" }
            // A UUID drawn from the seed, so that a run replays.
            let hex = (0..<4).map { _ in
                let word = String(UInt32.random(in: .min ... .max, using: &random), radix: 16)
                return String(repeating: "0", count: 8 - word.count) + word
            }.joined()
            let cuts = [0, 8, 12, 16, 20, 32].map { hex.index(hex.startIndex, offsetBy: $0) }
            return zip(cuts, cuts.dropFirst()).map { String(hex[$0..<$1]) }.joined(separator: "-")
        }
        let cases = (0..<200).map { name("H", $0) }
        var history = History()
        var eventNumber = 0
        for file in 0..<12 {
            let events = (0..<Int.random(in: 1...40, using: &random)).map { line in
                eventNumber += 1
                let caseRef = Int.random(in: 0..<20, using: &random) == 0 ? nil : cases.randomElement(using: &random)
                return StoredEvent(
                    id: name("e", eventNumber), caseRef: caseRef, body: "{\"n\":\(eventNumber)}",
                    file: "f\(file).jsonl", line: line + 1)
            }
            history.intakes.append(
                (
                    IntakeRecord(
                        file: "f\(file).jsonl", fingerprint: "\(file)-x", applied: events.count, duplicates: 0,
                        refused: 0, rejected: nil),
                    events
                ))
        }
        let named = Set(history.intakes.flatMap(\.1).compactMap(\.caseRef))
        history.states = cases.filter { named.contains($0) || Int.random(in: 0..<10, using: &random) == 0 }.map {
            PersistedCase(caseRef: $0, bytes: (0..<Int.random(in: 1...9, using: &random)).map { UInt8($0) })
        }
        return history
    }

    /// Writes `history` in the tables migrations v1 to v5 left (their SQL, as those migrations
    /// wrote it), marked as migrated up to v5.
    static func writePreviousLayout(_ history: History, at path: String) throws {
        let database = try DatabaseQueue(path: path)
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    CREATE TABLE event (
                        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL, file TEXT NOT NULL,
                        line INTEGER NOT NULL, intake INTEGER NOT NULL REFERENCES intake(seq));
                    CREATE TABLE intake (
                        seq INTEGER PRIMARY KEY, file TEXT NOT NULL, fingerprint TEXT NOT NULL,
                        applied INTEGER NOT NULL, duplicates INTEGER NOT NULL, refused INTEGER NOT NULL, rejected TEXT,
                        taken_at TEXT NOT NULL, finished INTEGER NOT NULL DEFAULT 0);
                    CREATE INDEX intake_unfinished ON intake(file) WHERE finished = 0;
                    CREATE TABLE alert (
                        seq INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, rule TEXT NOT NULL,
                        clock_event TEXT NOT NULL, case_ref TEXT NOT NULL, unit TEXT, due TEXT NOT NULL,
                        date TEXT NOT NULL, days_left INTEGER NOT NULL, outcome TEXT, late INTEGER NOT NULL,
                        level INTEGER NOT NULL, sent INTEGER NOT NULL DEFAULT 0);
                    CREATE INDEX alert_unsent ON alert(seq) WHERE sent = 0;
                    CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                    ALTER TABLE event ADD COLUMN case_ref TEXT;
                    CREATE TABLE case_state (case_ref TEXT PRIMARY KEY, state BLOB NOT NULL) WITHOUT ROWID;
                    CREATE INDEX event_case ON event(case_ref);
                    ALTER TABLE intake ADD COLUMN copy TEXT;
                    """)
            for migration in [
                "v1", "v2: no refused text once its report is written",
                "v3: each event's case, and each case's folded state", "v4: the names of an intake's copy and report",
                "v5: identity numbers kept by earlier versions replaced by pseudonyms",
            ] {
                try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [migration])
            }
            for (intake, events) in history.intakes {
                try db.execute(
                    sql: """
                        INSERT INTO intake (file, fingerprint, applied, duplicates, refused, taken_at, finished)
                        VALUES (?, ?, ?, 0, 0, 't', 1)
                        """, arguments: [intake.file, intake.fingerprint, intake.applied])
                let seq = db.lastInsertedRowID
                for event in events {
                    try db.execute(
                        sql: "INSERT INTO event (id, case_ref, body, file, line, intake) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [event.id, event.caseRef, event.body, event.file, event.line, seq])
                }
            }
            for state in history.states {
                try db.execute(
                    sql: "INSERT INTO case_state (case_ref, state) VALUES (?, ?)",
                    arguments: [state.caseRef, Data(state.bytes)])
            }
            try db.execute(sql: "INSERT INTO meta VALUES ('state_fingerprint', 'f')")
        }
        try database.close()
    }

    /// What the port says of a store's events and cases, as text (each adapter's own order of
    /// the cases sorted away).
    static func view(_ store: any StateStorage) throws -> [String] {
        var lines: [String] = []
        try store.forEachEvent { lines.append("event \($0.id) \($0.caseRef ?? "-") \($0.body) \($0.file):\($0.line)") }
        var histories: [String] = []
        try store.forEachCaseHistory { histories.append("history \($0) \($1.map(\.id))") }
        lines += histories.sorted()
        let (fingerprint, cases) = try store.persistedCases()
        lines += cases.map { "state \($0.caseRef) \($0.bytes)" }.sorted()
        let summary = try store.persistedCaseSummary()
        lines.append("summary \(fingerprint ?? "-") \(summary.fingerprint ?? "-") \(summary.count)")
        lines.append("count \(try store.eventCount())")
        let named = Set(cases.map(\.caseRef)).union(["unknown"])
        lines += try store.events(ofCases: named).map { "of \($0.key) \($0.value.map(\.id))" }.sorted()
        return lines
    }
}
