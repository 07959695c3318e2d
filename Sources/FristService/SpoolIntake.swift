import Foundation
import FristCalendar
import FristEngine
import FristFormats
import Logging

/// Intake of one spool file at a time (contract § 2): its valid lines applied to the engine and
/// committed in one transaction with the intake record, then its refusals written to `rejected/`
/// and the file moved to `processed/`. A file that a crash left committed but not moved is
/// finished from its record, never applied twice. A file that hits a passing fault (EIO, EMFILE,
/// ENOSPC, …) stays in `incoming/` and is tried again with back-off.
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

    /// What `take` did.
    enum Outcome {
        /// Applied (or finished after a crash): the engine changed or may have.
        case taken
        /// Refused as a whole and moved to `rejected/`.
        case rejected
        /// Left in `incoming/` for a later try.
        case deferred
        /// Gone before it could be read.
        case vanished
    }

    /// Takes `incoming/NAME`. The engine takes the valid lines before the commit; `engineAhead` is
    /// true from then until the commit succeeds, and if it is still true when this throws, the
    /// caller must rebuild the engine from the database.
    mutating func take(
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
        try EngineRebuild.loadHistories(
            of: owners.union(decoded.map(\.caseRef)), into: &engine, store: store, logger: logger)
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
        let seq = try store.commit(intake, events: accepted, cases: engine.takeChangedCases(), at: takenAt)
        engineAhead = false
        engine.releaseHistories()
        try spool.finish(name, rejectedLines: intake.rejected)
        try store.finishIntake(seq)
        logger.info(
            "Fil lest inn",
            metadata: [
                "file": "\(name)", "applied": "\(accepted.count)", "duplicates": "\(duplicates)",
                "refused": "\(rejected.count)",
            ])
        return .taken
    }
}
