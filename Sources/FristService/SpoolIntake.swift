import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristStorage
import Logging

/// Intake of one spool file at a time (docs/events.md, the spool): its valid lines applied to the
/// engine (`prepare`), then committed in one transaction with the intake record, its refusals
/// written to `rejected/` and the bytes judged kept in `processed/` (`commit`, which may run on
/// another thread while the next file is prepared; SpoolFinishing.swift). A file that a crash
/// left committed but not moved is finished from its record, never applied twice. A file that hits a passing fault (EIO, EMFILE, ENOSPC, …)
/// stays in `incoming/` and is tried again with back-off.
struct SpoolIntake {
    let spool: SpoolDirectory
    let store: any StateStorage
    /// Files that hit a passing fault, each with its own back-off.
    private var deferred: [SpoolName: FailureBackoff] = [:]
    /// Files still being written, each with when to look again if its writer's close does not
    /// wake the service first.
    private var writing: [SpoolName: ContinuousClock.Instant] = [:]

    init(spool: SpoolDirectory, store: any StateStorage) {
        self.spool = spool
        self.store = store
    }

    /// The waiting files whose turn it is, oldest name first. A file that left `incoming/` by
    /// another hand loses its back-off and its look-again time, so no wake-up waits for it.
    mutating func due() throws -> [SpoolName] {
        let waiting = try spool.waitingFiles()
        let listed = Set(waiting)
        deferred = deferred.filter { listed.contains($0.key) }
        writing = writing.filter { listed.contains($0.key) }
        return waiting.filter { deferred[$0]?.isDue ?? true }
    }

    /// The earliest retry of a deferred file, or look at a file being written.
    func nextRetry(now: Date) -> Date? {
        let recheck = writing.values.min().map { now.addingTimeInterval(max(($0 - .now) / .seconds(1), 0)) }
        return (deferred.values.compactMap { $0.retryDate(now: now) } + [recheck].compactMap { $0 }).min()
    }

