import ArgumentParser
import FristCalendar
import FristEngine
import FristFormats

/// `fristvakt simulate`: replays events day by day and prints every alert (README.md, Commands).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Spiller av hendelser dag for dag og skriver hvert varsel: DATO KIND RULE CASE DUE (tabulator).")

    @Option(help: "Hendelsesfil (JSON Lines).") var events: String
    @Option(help: "Første dag varsler skrives ut, ÅÅÅÅ-MM-DD.") var from: DateArgument
    @Option(help: "Siste dag som spilles av, ÅÅÅÅ-MM-DD.") var to: DateArgument
    @OptionGroup var config: ConfigOption

    func validate() throws {
        guard from.date <= to.date else { throw ValidationError("--from \(from.date) er etter --to \(to.date)") }
    }

    func run() throws {
        let configuration = try config.load()
        var input = try EventInput(path: events)
        let outcome = Simulation.run(
            events: input.events, from: from.date, to: to.date, configuration: configuration.engine)
        for alert in outcome.alerts { StandardOutput.shared.write(alert.simulationLine) }
        for (line, refusal) in outcome.refusals { input.report(refusal, line: line) }
        try input.finish()
    }
}
