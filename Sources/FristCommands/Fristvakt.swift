public import ArgumentParser
import FristFormats

/// The `fristvakt` command: the service and its tools.
public struct Fristvakt: ParsableCommand {
    /// The command tree.
    public static let configuration = CommandConfiguration(
        commandName: "fristvakt",
        abstract: "Vakter lovpålagte frister i helsetjenesten (pasient- og brukerrettighetsloven).",
        version: BuildInfo.version,
        subcommands: [
            RunCommand.self, SubmitCommand.self, SimulateCommand.self, StatusCommand.self, CalendarCommand.self,
            VerifyStateCommand.self, CasesCommand.self, CaseCommand.self, ReportCommand.self, MigrateCommand.self,
        ]
    )

    /// Creates the root command (for the argument parser).
    public init() {}
}
