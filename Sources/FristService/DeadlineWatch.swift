public import Foundation
import FristCalendar
import FristEngine
public import FristFormats
import FristStorage
public import Logging

/// The service's working state and its step: the engine (rebuilt from the database at start),
/// the daily alert run, intake of spool files, alert dispatch and the status file. Each of those
/// jobs lives in its own type beside this one; this one orders them.
///
/// The order of every step keeps the database the truth: events are committed before their file
/// leaves `incoming/`, and alerts are logged before they are sent and marked sent after. A crash
/// between any two steps is repaired by the next start (see docs/operations.md, "Crash safety").
/// Everything here blocks (SQLite with `synchronous=FULL`, fsync): the service calls it from a
/// thread of its own, never from Swift's cooperative pool.
public final class DeadlineWatch {
    /// What the service works with.
    public struct Setup: Sendable {
        /// The configuration in force.
        public var configuration: Configuration
        /// Where the files live.
        public var paths: ServicePaths
        /// The wall clock.
        public var clock: ServiceClock
        /// Where alerts and logs go.
        public var journal: any JournalSink
        /// Where the configuration came from, for a reload.
        public var source: ServiceBuilder.Options

        /// Creates a setup.
        public init(
            configuration: Configuration, paths: ServicePaths, clock: ServiceClock, journal: any JournalSink,
            source: ServiceBuilder.Options
        ) {
            self.configuration = configuration
            self.paths = paths
            self.clock = clock
            self.journal = journal
            self.source = source
        }
    }

    var setup: Setup
    let logger: Logger
    let store: any StateStorage
    private let spool: SpoolDirectory
    var schedule: DailySchedule
    private var intake: SpoolIntake
    /// Where a spool file's commit runs while the next file is prepared.
    private let commitQueue = DispatchQueue(label: "fristvakt.intake-commit")
    let alerts: AlertDispatch
    /// This node's part in a cluster; nil on a store only this node uses.
    var cluster: ClusterRole?
    var status: StatusPublisher
    var reportPage: ReportPublisher
    /// Set after the first step: the start (and `READY=1`) never waits for the report page.
    private var firstStepDone = false
    /// The engine, always rebuildable from the database.
    var engine: DeadlineEngine
    /// Set while the engine holds a change the database does not (before a commit, or after a
    /// failed one): the engine is rebuilt from the database before it is trusted again.
    var engineAhead = false
    var lastDailyRun: CalendarDate?
    var lastIntake: String?
    /// The service's counters and times for the metrics file, read back from the database at
    /// start and kept current as alerts are logged, files taken and daily runs done.
    var figures: ServiceMetrics
    /// `figures` with this node's place in a cluster, for the status and metrics files.
    private var serviceFigures: ServiceMetrics {
        var figures = figures
        figures.cluster = cluster?.status
        return figures
    }
    /// Whether `figures.intakeLines` may miss files a failed step committed: the next step counts
    /// the intake log again instead of adding its own files.
    var intakeLinesStale = false
    private var stepFailure = FailureBackoff("Arbeidssteget (innlesing og varsler)")
    /// The status snapshot intake counted while its last commit ran (see `takeWaitingFiles`),
    /// for this step's status write; nil when there is none or the engine changed since.
    private var countedStatus: StatusSnapshot?
    /// Whether the last step stopped at its time budget with files still waiting.
    public private(set) var hasBacklog = false

    /// A one-line summary for the service manager (`STATUS=`), refreshed with the status file.
    public var summary: String { status.summary }

