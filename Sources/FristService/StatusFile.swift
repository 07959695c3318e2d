public import Foundation
public import FristEngine
public import FristFormats
import SystemPackage

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

    /// Writes the document for a snapshot taken at `now`, in pieces as it is made: a document
    /// listing a million clocks is over 100 MB, never held whole.
    public func write(_ snapshot: StatusSnapshot, now: Date, cluster: ClusterStatus? = nil) throws(FileSystemError) {
        try AtomicFile.write(to: path, mode: mode) { descriptor in
            var failure: (any Error)?
            StatusDocument.write(
                snapshot, generatedAt: Timestamp.rfc3339(now, timeZone: timeZone), cluster: cluster
            ) { piece in
                guard failure == nil else { return }
                do { _ = try descriptor.writeAll(piece) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }
}
