import Foundation
import FristCalendar
import FristEngine
import FristFormats
import Logging

/// Writes the status file (and the metrics file, when configured, from the same snapshot) when
/// something changed: coalesced to at most about once a second, at least once a day, and forced
/// on shutdown. A failed write (a full disk) is logged once and retried with back-off; the summary
/// for `systemctl status` is refreshed with each write.
struct StatusPublisher {
    var file: StatusFile
    var metrics: MetricsFile?
    var includesRunning: Bool
    /// When the file was last written, on the monotonic clock (a wall clock stepped back must
    /// not hold the next write back).
    private var written: ContinuousClock.Instant?
    private var dirty = true
    private var failure = FailureBackoff("Skriving av statusfilen")
    private var metricsFailure = FailureBackoff("Skriving av metrikkfilen")
    /// A one-line summary for the service manager (`STATUS=`).
    private(set) var summary = "starter"

    init(file: StatusFile, metrics: MetricsFile?, includesRunning: Bool) {
        self.file = file
        self.metrics = metrics
        self.includesRunning = includesRunning
    }

    /// Something the file shows changed.
    mutating func markDirty() { dirty = true }

    /// Something changed that must be written at once, whatever the coalescing says (the daily
    /// run, a reload).
    mutating func markDirtyNow() {
        dirty = true
        written = nil
    }

    /// The earliest a write may happen, were something to change: once the coalescing interval
    /// and any back-off have passed.
    private func earliestWrite(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        let coalesced = written.map { $0 + .seconds(1) } ?? now
        return max(coalesced, failure.retryAt ?? coalesced)
    }

    /// When the next write is due, if one is pending.
    private var nextWriteInstant: ContinuousClock.Instant? {
        dirty ? earliestWrite(now: .now) : nil
    }

    /// Whether a write may happen now once something changes. Intake counts the snapshot ahead,
    /// while its last commit runs, only then.
    var mayWriteNow: Bool {
        let now = ContinuousClock.now
        return earliestWrite(now: now) <= now
    }

    /// The wall-clock instant of the next write, if one is pending.
    func nextWrite(now: Date) -> Date? {
        nextWriteInstant.map { now.addingTimeInterval(max(($0 - .now) / .seconds(1), 0)) }
    }

    /// Writes the document when due (or now, with `force`). `counted` is the engine's snapshot
    /// for `today` counted earlier, when nothing it shows has changed since.
    mutating func publishIfDue(
        engine: DeadlineEngine, counted: StatusSnapshot? = nil, today: CalendarDate, lastIntake: String?,
        service: ServiceMetrics, now: Date, force: Bool, logger: Logger
    ) {
        guard dirty else { return }
        if !force, let due = nextWriteInstant, ContinuousClock.now < due { return }
        let snapshot = counted ?? engine.status(on: today, includeRunning: includesRunning)
        let open =
            snapshot.totals[.running, default: 0] + snapshot.totals[.atRisk, default: 0]
            + snapshot.totals[.breached, default: 0]
        summary =
            "\(FristEngine.counted(open, "åpen frist", "åpne frister")), \(snapshot.totals[.atRisk, default: 0]) i faresonen, "
            + "\(snapshot.totals[.breached, default: 0]) brutt; siste innlesing \(lastIntake ?? "ingen")"
        do {
            try file.write(snapshot, now: now, cluster: service.cluster)
            written = .now
            dirty = false
            failure.succeeded(logger: logger, metadata: ["path": "\(file.path)"])
        } catch {
            written = .now
            failure.failed(error, logger: logger, metadata: ["path": "\(file.path)"])
        }
        // The metrics follow the status file: a failed write is logged once and tried again with
        // the next status write (at least daily), never holding the status file back.
        if let metrics {
            do {
                try metrics.write(snapshot, service)
                metricsFailure.succeeded(logger: logger, metadata: ["path": "\(metrics.path)"])
            } catch {
                metricsFailure.failed(error, logger: logger, metadata: ["path": "\(metrics.path)"])
            }
        }
    }
}
