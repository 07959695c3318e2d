/// A file system operation that failed, with its path and the system's reason.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    /// What was attempted, e.g. `rename`.
    public let operation: String
    /// The path it was attempted on.
    public let path: String
    /// The system's reason.
    public let reason: String

    /// Creates the error.
    public init(_ operation: String, path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    /// `operation path: reason`.
    public var description: String { "\(operation) \(path): \(reason)" }
}