    /// Opens the state: prepares the spool, opens the database, replays every accepted event,
    /// reads back the alert log, sends any alert a crash left unsent, and prunes old spool files.
    public init(setup: Setup, logger: Logger) throws {
        self.setup = setup
        self.logger = logger
        schedule = DailySchedule(time: setup.configuration.dailyAlertTime, timeZone: setup.configuration.timeZone)
        _ = try schedule.checkedToday(at: setup.clock.now())
        spool = SpoolDirectory(root: setup.paths.spool)
        try spool.prepare()
        try FileManager.default.createDirectory(atPath: setup.paths.state, withIntermediateDirectories: true)
        var folders = [spool.processed, spool.rejected, AtomicFile.directory(of: setup.paths.status)]
        for path in [setup.paths.metrics, setup.paths.report].compactMap({ $0 }) {
            folders.append(AtomicFile.directory(of: path))
        }
        for folder in folders {
            AtomicFile.removeLeftovers(in: folder)
        }
        store = try StorageOpening.open(setup.paths, .service)
        intake = SpoolIntake(spool: spool, store: store)
        alerts = AlertDispatch(store: store, journal: setup.journal, node: setup.paths.node)
        cluster = StorageOpening.lease(on: store, leaseSeconds: setup.configuration.cluster.leaseSeconds).map {
            ClusterRole(lease: $0, settings: setup.configuration.cluster)
        }
        if let cluster {
            // A node of a cluster retries within the lease: a lost database connection must not
            // keep a standby from taking over, nor a leader from coming back, for long.
            stepFailure = FailureBackoff(
                "Arbeidssteget (innlesing og varsler)", first: Double(cluster.settings.renewSeconds),
                longest: Double(cluster.settings.leaseSeconds))
        }
        status = StatusPublisher(
            file: StatusFile(
                path: setup.paths.status, mode: setup.configuration.statusMode,
                timeZone: setup.configuration.timeZone),
            metrics: setup.paths.metrics.map(MetricsFile.init(path:)),
            includesRunning: setup.configuration.statusIncludesRunning)
        reportPage = ReportPublisher(path: setup.paths.report, mode: setup.configuration.statusMode)
        lastDailyRun = try store.lastDailyRun()
        lastIntake = try store.lastIntakeTime()
        let dailyRun = try store.lastDailyRunTimes()
        // The alert log is counted (a scan of every alert) only for a metrics file.
        figures = ServiceMetrics(
            alerts: setup.paths.metrics == nil ? [:] : try store.alertCounts(),
            intakeLines: try store.intakeLineCounts(),
            lastIntake: lastIntake.flatMap(Timestamp.parseRFC3339)?.timeIntervalSince1970,
            lastDailyRun: dailyRun?.endedAt, dailyRunDuration: dailyRun?.duration)
        engine = try EngineRebuild.load(
            store: store, configuration: setup.configuration.engine, today: schedule.today(at: setup.clock.now()),
            statusIncludingRunning: setup.configuration.statusIncludesRunning, logger: logger)
        // The read's buffers are free now: given back rather than kept resident while idle.
        store.releaseMemory()
        // A crash after a file's move but before its intake was marked finished.
        try store.finishIntakes(notIn: Set(try spool.waitingFiles().map(\.display)))
        // In a cluster, the leader sends what is logged (`step`).
        let unsent = cluster == nil ? try store.unsentAlerts().map(\.alert) : []
        if !unsent.isEmpty {
            logger.warning(
                "Sender varsler som ble logget, men ikke sendt før en krasj", metadata: ["count": "\(unsent.count)"])
            try alerts.send(unsent)
        }
        pruneSpool(now: setup.clock.now())
    }

    // MARK: - The step

    /// Refuses a wall clock the calendar cannot serve (`ClockOutOfCalendar`): the caller stops
    /// the service. Checked before every step, so a clock stepped out of range while running
    /// stops it too.
    public func checkClock() throws(ClockOutOfCalendar) {
        _ = try schedule.checkedToday(at: setup.clock.now())
    }

