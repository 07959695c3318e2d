import ArgumentParser
import FristService
import Logging
import ServiceLifecycle

/// `fristvakt run`: the service (contract § 5), until SIGTERM or SIGINT.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Kjører tjenesten: leser hendelser fra køen, varsler i journalen og skriver statusfilen.")

    @OptionGroup var config: ConfigOption

    func run() async throws {
        let setup = try config.serviceSetup()
        let journal = setup.journal
        LoggingSystem.bootstrap { _ in JournalLogHandler(journal: journal) }
        let logger = Logger(label: "fristvakt")
        try await ServiceBuilder.buildServiceGroup(setup: setup, logger: logger).run()
    }
}
