public import ArgumentParser

/// The `fristvakt` command: the service and its tools.
public struct Fristvakt: ParsableCommand {
    /// The command tree.
    public static let configuration = CommandConfiguration(
        commandName: "fristvakt",
        abstract: "Vakter lovpålagte frister i helsetjenesten (pasient- og brukerrettighetsloven).",
        version: "0.1.0",
        subcommands: [
            RunCommand.self, SubmitCommand.self, SimulateCommand.self, StatusCommand.self, CalendarCommand.self,
            VerifyStateCommand.self,
        ]
    )

    /// Creates the root command (for the argument parser).
    public init() {}
}
