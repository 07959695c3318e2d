import ArgumentParser
import Foundation
import FristEngine
import FristFormats
import FristService

/// `fristvakt verify-state`: replays every accepted event and compares the result with the folded
/// state the service persisted (docs/operations.md, "Persisted state"). Exit 0 when they agree,
/// 1 when they do not; the service itself rebuilds from the events when the fingerprint differs.
struct VerifyStateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-state",
        abstract: "Kontrollerer at lagret tilstand er lik en ny avspilling av alle hendelsene.")

    @OptionGroup var config: ConfigOption

    func run() throws {
        let setup = try config.serviceSetup()
        let report: StateVerification.Report
        do {
            report = try StateVerification.check(
                store: try StorageOpening.open(setup.paths, .check), configuration: setup.configuration.engine,
                today: setup.today, logger: DeadlineWatch.Setup.silentLogger)
        } catch {
            throw InputRefusal("kan ikke lese tilstanden i \(setup.stateLocation): \(error)")
        }
        if !report.fingerprintMatches {
            StandardError.write(
                "fristvakt: lagret tilstand er skrevet med en annen konfigurasjon eller et annet format; "
                    + "tjenesten bygger den på nytt fra hendelsene ved neste start\n")
        }
        if !report.differing.isEmpty {
            let shown = report.differing.prefix(20).joined(separator: ", ")
            let more = report.differing.count > 20 ? " …" : ""
            StandardError.write(
                "fristvakt: lagret tilstand avviker fra hendelsene i \(counted(report.differing.count, "sak", "saker")): \(shown)\(more)\n"
            )
        }
        guard report.agrees else { throw ExitCode(1) }
        StandardOutput.shared.write(
            "Lagret tilstand stemmer med hendelsene: \(counted(report.cases, "sak", "saker")).\n")
    }
}
