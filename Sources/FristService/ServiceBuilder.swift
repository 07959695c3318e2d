import Foundation
public import FristFormats
public import Logging
public import ServiceLifecycle
import UnixSignals

/// Builds the service group `fristvakt run` runs (after hummingbird's `buildApplication`): the
/// tests call it too.
public enum ServiceBuilder {
    /// What `run` was given.
    public struct Options: Sendable {
        /// `--config`, if given.
        public var configurationPath: String?
        /// The process environment.
        public var environment: [String: String]

        /// Creates options.
        public init(configurationPath: String?, environment: [String: String]) {
            self.configurationPath = configurationPath
            self.environment = environment
        }
    }

    /// Loads the configuration: the file given, else the default file when it exists, else the
    /// embedded defaults. Returns whether it came from a file.
    /// The time zone must exist in the machine's database.
    public static func loadConfiguration(_ options: Options) throws(FileError) -> (Configuration, fromFile: Bool) {
        let loaded: (Configuration, fromFile: Bool)
        if let path = options.configurationPath {
            loaded = (try ConfigurationFile.load(path: path), true)
        } else if FileManager.default.fileExists(atPath: ConfigurationFile.defaultPath) {
            loaded = (try ConfigurationFile.load(path: ConfigurationFile.defaultPath), true)
        } else {
            loaded = (Configuration(), false)
        }
        try loaded.0.checkTimeZone()
        return loaded
    }

    /// The setup for options: configuration, paths, clock and journal.
    public static func setup(_ options: Options) throws -> DeadlineWatch.Setup {
        let (configuration, fromFile) = try loadConfiguration(options)
        return DeadlineWatch.Setup(
            configuration: configuration,
            paths: ServicePaths(configuration: configuration, fromFile: fromFile, environment: options.environment),
            clock: try ServiceClock(environment: options.environment),
            journal: Journal(), source: options)
    }

    /// The service group: the service, shut down gracefully on SIGTERM and SIGINT.
    public static func buildServiceGroup(setup: DeadlineWatch.Setup, logger: Logger) -> ServiceGroup {
        ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: FristvaktService(setup: setup, logger: logger))],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
    }
}
