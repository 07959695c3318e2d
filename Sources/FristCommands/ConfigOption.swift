import ArgumentParser
import FristCalendar
import FristFormats

/// `--config FILE` for commands that use the configuration; without it, the built-in defaults.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: "Konfigurasjonsfil (TOML). Uten: innebygde standardverdier.")
    var config: String?

    /// The configuration, refused with its file and key when it has an error.
    func load() throws -> Configuration {
        guard let config else { return Configuration() }
        do {
            return try ConfigurationFile.load(path: config)
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
