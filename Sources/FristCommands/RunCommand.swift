import ArgumentParser
import Foundation
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
        let options = ServiceBuilder.Options(
            configurationPath: config.config, environment: ProcessInfo.processInfo.environment)
        let setup: DeadlineWatch.Setup
        do {
            setup = try ServiceBuilder.setup(options)
        } catch {
            throw InputRefusal("\(error)")
        }
        let journal = setup.journal
        LoggingSystem.bootstrap { _ in JournalLogHandler(journal: journal) }
        let logger = Logger(label: "fristvakt")
        try await ServiceBuilder.buildServiceGroup(setup: setup, logger: logger).run()
    }
}