    /// Does what is due at `now`: the daily alert run when its time has come, intake of waiting
    /// spool files until `budget` is spent or `shouldStop` says so (the rest waits for the next
    /// step, so the caller can ping the watchdog and hear signals in between), the alerts these
    /// cause, and the status file (coalesced). A failure is logged once and retried with back-off;
    /// nothing accepted is lost.
    public func step(budget: Duration = FristvaktService.longestStep, shouldStop: () -> Bool = { false }) {
        let started = ContinuousClock.now
        let now = setup.clock.now()
        hasBacklog = false
        if stepFailure.isDue {
            do {
                try followCluster(now: now)
                try settle(now: now)
                if cluster?.isLeader ?? true { try dailyRunIfDue(now: now) }
                try takeWaitingFiles(now: now) { ContinuousClock.now - started >= budget || shouldStop() }
                try sendAsLeader()
                stepFailure.succeeded(logger: logger)
            } catch let error as StaleStateError {
                // Another node wrote first: the engine is read again below, and the step's work
                // done again at once (no back-off: nothing is wrong).
                logger.info("\(error)")
                engineAhead = true
                hasBacklog = true
            } catch {
                stepFailure.failed(error, logger: logger)
            }
        }
        var counted = countedStatus
        countedStatus = nil
        if engineAhead {
            rebuildFromDatabase(now: now)
            counted = nil
        }
        // After a start or a rebuild, the status counted as the state was read, unless a file or
        // a reload changed a case since (the engine drops it then).
        let restored = engine.takeRestoredStatus(on: schedule.today(at: now), includeRunning: status.includesRunning)
        counted = counted ?? restored
        status.publishIfDue(
            engine: engine, counted: counted, today: schedule.today(at: now), lastIntake: lastIntake,
            service: serviceFigures, now: setup.clock.now(), force: false, logger: logger)
        // The report page last: it waits for a step after the first, without a backlog (it
        // replays the database, which takes seconds).
        if firstStepDone, !hasBacklog {
            reportPage.publishIfDue(
                store: store, configuration: setup.configuration.engine, today: schedule.today(at: now), logger: logger)
        }
        firstStepDone = true
    }

    /// When the service must wake next if nothing else happens: now while a backlog waits, else
    /// the next daily run, a pending status write, or a retry.
    public func nextWake() -> Date {
        let now = setup.clock.now()
        if hasBacklog { return now }
        var wake = schedule.nextRun(after: schedule.alertDay(at: now))
        if let cluster { wake = min(wake, now.addingTimeInterval(Double(cluster.settings.renewSeconds))) }
        let candidates = [
            status.nextWrite(now: now), stepFailure.retryDate(now: now), intake.nextRetry(now: now),
            reportPage.nextWrite(now: now),
        ]
        for candidate in candidates.compactMap({ $0 }) {
            wake = min(wake, candidate)
        }
        return wake
    }

    /// Writes the status file if anything changed since the last write (on shutdown).
    public func flush() {
        cluster?.release(logger: logger)
        let now = setup.clock.now()
        status.publishIfDue(
            engine: engine, today: schedule.today(at: now), lastIntake: lastIntake, service: serviceFigures, now: now,
            force: true, logger: logger)
    }

    /// Judges the cases new events changed, as of today; other cases wait for the daily run.
    private func settle(now: Date) throws {
        // A cluster's standby judges nothing: the leader does, from the state the standby wrote.
        guard cluster?.isLeader ?? true else { return }
        let today = schedule.today(at: now)
        try dispatch(engine.advance(to: today, wakeupsThrough: lastDailyRun ?? schedule.alertDay(at: now)))
    }

    private func dailyRunIfDue(now: Date) throws {
        let day = schedule.alertDay(at: now)
        if let lastDailyRun, lastDailyRun >= day { return }
        let started = ContinuousClock.now
        let decided = engine.advance(to: day)
        try dispatch(decided)
        let duration = (ContinuousClock.now - started) / .seconds(1)
        let endedAt = setup.clock.now().timeIntervalSince1970
        try store.setLastDailyRun(day, endedAt: endedAt, duration: duration)
        lastDailyRun = day
        figures.lastDailyRun = endedAt
        figures.dailyRunDuration = duration
        status.markDirtyNow()  // at least one write a day, whatever the coalescing says
        reportPage.markDue()
        pruneSpool(now: now)
        logger.info(
            "Daglig varselkjøring",
            metadata: [
                "day": "\(day)", "alerts": "\(decided.count)",
                "duration": "\((ContinuousClock.now - started).formatted(.units(allowed: [.milliseconds])))",
            ])
    }

