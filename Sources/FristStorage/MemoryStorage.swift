import Foundation
public import FristCalendar
public import FristEngine
public import FristFormats

/// The storage port held in memory: the same contract as the SQLite adapter (unique event ids,
/// a commit all or nothing, alerts logged once by key, intake records finished by number), with
/// nothing durable. For tests of the engine's shell and of the port itself; a process that ends
/// loses it all.
public final class MemoryStorage: StateStorage, @unchecked Sendable {
    private struct Intake {
        var record: IntakeRecord
        var takenAt: String
        var finished = false
    }

    private struct State {
        var events: [StoredEvent] = []
        var eventIDs: Set<String> = []
        var intakes: [Intake] = []
        var cases: [String: [UInt8]] = [:]
        var fingerprint: String?
        var alerts: [StoredAlert] = []
        var alertKeys: [String: Int] = [:]
        var lastDailyRun: CalendarDate?
        var dailyRunTimes: (endedAt: Double, duration: Double)?
    }

    /// Every access holds it: `@unchecked Sendable` rests on this lock alone.
    private let lock = NSLock()
    private var state = State()

    /// An empty store.
    public init() {}

    private func locked<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }

    // MARK: - EventLog

    /// `EventLog.forEachEvent`, in memory.
    public func forEachEvent(_ body: (StoredEvent) throws -> Void) throws {
        try locked { $0.events }.forEach(body)
    }

    /// `EventLog.forEachCaseHistory`, in memory.
    public func forEachCaseHistory(_ body: (String, [StoredEvent]) throws -> Void) throws {
        let events = locked { $0.events }
        let byCase = Dictionary(grouping: events.filter { $0.caseRef != nil }, by: { $0.caseRef! })
        // One fixed order (the port leaves it to the adapter): the byte order of the references.
        for caseRef in byCase.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            try body(caseRef, byCase[caseRef]!)
        }
    }

    /// `EventLog.cases`, in memory.
    public func cases(owningEventIDs ids: [EventIdentifier]) throws -> Set<String> {
        let wanted = Set(ids)
        return Set(locked { $0.events }.filter { wanted.contains($0.storedID) }.compactMap(\.caseRef))
    }

    /// `EventLog.events`, in memory.
    public func events(ofCases caseRefs: Set<String>) throws -> [String: [StoredEvent]] {
        let events = locked { $0.events }.filter { $0.caseRef.map(caseRefs.contains) ?? false }
        return Dictionary(grouping: events, by: { $0.caseRef! })
    }

    /// `EventLog.eventCount`, in memory.
    public func eventCount() throws -> Int { locked { $0.events.count } }

    // MARK: - IntakeLog

    /// `IntakeLog.commit`, in memory.
    public func commit(
        _ intake: IntakeRecord, events: [StoredEvent], cases: [PersistedCase], at takenAt: String
    )
        throws -> Int64
    {
        try locked { state in
            // Validate, then change: a repeated id fails the whole commit, as SQLite's unique index does.
            var ids = state.eventIDs
            for event in events where !ids.insert(event.id).inserted {
                throw StoreError("hendelsen «\(event.id)» er allerede lagret")
            }
            state.eventIDs = ids
            state.events += events
            state.intakes.append(Intake(record: intake, takenAt: takenAt))
            for persisted in cases { state.cases[persisted.caseRef] = persisted.bytes }
            return Int64(state.intakes.count)
        }
    }

    /// `IntakeLog.unfinishedIntake`, in memory.
    public func unfinishedIntake(file: String, fingerprint: String) throws -> (seq: Int64, intake: IntakeRecord)? {
        locked { state in
            state.intakes.indices.last {
                let intake = state.intakes[$0]
                return !intake.finished && intake.record.file == file && intake.record.fingerprint == fingerprint
            }.map { (Int64($0 + 1), state.intakes[$0].record) }
        }
    }

    /// `IntakeLog.finishIntake`, in memory.
    public func finishIntake(_ seq: Int64) throws {
        locked { state in
            guard state.intakes.indices.contains(Int(seq) - 1) else { return }
            Self.finish(&state.intakes[Int(seq) - 1])
        }
    }

    /// `IntakeLog.finishIntakes`, in memory.
    public func finishIntakes(notIn waiting: Set<String>) throws {
        locked { state in
            for index in state.intakes.indices
            where !state.intakes[index].finished && !waiting.contains(state.intakes[index].record.file) {
                Self.finish(&state.intakes[index])
            }
        }
    }

    private static func finish(_ intake: inout Intake) {
        intake.finished = true
        intake.record.rejected = nil
    }

    /// `IntakeLog.intakeLineCounts`, in memory.
    public func intakeLineCounts() throws -> ServiceMetrics.IntakeLines {
        locked { state in
            state.intakes.reduce(into: ServiceMetrics.IntakeLines()) { counts, intake in
                counts.applied += intake.record.applied
                counts.duplicate += intake.record.duplicates
                counts.refused += intake.record.refused
            }
        }
    }

    /// `IntakeLog.lastIntakeTime`, in memory.
    public func lastIntakeTime() throws -> String? { locked { $0.intakes.last?.takenAt } }

    // MARK: - CaseStateLog

    /// `CaseStateLog.persistedCaseSummary`, in memory.
    public func persistedCaseSummary() throws -> (fingerprint: String?, count: Int) {
        locked { ($0.fingerprint, $0.cases.count) }
    }

    /// `CaseStateLog.persistedCases`, in memory.
    public func persistedCases() throws -> (fingerprint: String?, cases: [PersistedCase]) {
        locked { state in
            // One fixed order (the port leaves it to the adapter): the byte order of the references.
            let cases = state.cases.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            return (state.fingerprint, cases.map { PersistedCase(caseRef: $0.key, bytes: $0.value) })
        }
    }

    /// `CaseStateLog.forEachPersistedCase`, in memory.
    public func forEachPersistedCase<Decoded: Sendable>(
        decodingAhead decode: @escaping @Sendable (String, UnsafeRawBufferPointer) throws -> Decoded,
        chunkSize: Int, _ consume: ([Decoded]) throws -> Void
    ) throws -> String? {
        let (fingerprint, cases) = try persistedCases()
        try withoutActuallyEscaping(consume) { consume in
            var chunks = DecodedChunks(size: chunkSize, consume)
            for persisted in cases {
                try chunks.add(try persisted.bytes.withUnsafeBytes { try decode(persisted.caseRef, $0) })
            }
            try chunks.finish()
        }
        return fingerprint
    }

    /// `CaseStateLog.replaceCases`, in memory.
    public func replaceCases(_ cases: [PersistedCase], fingerprint: String) throws {
        locked { state in
            state.cases = Dictionary(cases.map { ($0.caseRef, $0.bytes) }, uniquingKeysWith: { _, last in last })
            state.fingerprint = fingerprint
        }
    }

    // MARK: - AlertLog

    /// `AlertLog.alertCounts`, in memory.
    public func alertCounts() throws -> [AlertKind: Int] {
        locked { state in state.alerts.reduce(into: [:]) { $0[$1.alert.kind, default: 0] += 1 } }
    }

    /// `AlertLog.record`, in memory.
    @discardableResult
    public func record(_ alerts: [Alert], cases: [PersistedCase]) throws -> [AlertKind: Int] {
        locked { state in
            for persisted in cases { state.cases[persisted.caseRef] = persisted.bytes }
            var logged: [AlertKind: Int] = [:]
            for alert in alerts where state.alertKeys[alert.key] == nil {
                state.alertKeys[alert.key] = state.alerts.count
                state.alerts.append(StoredAlert(alert: alert, sent: false))
                logged[alert.kind, default: 0] += 1
            }
            return logged
        }
    }

    /// `AlertLog.markSent`, in memory.
    public func markSent(_ alerts: [Alert]) throws {
        locked { state in
            for alert in alerts {
                guard let index = state.alertKeys[alert.key] else { continue }
                state.alerts[index] = StoredAlert(alert: state.alerts[index].alert, sent: true)
            }
        }
    }

    /// `AlertLog.alerts`, in memory.
    public func alerts(unsentOnly: Bool, kind: AlertKind?, caseRef: String?) throws -> [StoredAlert] {
        locked { state in
            state.alerts.filter {
                (!unsentOnly || !$0.sent) && (kind == nil || $0.alert.kind == kind)
                    && (caseRef == nil || $0.alert.caseRef == caseRef)
            }
        }
    }

    // MARK: - DailyRunLog

    /// `DailyRunLog.lastDailyRun`, in memory.
    public func lastDailyRun() throws -> CalendarDate? { locked { $0.lastDailyRun } }

    /// `DailyRunLog.setLastDailyRun`, in memory.
    public func setLastDailyRun(_ day: CalendarDate, endedAt: Double?, duration: Double?) throws {
        locked { state in
            state.lastDailyRun = day
            if let endedAt, let duration { state.dailyRunTimes = (endedAt, duration) }
        }
    }

    /// `DailyRunLog.lastDailyRunTimes`, in memory.
    public func lastDailyRunTimes() throws -> (endedAt: Double, duration: Double)? { locked { $0.dailyRunTimes } }
}
