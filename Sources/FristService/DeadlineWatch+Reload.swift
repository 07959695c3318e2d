import Foundation
import FristEngine
import FristFormats
import FristStorage
import Logging

/// Reloading the configuration (SIGHUP): the calendar and windows change at once, every open
/// clock is recomputed, and each deadline that moved is logged.
extension DeadlineWatch {
    /// Folds every case again on a new engine configuration: the events of every case come back
    /// into memory for it, and the new state and its fingerprint are written in one transaction.
    private func reconfigure(
        _ configuration: EngineConfiguration
    ) throws -> (moves: [DeadlineEngine.DeadlineMove], failed: [String]) {
        // Nothing the fold or the alerts depend on changed (a new status path, say): no refold.
        guard configuration != engine.configuration else { return ([], []) }
        try EngineRebuild.loadHistories(of: nil, into: &engine, store: store, logger: logger)
        let result = engine.reconfigure(configuration)
        engineAhead = true
        try store.replaceCases(engine.persistedCases(), fingerprint: PersistedCase.fingerprint(of: configuration))
        engineAhead = false
        _ = engine.takeChangedCases()
        engine.releaseHistories()
        return result
    }

    /// Reads the configuration again (SIGHUP): recomputes every open clock on the new calendar,
    /// logs each deadline that moved, and alerts what the new calendar puts at risk or in breach.
    /// A configuration with an error is refused with its message and the old one stays in force.
    /// The spool and state folders are fixed while running (the database is open, the spool
    /// watched): a change to them is logged and waits for a restart; the status path, time zone,
    /// daily time, calendar, windows, reminders and retention change at once.
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
        // The page is written again only when something it shows or where it goes changed: it
        // reads the whole database.
        let pageChanged =
            paths.report != setup.paths.report || configuration.engine != setup.configuration.engine
            || configuration.statusMode != setup.configuration.statusMode
            || configuration.timeZone != setup.configuration.timeZone
        setup.configuration = configuration
        setup.paths.status = paths.status
        if setup.paths.metrics == nil, paths.metrics != nil {
            do {
                figures.alerts = try store.alertCounts()
            } catch {
                logger.error("Varselloggen kunne ikke telles for metrikkfilen", metadata: ["reason": "\(error)"])
            }
        }
        setup.paths.metrics = paths.metrics
        status.metrics = paths.metrics.map(MetricsFile.init(path:))
        setup.paths.report = paths.report
        reportPage.path = paths.report
        reportPage.mode = configuration.statusMode
        if pageChanged { reportPage.markDue() }
        schedule = DailySchedule(time: configuration.dailyAlertTime, timeZone: configuration.timeZone)
        status.file = StatusFile(path: paths.status, mode: configuration.statusMode, timeZone: configuration.timeZone)
        status.includesRunning = configuration.statusIncludesRunning
        let moves: [DeadlineEngine.DeadlineMove]
        let failed: [String]
        do {
            (moves, failed) = try reconfigure(configuration.engine)
        } catch {
            logger.error(
                "Ny kalender kunne ikke lagres; tilstanden bygges fra hendelsene", metadata: ["reason": "\(error)"])
            engineAhead = true
            step()
            return
        }
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
        status.markDirtyNow()
        logger.info("Konfigurasjon lastet på nytt", metadata: ["moved": "\(moves.count)"])
        step()
    }
}
