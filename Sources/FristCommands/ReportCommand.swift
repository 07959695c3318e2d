import ArgumentParser
import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristService

/// `fristvakt report`: the monthly waiting-time report (docs/report.md) from an event file, or
/// from the service's database read-only.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Månedsrapport om ventetider og frister per enhet: tekst, JSON, CSV eller HTML.",
        discussion: """
            Med --events: hendelsene i filen, slik de står per siste dag i --to (eller i dag, om \
            det er tidligere). Uten: tjenestens database, bare lest (stien fra --config eller \
            standardkonfigurasjonen). Definisjonene står i docs/report.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv, html
    }

    @Option(help: "Hendelsesfil (JSON Lines). Uten: tjenestens database.") var events: String?
    @Option(help: "Første måned, ÅÅÅÅ-MM.") var from: MonthArgument
    @Option(help: "Siste måned, ÅÅÅÅ-MM.") var to: MonthArgument
    @Option(help: "Bare denne enheten i tillegg til ALL (kan gjentas; \"\" for saker uten enhet).")
    var unit: [String] = []
    @Option(help: "Utdata: text, json, csv eller html.") var format: Format = .text
    @Flag(help: "CSV for norsk Excel: semikolon, desimalkomma, norske overskrifter og verdier, BOM.")
    var excel = false
    @OptionGroup var config: ConfigOption

    func validate() throws {
        guard from.month <= to.month else { throw ValidationError("--from \(from.month) er etter --to \(to.month)") }
        if excel, format != .csv { throw ValidationError("--excel gjelder CSV: bruk --format csv --excel") }
    }

    func run() throws {
        let setup = try config.serviceSetup()
        let today = setup.today
        guard from.month.firstDay <= today else {
            throw ValidationError("--from \(from.month) er etter i dag (\(today)): det finnes ingen tall ennå")
        }
        guard to.month <= CalendarMonth(of: today) else {
            throw ValidationError(
                "--to \(to.month) er etter inneværende måned (i dag er \(today)): en måned som ikke har begynt, "
                    + "har ingen tall. Bruk --to \(CalendarMonth(of: today)); den måneden vises som hittil i måneden")
        }
        let asOf = min(to.month.lastDay, today)
        let units = unit.isEmpty ? nil : Set(unit)
        let built: ReportBuild
        if let events {
            built = try ReportBuild.fromEvents(
                path: events, configuration: setup.configuration.engine, from: from.month, to: to.month, asOf: asOf,
                units: units)
        } else {
            built = try ReportBuild.fromDatabase(
                setup: setup, from: from.month, to: to.month, asOf: asOf, units: units)
        }
        switch format {
        case .text: StandardOutput.shared.write(ReportDocument.text(built.report))
        case .json: StandardOutput.shared.write(ReportDocument.json(built.report))
        case .csv:
            StandardOutput.shared.write(
                excel ? ReportDocument.excelCSV(built.report) : ReportDocument.csv(built.report))
        case .html: StandardOutput.shared.write(ReportPage.render(built.report, status: built.status))
        }
        try built.input?.finish()
    }
}

/// The report and the status it is shown with, and the event input whose refusals are reported
/// after the output (as `simulate` does).
struct ReportBuild {
    let report: MonthlyReport
    let status: StatusSnapshot
    var input: EventInput?

    /// From an event file: the events simulated day by day up to `asOf`, so that the HELFO alerts
    /// are dated as the service would have emitted them.
    static func fromEvents(
        path: String, configuration: EngineConfiguration, from: CalendarMonth, to: CalendarMonth,
        asOf: CalendarDate, units: Set<String>?
    ) throws -> ReportBuild {
        var input = try EventInput(path: path)
        let outcome = Simulation.run(
            events: input.events, from: from.firstDay, to: asOf, configuration: configuration)
        for (line, refusal) in outcome.refusals { input.report(refusal, line: line) }
        let report = outcome.engine.monthlyReport(
            from: from, to: to, asOf: asOf, units: units,
            helfoAlerts: outcome.alerts.filter { $0.kind == .helfoRequired })
        return ReportBuild(report: report, status: outcome.engine.status(on: asOf), input: input)
    }

    /// From the service's database, read-only, one case at a time (`DatabaseReport`); the HELFO
    /// alerts from its log.
    static func fromDatabase(
        setup: DeadlineWatch.Setup, from: CalendarMonth, to: CalendarMonth, asOf: CalendarDate, units: Set<String>?
    ) throws -> ReportBuild {
        do {
            let store = try StorageOpening.open(setup.paths, .readOnly)
            let (report, status) = try DatabaseReport.build(
                store: store, configuration: setup.configuration.engine, from: from, to: to, asOf: asOf, units: units,
                logger: DeadlineWatch.Setup.silentLogger)
            return ReportBuild(report: report, status: status, input: nil)
        } catch {
            throw InputRefusal(
                "kan ikke lese tilstanden i \(setup.stateLocation): \(error)")
        }
    }
}

/// A `YYYY-MM` option value; a malformed one is a usage error (exit 2).
struct MonthArgument: ExpressibleByArgument {
    let month: CalendarMonth

    init?(argument: String) {
        guard let month = try? CalendarMonth(parsing: argument) else { return nil }
        self.month = month
    }
}
