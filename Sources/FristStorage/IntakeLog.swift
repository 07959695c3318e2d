public import FristEngine
public import FristFormats

/// The spool files taken: what each brought, committed in one transaction with its events and
/// the folded state of the cases they changed, and marked finished once the file has left
/// `incoming/`. An unfinished record is how a start after a crash finishes a file instead of
/// applying it twice.
public protocol IntakeLog: Sendable {
    /// Commits a file's applied events, its intake record and the folded state of every case the
    /// events changed, all or nothing; returns the record's number for `finishIntake`. An event
    /// id already in the log fails the whole commit.
    func commit(
        _ intake: IntakeRecord, events: [StoredEvent], cases: [PersistedCase], at takenAt: String
    )
        throws -> Int64

    /// The latest committed but unfinished intake of a file with this name and fingerprint.
    func unfinishedIntake(file: String, fingerprint: String) throws -> (seq: Int64, intake: IntakeRecord)?

    /// Marks an intake finished and drops its refused lines' text: once the report is written,
    /// the store keeps no refused raw text.
    func finishIntake(_ seq: Int64) throws

    /// Marks finished every unfinished intake whose file is no longer waiting (a crash came after
    /// the move but before the mark).
    func finishIntakes(notIn waiting: Set<String>) throws

    /// Lines taken from spool files since the store was made, by result.
    func intakeLineCounts() throws -> ServiceMetrics.IntakeLines

    /// When the last file was taken, if any (`takenAt` as committed).
    func lastIntakeTime() throws -> String?
}
