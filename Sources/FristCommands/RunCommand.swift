import ArgumentParser
import Foundation
import FristService
import Logging
import ServiceLifecycle

/// `fristvakt run`: the service (README.md, Commands), until SIGTERM or SIGINT.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Kjører tjenesten: leser hendelser fra køen, varsler i journalen og skriver statusfilen.")

    @OptionGroup var config: ConfigOption

    /// Test hook: while the file this names exists, the start waits before it reads its
    /// configuration, as a slow start would (it proves a SIGHUP then does no harm). Unset in
    /// production.
    static let startPauseHookKey = "FRISTVAKT_TEST_START_PAUSE_FILE"

    func run() async throws {
        if let pauseFile = ProcessInfo.processInfo.environment[Self.startPauseHookKey] {
            while FileManager.default.fileExists(atPath: pauseFile) { usleep(20_000) }
        }
        let setup = try config.serviceSetup()
        let journal = setup.journal
        LoggingSystem.bootstrap { _ in JournalLogHandler(journal: journal) }
        let logger = Logger(label: "fristvakt")
        try await ServiceBuilder.buildServiceGroup(setup: setup, logger: logger).run()
    }
}
