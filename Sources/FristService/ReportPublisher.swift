import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristStorage
import Logging

/// Writes the report page (`[paths] report`, docs/report.md) for the last 12 months: in the step
/// after the first (so `READY=1` never waits for it), after each daily run, and after a reload that changes its path, mode, time zone or calendar.
/// The page needs every case's events, so each write reads the whole database, one case at a time
/// (`DatabaseReport`).
/// A failure is logged once and retried with back-off; the status file and the alerts never wait
/// for it.
struct ReportPublisher {
    /// Where the page goes, if configured.
    var path: String?
    /// Its permission bits (the status file's: the same readers poll it).
    var mode: Int
    private var due = true
    private var failure = FailureBackoff("Skriving av rapportsiden")

    init(path: String?, mode: Int) {
        self.path = path
        self.mode = mode
    }

    /// A new day's figures (the daily run), or a new path or configuration (a reload).
    mutating func markDue() { due = true }

    /// When the next write is due, if one is pending: now, or when a failed one is retried.
    func nextWrite(now: Date) -> Date? { path != nil && due ? failure.retryDate(now: now) ?? now : nil }

    /// Writes the page when one is due and no back-off holds it.
    mutating func publishIfDue(
        store: any StateStorage, configuration: EngineConfiguration, today: CalendarDate, logger: Logger
    ) {
        guard let path, due, failure.isDue else { return }
        do {
            let to = CalendarMonth(of: today)
            var from = to
            for _ in 1..<12 { from = from.previous }
            let (report, status) = try DatabaseReport.build(
                store: store, configuration: configuration, from: from, to: to, asOf: today, logger: logger)
            let page = ReportPage.render(report, status: status)
            try AtomicFile.write(Array(page.utf8), to: path, mode: mode)
            due = false
            failure.succeeded(logger: logger, metadata: ["path": "\(path)"])
            logger.info("Rapportsiden skrevet", metadata: ["path": "\(path)", "from": "\(from)", "to": "\(to)"])
        } catch {
            failure.failed(error, logger: logger, metadata: ["path": "\(path)"])
        }
    }
}
