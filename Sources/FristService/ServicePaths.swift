public import FristFormats
import Glibc

/// Where the service keeps its spool, database and status file (docs/configuration.md).
///
/// A configuration file's `[paths]` win. Without them: a service started with a configuration
/// file uses the contract's system paths; a service on its embedded defaults (no file) keeps its
/// state in systemd's `STATE_DIRECTORY` when set, else everything in `./fristvakt-data`, so a
/// first run needs no root.
public struct ServicePaths: Sendable, Equatable {
    /// The spool directory (holds `tmp/`, `incoming/`, `processed/`, `rejected/`).
    public var spool: String
    /// The state directory (holds the database).
    public var state: String
    /// The polled status file.
    public var status: String
    /// The metrics file for node_exporter's textfile collector, if configured (never defaulted:
    /// its folder belongs to node_exporter).
    public var metrics: String?
    /// The monthly report page, if configured (beside the status file, for the same readers).
    public var report: String?
    /// The shared PostgreSQL database, if configured (`[storage] url`); else SQLite in `state`.
    public var storageURL: PostgresURL?
    /// This node's name in a cluster (`[cluster] node`, else the host name).
    public var node: String = ServicePaths.hostName

    /// The data folder used outside systemd on embedded defaults.
    public static let localDataFolder = "fristvakt-data"

    /// Creates paths.
    public init(spool: String, state: String, status: String, metrics: String? = nil, report: String? = nil) {
        self.spool = spool
        self.state = state
        self.status = status
        self.metrics = metrics
        self.report = report
    }

    /// Resolves the paths for a configuration; `fromFile` tells whether it came from a file.
    public init(configuration: Configuration, fromFile: Bool, environment: [String: String]) {
        let defaults: ServicePaths
        if fromFile {
            defaults = ServicePaths(
                spool: "/var/spool/fristvakt", state: "/var/lib/fristvakt", status: "/var/lib/fristvakt/status.json")
        } else if let state = Self.firstDirectory(environment["STATE_DIRECTORY"]) {
            defaults = ServicePaths(spool: "/var/spool/fristvakt", state: state, status: state + "/status.json")
        } else {
            let base = Self.localDataFolder
            defaults = ServicePaths(spool: base + "/spool", state: base, status: base + "/status.json")
        }
        self.init(
            spool: configuration.spoolPath ?? defaults.spool,
            state: configuration.statePath ?? defaults.state,
            status: configuration.statusPath ?? defaults.status, metrics: configuration.metricsPath,
            report: configuration.reportPath)
        storageURL = configuration.storageURL
        node = configuration.cluster.node ?? Self.hostName
    }

    /// The host's name, a node's name by default.
    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "fristvakt" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The database file.
    public var database: String { state + "/fristvakt.sqlite" }

    /// systemd passes several directories separated by colons; the first is ours.
    private static func firstDirectory(_ value: String?) -> String? {
        guard let first = value?.split(separator: ":").first, !first.isEmpty else { return nil }
        return String(first)
    }
}
