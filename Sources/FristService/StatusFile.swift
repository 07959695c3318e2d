public import Foundation
public import FristEngine
public import FristFormats

/// The polled status file (docs/status-file.md), replaced atomically so a reader sees a whole document.
public struct StatusFile: Sendable {
    /// Its path.
    public let path: String
    /// Its permission bits (0640 by default).
    public let mode: Int
    /// The time zone of `generated_at`.
    public let timeZone: String

    /// A status file.
    public init(path: String, mode: Int, timeZone: String) {
        self.path = path
        self.mode = mode
        self.timeZone = timeZone
    }

    /// Writes the document for a snapshot taken at `now`.
    public func write(_ snapshot: StatusSnapshot, now: Date, cluster: ClusterStatus? = nil) throws(FileSystemError) {
        let document = StatusDocument.renderBytes(
            snapshot, generatedAt: Timestamp.rfc3339(now, timeZone: timeZone), cluster: cluster)
        try AtomicFile.write(document, to: path, mode: mode)
    }
}
