public import Foundation
import FristCalendar
import FristEngine
public import FristFormats
public import Logging

/// The service's working state and its steps: the engine, rebuilt from the database at start;
/// intake of spool files; the daily alert run; alert dispatch to the journal; the status file.
///
/// The order of every step keeps the database the truth: events are committed before their file
/// leaves `incoming/`, and alerts are logged before they are sent and marked sent after. A crash
/// between any two steps is repaired by the next start (see README, "Crash safety").
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
        public var journal: Journal
        /// Where the configuration came from, for a reload.
        public var source: ServiceBuilder.Options

        /// Creates a setup.
        public init(
            configuration: Configuration, paths: ServicePaths, clock: ServiceClock, journal: Journal,
            source: ServiceBuilder.Options
        ) {
            self.configuration = configuration
            self.paths = paths
            self.clock = clock
            self.journal = journal
            self.source = source
        }
    }

    private var setup: Setup
    private let logger: Logger
    private let store: StateStore
    private let spool: SpoolDirectory
    private var schedule: DailySchedule
    private var statusFile: StatusFile
    /// The engine, always rebuildable from the database.
    private var engine: DeadlineEngine
    private var lastDailyRun: CalendarDate?
    private var statusWritten: Date?
    private var statusDirty = true
    /// A failed step is tried again this often.
    private static let retryInterval: TimeInterval = 30
    private var retryAt: Date?
    /// Set when the engine took a change the database did not (a failed commit): the engine must
    /// be rebuilt from the database before it is trusted again.
    private var engineAhead = false
    private var lastIntake: String?
    /// A one-line summary for the service manager (`STATUS=`), refreshed with the status file.
    public private(set) var summary = "starter"

    /// Opens the state: prepares the spool, opens the database, replays every accepted event,
    /// reads back the alert log, and sends any alert a crash left unsent.
    public init(setup: Setup, logger: Logger) throws {
        self.setup = setup
        self.logger = logger
        spool = SpoolDirectory(root: setup.paths.spool)
        try spool.prepare()
        try FileManager.default.createDirectory(atPath: setup.paths.state, withIntermediateDirectories: true)
        store = try StateStore(path: setup.paths.database)
        schedule = DailySchedule(time: setup.configuration.dailyAlertTime, timeZone: setup.configuration.timeZone)
        statusFile = StatusFile(
            path: setup.paths.status, mode: setup.configuration.statusMode, timeZone: setup.configuration.timeZone)
        engine = DeadlineEngine(configuration: setup.configuration.engine)
        lastDailyRun = try store.lastDailyRun()
        lastIntake = try store.lastIntakeTime()
        let unsent = try rebuild().filter { !$0.sent }.map(\.alert)
        // A crash after a file's move but before its intake was marked finished.
        try store.finishIntakes(notIn: Set(try spool.waitingFiles()))
        if !unsent.isEmpty {
            logger.warning(
                "Sender varsler som ble logget, men ikke sendt før en krasj", metadata: ["count": "\(unsent.count)"])
            try send(unsent)
        }
    }

    /// Rebuilds the engine from the database alone; returns the alert log it read.
    @discardableResult
    private func rebuild() throws -> [StateStore.StoredAlert] {
        var engine = DeadlineEngine(configuration: setup.configuration.engine)
        let today = schedule.today(at: setup.clock.now())
        var count = 0
        try store.forEachEvent { stored in
            do {
                let event = try EventDecoder.decode(stored.body.utf8)
                try engine.accept(event, today: max(today, event.date))
                count += 1
            } catch {
                // Cannot happen for events this service accepted; logged, never silently dropped.
                logger.error(
                    "Lagret hendelse kan ikke brukes ved gjenoppbygging",
                    metadata: [
                        "event": "\(stored.id)", "file": "\(stored.file)", "line": "\(stored.line)",
                        "reason": "\(error)",
                    ])
            }
        }
        let alerts = try store.alerts()
        engine.restore(emitted: alerts.map(\.alert))
        self.engine = engine
        logger.info("Tilstand lastet", metadata: ["events": "\(count)"])
        return alerts
    }

    // MARK: - The step

    /// Does what is due at `now`: the daily alert run when its time has come, intake of every
    /// waiting spool file, the alerts these cause, and the status file (coalesced to about once a
    /// second). Errors are logged and the step is retried later; nothing accepted is lost.
    public func step() {
        let now = setup.clock.now()
        do {
            try settle(now: now)
            try dailyRunIfDue(now: now)
            try takeWaitingFiles(now: now)
            retryAt = nil
        } catch {
            logger.error("Steget feilet; prøver igjen", metadata: ["reason": "\(error)"])
            retryAt = now.addingTimeInterval(Self.retryInterval)
        }
        if engineAhead {
            do {
                try rebuild()
                engineAhead = false
            } catch {
                logger.critical("Kan ikke lese tilstanden", metadata: ["reason": "\(error)"])
            }
        }
        writeStatusIfDue(now: setup.clock.now(), force: false)
    }

    /// When the service must wake next if nothing else happens: the next daily run, a pending
    /// status write, or a retry.
    public func nextWake() -> Date {
        let now = setup.clock.now()
        var wake = schedule.nextRun(after: schedule.alertDay(at: now))
        if statusDirty, let written = statusWritten { wake = min(wake, written.addingTimeInterval(1)) }
        if let retryAt { wake = min(wake, retryAt) }
        return wake
    }

    /// Writes the status file if anything changed since the last write (on shutdown).
    public func flush() {
        writeStatusIfDue(now: setup.clock.now(), force: true)
    }

    /// Judges the cases new events changed, as of today; other cases wait for the daily run.
    private func settle(now: Date) throws {
        let today = schedule.today(at: now)
        let alerts = engine.advance(to: today, wakeupsThrough: lastDailyRun ?? schedule.alertDay(at: now))
        try dispatch(alerts)
    }

    private func dailyRunIfDue(now: Date) throws {
        let day = schedule.alertDay(at: now)
        if let lastDailyRun, lastDailyRun >= day { return }
        let alerts = engine.advance(to: day)
        try dispatch(alerts)
        try store.setLastDailyRun(day)
        lastDailyRun = day
        statusDirty = true
        statusWritten = nil  // at least one write a day, whatever the coalescing says
        logger.info("Daglig varselkjøring", metadata: ["day": "\(day)", "alerts": "\(alerts.count)"])
    }

    // MARK: - Reload

    /// Reads the configuration again (SIGHUP): recomputes every open clock on the new calendar,
    /// logs each deadline that moved, and alerts what the new calendar puts at risk or in breach.
    /// A configuration with an error is refused with its message and the old one stays in force.
    /// The spool and state folders are fixed while running (the database is open, the spool
    /// watched): a change to them is logged and waits for a restart; the status path, time zone,
    /// daily time, calendar, windows and reminders change at once.
    public func reload() {
        let configuration: Configuration
        let fromFile: Bool
        do {
            (configuration, fromFile) = try ServiceBuilder.loadConfiguration(setup.source)
        } catch {
            logger.error(
                "Ny konfigurasjon avvist; den gamle gjelder fortsatt", metadata: ["reason": "\(error)"])
            return
        }
        let paths = ServicePaths(
            configuration: configuration, fromFile: fromFile, environment: setup.source.environment)
        if paths.spool != setup.paths.spool || paths.state != setup.paths.state {
            logger.warning(
                "Endrede stier for kø eller tilstand gjelder først etter omstart",
                metadata: ["spool": "\(paths.spool)", "state": "\(paths.state)"])
        }
        setup.configuration = configuration
        setup.paths.status = paths.status
        schedule = DailySchedule(time: configuration.dailyAlertTime, timeZone: configuration.timeZone)
        statusFile = StatusFile(path: paths.status, mode: configuration.statusMode, timeZone: configuration.timeZone)
        let (moves, failed) = engine.reconfigure(configuration.engine)
        for move in moves {
            logger.notice(
                "Frist flyttet: sak \(move.caseRef), \(move.clock.rule.rawValue), \(move.oldDue) → \(move.newDue)",
                metadata: [
                    "case": "\(move.caseRef)", "rule": "\(move.clock.rule.rawValue)",
                    "old_due": "\(move.oldDue)", "new_due": "\(move.newDue)",
                ])
        }
        for caseRef in failed {
            logger.error(
                "Saken kan ikke beregnes med ny kalender; gamle frister beholdes", metadata: ["case": "\(caseRef)"])
        }
        statusDirty = true
        statusWritten = nil
        logger.info("Konfigurasjon lastet på nytt", metadata: ["moved": "\(moves.count)"])
        step()
    }

    // MARK: - Intake

    private func takeWaitingFiles(now: Date) throws {
        for name in try spool.waitingFiles() {
            try take(name, now: now)
            try settle(now: now)
        }
    }

    /// Takes one file from `incoming/`: applies its valid lines in one transaction, then writes its
    /// refusals and moves it to `processed/`. A file seen before a crash is finished, not applied
    /// again.
    private func take(_ name: String, now: Date) throws {
        let bytes: [UInt8]
        switch spool.read(name) {
        case .refused(let reason):
            var rejected = RejectedLines()
            rejected.add(file: name, line: nil, refusal: EventRefusal(field: nil, reason), input: nil)
            try spool.reject(name, report: rejected.contents)
            logger.warning("Fil avvist i sin helhet", metadata: ["file": "\(name)", "reason": "\(reason)"])
            return
        case .bytes(let contents):
            bytes = contents
        }
        let fingerprint = Fingerprint.of(bytes)
        if let (seq, intake) = try store.unfinishedIntake(file: name, fingerprint: fingerprint) {
            try spool.finish(name, rejectedLines: intake.rejected)
            try store.finishIntake(seq)
            logger.notice("Fil fullført etter avbrudd", metadata: ["file": "\(name)"])
            return
        }
        let file = EventFile(path: name, contents: Data(bytes))
        let today = schedule.today(at: now)
        var accepted: [StateStore.StoredEvent] = []
        var rejected = RejectedLines()
        var duplicates = 0
        for line in file.lines {
            do throws(EventRefusal) {
                let event = try line.result.get()
                switch try engine.accept(event, today: today) {
                case .applied: accepted.append(.init(id: event.id, body: line.text, file: name, line: line.number))
                case .duplicate: duplicates += 1
                }
            } catch {
                rejected.add(file: name, line: line.number, refusal: error, input: line.text)
            }
        }
        let intake = StateStore.Intake(
            file: name, fingerprint: fingerprint, applied: accepted.count, duplicates: duplicates,
            refused: rejected.count, rejected: rejected.count > 0 ? rejected.contents : nil)
        let takenAt = Timestamp.rfc3339(now, timeZone: schedule.timeZone)
        engineAhead = true
        let seq = try store.commit(intake, events: accepted, at: takenAt)
        engineAhead = false
        lastIntake = takenAt
        statusDirty = true
        try spool.finish(name, rejectedLines: intake.rejected)
        try store.finishIntake(seq)
        logger.info(
            "Fil lest inn",
            metadata: [
                "file": "\(name)", "applied": "\(accepted.count)", "duplicates": "\(duplicates)",
                "refused": "\(rejected.count)",
            ])
    }

    // MARK: - Alerts

    /// Logs alerts, sends them, marks them sent.
    private func dispatch(_ alerts: [Alert]) throws {
        guard !alerts.isEmpty else { return }
        // The ledger already holds these alerts; until they are logged, the engine is ahead.
        engineAhead = true
        try store.record(alerts)
        engineAhead = false
        try send(alerts)
        statusDirty = true
    }

    private func send(_ alerts: [Alert]) throws {
        for alert in alerts { setup.journal.send(AlertJournalEntry.fields(alert)) }
        try store.markSent(alerts)
    }

    // MARK: - Status

    private func writeStatusIfDue(now: Date, force: Bool) {
        guard statusDirty else { return }
        if !force, let statusWritten, now.timeIntervalSince(statusWritten) < 1 { return }
        let snapshot = engine.status(
            on: schedule.today(at: now), includeRunning: setup.configuration.statusIncludesRunning)
        let open =
            snapshot.totals[.running, default: 0] + snapshot.totals[.atRisk, default: 0]
            + snapshot.totals[.breached, default: 0]
        summary =
            "\(open) åpne frister, \(snapshot.totals[.atRisk, default: 0]) i faresonen, "
            + "\(snapshot.totals[.breached, default: 0]) brutt; siste innlesing \(lastIntake ?? "ingen")"
        do {
            try statusFile.write(snapshot, now: now)
            statusWritten = now
            statusDirty = false
        } catch {
            logger.error("Statusfilen kunne ikke skrives", metadata: ["reason": "\(error)"])
            statusWritten = now
        }
    }
}
