import ArgumentParser
import FristEngine
import FristFormats
import FristService
import FristStorage

/// `fristvakt migrate --to postgresql://…`: copies the embedded SQLite state into an empty
/// PostgreSQL database (docs/operations.md, "From one node to two"), then checks the copy as
/// `verify-state` does. The service must be stopped while it runs.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Kopierer tilstanden fra SQLite til en tom PostgreSQL-database og kontrollerer kopien.",
        discussion: """
            Leser SQLite-databasen i tilstandsmappen fra konfigurasjonen (tjenesten må være stoppet) \
            og skriver hendelsene, sakenes tilstand, varselloggen og den daglige kjøringen til \
            databasen i --to. Passordet hentes fra PGPASSFILE eller systemd-legitimasjonen pgpass. \
            Til slutt kontrolleres kopien som med verify-state; avslutter med 1 hvis den avviker.
            """)

    @OptionGroup var config: ConfigOption

    @Option(help: "Måldatabasen, postgresql://BRUKER@VERT:PORT/DATABASE (må være tom).") var to: String

    func run() throws {
        var setup = try config.serviceSetup()
        setup.paths.storageURL = nil
        let source = try StorageOpening.open(setup.paths, .readOnly)
        var targetPaths = setup.paths
        do {
            targetPaths.storageURL = try PostgresURL(parsing: to)
        } catch {
            throw InputRefusal("--to: \(error)")
        }
        let target: any StateStorage
        do {
            target = try StorageOpening.open(targetPaths, .service)
        } catch {
            throw InputRefusal("kan ikke åpne \(to): \(error)")
        }
        guard try target.eventCount() == 0, try target.persistedCaseSummary().count == 0 else {
            throw InputRefusal("\(to) har allerede hendelser eller saker; migrering krever en tom database")
        }
        let copied = try StateCopy.copy(from: source, to: target, origin: setup.paths.database)
        let report = try StateVerification.check(
            store: target, configuration: setup.configuration.engine, today: setup.today,
            logger: DeadlineWatch.Setup.silentLogger)
        guard report.agrees else {
            StandardError.write(
                "fristvakt: kopien i \(to) avviker fra hendelsene i \(counted(report.differing.count, "sak", "saker")); "
                    + "tjenesten skal ikke startes på den\n")
            throw ExitCode(1)
        }
        StandardOutput.shared.write(
            "Kopiert til \(to): \(counted(copied.events, "hendelse", "hendelser")), "
                + "\(counted(copied.cases, "sak", "saker")), \(counted(copied.alerts, "varsel", "varsler")). "
                + "Kopien stemmer med hendelsene.\n")
    }
}
