import ArgumentParser
import Foundation
import FristCalendar
import FristFormats
import FristService

/// `--config FILE` for commands that use the configuration; without it, the built-in defaults.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: "Konfigurasjonsfil (TOML). Uten: innebygde standardverdier.")
    var config: String?

    /// The configuration, refused with its file and key when it has an error.
    func load() throws -> Configuration {
        do {
            let configuration = try config.map { path throws(FileError) in try ConfigurationFile.load(path: path) }
            let loaded = configuration ?? Configuration()
            try loaded.checkTimeZone()
            return loaded
        } catch {
            throw InputRefusal("\(error)")
        }
    }
}

extension ConfigOption {
    /// What the service commands (`run`, `submit`) work with: the configuration (this file, the
    /// default file, or the embedded defaults), the paths, the clock and the journal.
    func serviceSetup() throws -> DeadlineWatch.Setup {
        let options = ServiceBuilder.Options(
            configurationPath: config, environment: ProcessInfo.processInfo.environment)
        do {
            return try ServiceBuilder.setup(options)
        } catch {
            throw InputRefusal("\(error)")
        }
    }
}

/// A `YYYY-MM-DD` option value; a malformed one is a usage error (exit 2).
struct DateArgument: ExpressibleByArgument {
    let date: CalendarDate

    init?(argument: String) {
        guard let date = try? CalendarDate(parsing: argument) else { return nil }
        self.date = date
    }
}