    /// A file whose valid lines the engine has taken, waiting for its commit.
    struct Prepared: Sendable {
        let intake: IntakeRecord
        /// The file, and the bytes judged as they were read from it.
        let name: SpoolName
        let judged: [UInt8]
        let identity: SpoolDirectory.FileIdentity
        /// Whether a line held an identity number: the copy in `processed/` is masked.
        let mask: Bool
        let events: [StoredEvent]
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
        /// Left in `incoming/` for a later try (a passing fault, or a writer still at work).
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
        _ name: SpoolName, engine: inout DeadlineEngine, engineAhead: inout Bool, today: CalendarDate, takenAt: String,
        logger: Logger
    ) throws -> Outcome {
        let bytes: [UInt8]
        let identity: SpoolDirectory.FileIdentity
        switch spool.read(name) {
        case .vanished:
            deferred[name] = nil
            writing[name] = nil
            return .vanished
        case .writing(let recheck):
            if writing[name] == nil {
                logger.info("Filen skrives fortsatt; den tas når skriveren er ferdig", metadata: ["file": "\(name)"])
            }
            writing[name] = .now + .seconds(recheck)
            return .deferred
        case .retry(let reason):
            deferred[name, default: FailureBackoff("Lesing av køfilen \(name)")]
                .failed(FileSystemError("read", path: name.display, reason: reason), logger: logger)
            return .deferred
        case .refused(let reason):
            var rejected = RejectedLines()
            rejected.add(
                file: name.display, line: nil, refusal: EventRefusal(.fileRefused, field: nil, reason), input: nil)
            let finished = try spool.reject(name, report: rejected.contents)
            deferred[name] = nil
            writing[name] = nil
            logger.warning(
                "Fil avvist i sin helhet: \(finished.report ?? "")",
                metadata: [
                    "file": "\(name)", "reason": "\(reason)", "copy": "\(finished.copy)",
                    "report": "\(finished.report ?? "")",
                ])
            return .rejected
        case .bytes(let contents, let read):
            bytes = contents
            identity = read
        }
        writing[name] = nil
        if var backoff = deferred.removeValue(forKey: name) { backoff.succeeded(logger: logger) }
        let fingerprint = Fingerprint.of(bytes)
        if let (seq, intake) = try store.unfinishedIntake(file: name.display, fingerprint: fingerprint) {
            _ = try spool.finish(
                name, as: intake.copy ?? spool.freeName(for: name.display), judged: bytes, identity: identity,
                rejectedLines: intake.rejected, mask: NationalIdentityNumber.occurs(in: bytes))
            try store.finishIntake(seq)
            logger.notice("Fil fullført etter avbrudd", metadata: ["file": "\(name)"])
            return .taken
        }
        // Only names a source takes are listed as waiting.
        let source = EventSources.source(forName: name.bytes) ?? JSONLinesSource()
        let file = source.read(path: name.display, contents: Data(bytes))
        var accepted: [StoredEvent] = []
        var rejected = RejectedLines()
        var duplicates = 0
        var mask = false
        engineAhead = true
        // The cases this file names, and those owning its ids, get their events back in memory.
        let decoded = file.lines.compactMap { try? $0.result.get() }
        // Ids and references stay as the engine keeps them: a UUID's text is never made here.
        let owners = try store.cases(owningEventIDs: decoded.map(\.storedID))
        let needed = engine.casesWithoutHistory(among: owners).union(engine.casesWithoutHistory(namedBy: decoded))
        try EngineRebuild.loadHistories(of: needed, into: &engine, store: store, logger: logger)
        for line in file.lines {
            do throws(EventRefusal) {
                let event = try line.result.get()
                switch try engine.accept(event, today: today) {
                case .applied:
                    accepted.append(
                        StoredEvent(accepted: event, body: file.text(of: line), file: name.display, line: line.number))
                case .duplicate: duplicates += 1
                }
            } catch {
                mask = mask || error.code == .nationalID
                rejected.add(file: name.display, line: line.number, refusal: error, input: file.text(of: line))
            }
        }
        let intake = IntakeRecord(
            file: name.display, fingerprint: fingerprint, applied: accepted.count, duplicates: duplicates,
            refused: rejected.count, rejected: rejected.count > 0 ? rejected.contents : nil)
        return .prepared(
            Prepared(
                intake: intake, name: name, judged: bytes, identity: identity, mask: mask, events: accepted,
                cases: engine.takeChangedCases(), takenAt: takenAt))
    }

    /// Commits a prepared file's events, cases and intake record in one transaction, then writes
    /// its refusals to `rejected/`, moves it to `processed/` and marks its intake finished. Touches
    /// only the database and the spool, never the engine: it may run on a thread of its own.
    static func commit(_ prepared: Prepared, spool: SpoolDirectory, store: any StateStorage, logger: Logger) throws {
        var intake = prepared.intake
        // Chosen here, on the commit queue, after the earlier file's finish: two files with one
        // name never pick the same free name.
        let copy = spool.freeName(for: prepared.name.display)
        intake.copy = copy
        let seq = try store.commit(intake, events: prepared.events, cases: prepared.cases, at: prepared.takenAt)
        let finished = try spool.finish(
            prepared.name, as: copy, judged: prepared.judged, identity: prepared.identity,
            rejectedLines: intake.rejected,
            mask: prepared.mask)
        try store.finishIntake(seq)
        var metadata: Logger.Metadata = [
            "file": "\(intake.file)", "applied": "\(intake.applied)", "duplicates": "\(intake.duplicates)",
            "refused": "\(intake.refused)", "copy": "\(finished.copy)",
        ]
        var summary = "Fil lest inn"
        if let report = finished.report {
            metadata["report"] = "\(report)"
            summary += ": \(intake.refused) \(intake.refused == 1 ? "linje" : "linjer") avvist, se \(report)"
        }
        logger.info("\(summary)", metadata: metadata)
        if finished.leftWaiting {
            let note =
                "Filen ble endret etter at den ble lest; de leste linjene ligger i \(finished.copy), "
                + "og filen leses på nytt (linjer som alt er tatt inn, telles som duplikater)"
            logger.notice("\(note)", metadata: ["file": "\(intake.file)"])
        }
    }
}
