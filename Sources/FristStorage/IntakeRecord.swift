/// What one spool file's intake did, committed in one transaction with its events.
public struct IntakeRecord: Sendable, Equatable {
    /// The file's name in `incoming/`.
    public let file: String
    /// A fingerprint of its bytes, to recognise the same file after a crash.
    public let fingerprint: String
    /// Events applied.
    public let applied: Int
    /// Lines that repeated an event already applied.
    public let duplicates: Int
    /// Lines refused.
    public let refused: Int
    /// The text of `rejected/NAME.rejected.jsonl`, if any line was refused; dropped once the
    /// report is written.
    public var rejected: String?
    /// The name its copy in `processed/` and its report in `rejected/` get (`NAME`, or the next
    /// free one when an earlier file used it), chosen once at its commit so that a finish done
    /// again after a crash writes the same files. Nil in records made before names were chosen
    /// at the commit.
    public var copy: String?

    /// Creates an intake record.
    public init(
        file: String, fingerprint: String, applied: Int, duplicates: Int, refused: Int, rejected: String?,
        copy: String? = nil
    ) {
        self.file = file
        self.fingerprint = fingerprint
        self.applied = applied
        self.duplicates = duplicates
        self.refused = refused
        self.rejected = rejected
        self.copy = copy
    }
}
