public import FristEngine
public import FristFormats

/// The metrics file for node_exporter's textfile collector (docs/metrics.md), replaced atomically
/// beside the status file so a scrape sees a whole file. World-readable: node_exporter runs as
/// its own user, and the file holds counts and unit names only.
public struct MetricsFile: Sendable {
    /// Its path (ends in `.prom`).
    public let path: String
    /// Its permission bits.
    public static let mode = 0o644

    /// A metrics file.
    public init(path: String) { self.path = path }

    /// Writes the families for a snapshot and the service's figures.
    public func write(_ snapshot: StatusSnapshot, _ service: ServiceMetrics) throws(FileSystemError) {
        try AtomicFile.write(MetricsDocument.render(snapshot, service), to: path, mode: Self.mode)
    }
}
