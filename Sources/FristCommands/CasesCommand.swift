import ArgumentParser
import Foundation
import FristEngine
import FristFormats
import FristService

/// `fristvakt cases`: a coordinator's worklist, read from the status file (read access to it is
/// all that is needed), most urgent first. Warns on stderr when the file is older than the last
/// daily run plus a margin: the service may have stopped.
struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "Arbeidsliste: åpne frister fra statusfilen, de mest presserende først.",
        discussion: """
            Leser statusfilen tjenesten skriver (stien fra konfigurasjonen, eller --status-file). \
            Den lister frister i faresonen og brutte frister; løpende frister bare når [status] \
            include_running = true. Eksempel: fristvakt cases --unit ORT --within 5
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Option(help: "Bare denne enheten (kan gjentas; \"\" for saker uten enhet).") var unit: [String] = []
    @Option(help: "Bare denne regelen (kan gjentas), f.eks. vurderingsfrist.") var rule: [RuleArgument] = []
    @Option(help: "Bare denne tilstanden (kan gjentas): running, at-risk, breached.") var state: [StateArgument] = []
    @Option(help: "Bare frister med høyst så mange dager igjen (brutte tas med).") var within: Int?
    @Option(help: "Utdata: table, json eller csv.") var format: Format = .table
    @Option(help: "Statusfilen (i stedet for stien i konfigurasjonen).") var statusFile: String?
    @Flag(help: "CSV for norsk Excel: semikolon, desimalkomma, norske overskrifter og verdier, BOM.")
    var excel = false
    @OptionGroup var config: ConfigOption

    func validate() throws {
        if excel, format != .csv { throw ValidationError("--excel gjelder CSV: bruk --format csv --excel") }
    }

    func run() throws {
        let setup = try config.serviceSetup()
        let input = try StatusFileInput(path: statusFile ?? setup.paths.status)
        let worklist = try input.decode(Worklist.init(statusFile:))
        input.warnIfStale(generatedAt: worklist.generatedAt, setup: setup, command: "cases")
        var filter = Worklist.Filter()
        filter.units = Set(unit)
        filter.rules = Set(rule.map(\.rule))
        filter.states = Set(state.map(\.state))
        filter.within = within
        let chosen = worklist.filtered(filter)
        if filter.states.contains(.running), !setup.configuration.statusIncludesRunning {
            StandardError.write(
                "fristvakt cases: merk: statusfilen lister bare løpende frister med åpen plikt "
                    + "([status] include_running = false i konfigurasjonen); andre løpende frister vises ikke\n")
        }
        switch format {
        case .table: StandardOutput.shared.write(chosen.table())
        case .json: StandardOutput.shared.write(chosen.json())
        case .csv: StandardOutput.shared.write(excel ? chosen.excelCSV() : chosen.csv())
        }
    }
}

/// A rule id as an option value; an unknown one is a usage error naming the known ones.
struct RuleArgument: ExpressibleByArgument {
    let rule: RuleID

    init?(argument: String) {
        guard let rule = RuleID(rawValue: argument) else { return nil }
        self.rule = rule
    }

    static var allValueStrings: [String] { RuleID.allCases.map(\.rawValue) }
}

/// An open clock's state as an option value.
struct StateArgument: ExpressibleByArgument {
    let state: ClockState

    init?(argument: String) {
        guard let state = ClockState(rawValue: argument), [.running, .atRisk, .breached].contains(state) else {
            return nil
        }
        self.state = state
    }

    static var allValueStrings: [String] { ["running", "at-risk", "breached"] }
}