    /// Takes the waiting spool files, oldest first, until `enough` says so (a backlog then waits
    /// for the next step). Two files are in hand at a time: while one commits on the commit
    /// queue, the next is read, decoded and applied to the engine here. The engine is trusted
    /// again (its histories released, the alerts of the new events decided) only when every
    /// commit has succeeded.
    ///
    /// While the last commit runs, the work thread counts the status snapshot of what the step
    /// took (when a write is allowed then): the commit and the count, each a pass over much of the
    /// state, overlap instead of following each other. The snapshot is written only after every
    /// commit has succeeded, so the status file never shows an event the database lacks. Nothing
    /// after the count changes a clock: the alerts decided by `settle` change only the ledger.
    private func takeWaitingFiles(now: Date, enough: () -> Bool) throws {
        let takenAt = Timestamp.rfc3339(now, timeZone: schedule.timeZone)
        let today = schedule.today(at: now)
        var pipeline = IntakePipeline(queue: commitQueue, store: store, spool: spool, logger: logger)
        var took = false
        // The lines of the files committed in this step, added to the counters at its end: the
        // intake log is read whole only at start and after a failed step (it grows by a row per
        // file, for as long as the database lives).
        var takenLines = ServiceMetrics.IntakeLines()
        var counted: StatusSnapshot?
        do {
            for name in try intake.due() {
                if enough() {
                    hasBacklog = true
                    break
                }
                switch try intake.prepare(
                    name, engine: &engine, engineAhead: &engineAhead, today: today, takenAt: takenAt, logger: logger)
                {
                case .prepared(let prepared):
                    takenLines.add(
                        .init(
                            applied: prepared.intake.applied, duplicate: prepared.intake.duplicates,
                            refused: prepared.intake.refused))
                    try pipeline.commit(prepared)
                    took = true
                case .taken: took = true
                case .rejected, .deferred, .vanished: break
                }
            }
            pipeline.endBacklog()
            if pipeline.isCommitting, status.mayWriteNow {
                counted = engine.status(on: today, includeRunning: status.includesRunning)
            }
            try pipeline.waitForCommit()
        } catch {
            pipeline.endBacklog()
            // No commit may run on behind the rebuild that follows a failure. Its own failure
            // (rare: the same fault, most likely) is logged here; the file stays in incoming/.
            do {
                try pipeline.waitForCommit()
            } catch let commitError {
                logger.error("Køfilen kunne ikke lagres; den prøves igjen", metadata: ["reason": "\(commitError)"])
            }
            intakeLinesStale = true
            throw error
        }
        if intakeLinesStale {
            figures.intakeLines = try store.intakeLineCounts()
            intakeLinesStale = false
        } else {
            figures.intakeLines.add(takenLines)
        }
        guard took else { return }
        engineAhead = false
        engine.releaseHistories()
        lastIntake = takenAt
        figures.lastIntake = now.timeIntervalSince1970
        status.markDirty()
        try settle(now: now)
        countedStatus = counted
    }

    /// Logs, sends and marks alerts. The engine's ledger already holds them: until they are
    /// logged, the engine is ahead of the database.
    private func dispatch(_ decided: [Alert]) throws {
        guard !decided.isEmpty else { return }
        engineAhead = true
        let logged = try alerts.dispatch(decided, cases: engine.takeChangedCases(), send: cluster == nil)
        engineAhead = false
        figures.alerts.merge(logged, uniquingKeysWith: +)
        status.markDirty()
    }

    /// The engine read again from the database, as at a start.
    func reloadEngine(now: Date) throws {
        engine = try EngineRebuild.load(
            store: store, configuration: setup.configuration.engine, today: schedule.today(at: now),
            statusIncludingRunning: setup.configuration.statusIncludesRunning, logger: logger)
        engineAhead = false
    }

    private func rebuildFromDatabase(now: Date) {
        do {
            try reloadEngine(now: now)
        } catch {
            logger.critical("Kan ikke lese tilstanden", metadata: ["reason": "\(error)"])
        }
    }

    /// Deletes `processed/` and `rejected/` files past their retention.
    private func pruneSpool(now: Date) {
        func cutoff(_ days: Int) -> Date? { days > 0 ? now.addingTimeInterval(-Double(days) * 86_400) : nil }
        let retention = setup.configuration.retention
        let (processed, rejected) = spool.prune(
            processedOlderThan: cutoff(retention.processedDays), rejectedOlderThan: cutoff(retention.rejectedDays))
        if processed + rejected > 0 {
            logger.info(
                "Gamle køfiler slettet etter oppbevaringstiden",
                metadata: ["processed": "\(processed)", "rejected": "\(rejected)"])
        }
    }
}
