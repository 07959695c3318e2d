import Foundation
import FristCalendar
import FristEngine
import FristFormats
import Logging

/// Intake of one spool file at a time (contract § 2): its valid lines applied to the engine
/// (`prepare`), then committed in one transaction with the intake record, its refusals written to
/// `rejected/` and the file moved to `processed/` (`commit`, which may run on another thread while
/// the next file is prepared). A file that a crash left committed but not moved is finished from
/// its record, never applied twice. A file that hits a passing fault (EIO, EMFILE, ENOSPC, …)
/// stays in `incoming/` and is tried again with back-off.
struct SpoolIntake {
    let spool: SpoolDirectory
    let store: StateStore
    /// Files that hit a passing fault, each with its own back-off.
    private var deferred: [String: FailureBackoff] = [:]

    init(spool: SpoolDirectory, store: StateStore) {
        self.spool = spool
        self.store = store
    }

    /// The waiting files whose turn it is, oldest name first.
    func due() throws -> [String] {
        try spool.waitingFiles().filter { deferred[$0]?.isDue ?? true }
    }

    /// The earliest retry of a deferred file.
    func nextRetry(now: Date) -> Date? { deferred.values.compactMap { $0.retryDate(now: now) }.min() }

    /// A file whose valid lines the engine has taken, waiting for its commit.
    struct Prepared: Sendable {
        let intake: StateStore.Intake
        let events: [StateStore.StoredEvent]
        /// The folded state of every case the file changed, as it is after the file.
        let cases: [PersistedCase]
        let takenAt: String
    }

    /// What `prepare` did.
    enum Outcome {
        /// Applied to the engine, to be committed with `commit` before the engine is trusted.
        case prepared(Prepared)
        /// Finished after a crash (committed before it): the engine already holds it.
        case taken
        /// Refused as a whole and moved to `rejected/`.
        case rejected
        /// Left in `incoming/` for a later try.
        case deferred
        /// Gone before it could be read.
        case vanished
    }

    /// Reads `incoming/NAME` and applies its valid lines to the engine. `engineAhead` is set when
    /// the engine starts to change; the caller clears it once `commit` has succeeded, and rebuilds
    /// the engine from the database if anything fails before that.
    ///
    /// The reads here may run while an earlier file commits: its events are still in the
    /// engine's memory (histories are released only after the commit), so repeated ids and
    /// back-dated events are judged as if it were in the database.
    mutating func prepare(
        _ name: String, engine: inout DeadlineEngine, engineAhead: inout Bool, today: CalendarDate, takenAt: String,
        logger: Logger
    ) throws -> Outcome {
        let bytes: [UInt8]
        switch spool.read(name) {
        case .vanished:
            deferred[name] = nil
            return .vanished
        case .retry(let reason):
            deferred[name, default: FailureBackoff("Lesing av køfilen \(name)")]
                .failed(FileSystemError("read", path: name, reason: reason), logger: logger)
            return .deferred
        case .refused(let reason):
            var rejected = RejectedLines()
            rejected.add(file: name, line: nil, refusal: EventRefusal(.fileRefused, field: nil, reason), input: nil)
            try spool.reject(name, report: rejected.contents)
            deferred[name] = nil
            logger.warning("Fil avvist i sin helhet", metadata: ["file": "\(name)", "reason": "\(reason)"])
            return .rejected
        case .bytes(let contents):
            bytes = contents
        }
        if var backoff = deferred.removeValue(forKey: name) { backoff.succeeded(logger: logger) }
        let fingerprint = Fingerprint.of(bytes)
        if let (seq, intake) = try store.unfinishedIntake(file: name, fingerprint: fingerprint) {
            try spool.finish(name, rejectedLines: intake.rejected)
            try store.finishIntake(seq)
            logger.notice("Fil fullført etter avbrudd", metadata: ["file": "\(name)"])
            return .taken
        }
        let file = EventFile(path: name, contents: Data(bytes))
        var accepted: [StateStore.StoredEvent] = []
        var rejected = RejectedLines()
        var duplicates = 0
        engineAhead = true
        // The cases this file names, and those owning its ids, get their events back in memory.
        let decoded = file.lines.compactMap { try? $0.result.get() }
        let owners = try store.cases(owningEventIDs: decoded.map(\.id))
        let needed = engine.casesWithoutHistory(among: owners).union(engine.casesWithoutHistory(namedBy: decoded))
        try EngineRebuild.loadHistories(of: needed, into: &engine, store: store, logger: logger)
        for line in file.lines {
            do throws(EventRefusal) {
                let event = try line.result.get()
                switch try engine.accept(event, today: today) {
                case .applied:
                    accepted.append(
                        .init(id: event.id, caseRef: event.caseRef, body: line.text, file: name, line: line.number))
                case .duplicate: duplicates += 1
                }
            } catch {
                rejected.add(file: name, line: line.number, refusal: error, input: line.text)
            }
        }
        let intake = StateStore.Intake(
            file: name, fingerprint: fingerprint, applied: accepted.count, duplicates: duplicates,
            refused: rejected.count, rejected: rejected.count > 0 ? rejected.contents : nil)
        return .prepared(
            Prepared(intake: intake, events: accepted, cases: engine.takeChangedCases(), takenAt: takenAt))
    }

    /// Commits a prepared file's events, cases and intake record in one transaction, then writes
    /// its refusals to `rejected/`, moves it to `processed/` and marks its intake finished. Touches
    /// only the database and the spool, never the engine: it may run on a thread of its own.
    static func commit(_ prepared: Prepared, spool: SpoolDirectory, store: StateStore, logger: Logger) throws {
        let intake = prepared.intake
        let seq = try store.commit(intake, events: prepared.events, cases: prepared.cases, at: prepared.takenAt)
        try spool.finish(intake.file, rejectedLines: intake.rejected)
        try store.finishIntake(seq)
        logger.info(
            "Fil lest inn",
            metadata: [
                "file": "\(intake.file)", "applied": "\(intake.applied)", "duplicates": "\(intake.duplicates)",
                "refused": "\(intake.refused)",
            ])
    }
}
