public import FristEngine
public import FristFormats
public import FristStorage
import PostgresNIO

/// The event log and the intake log: each spool file's events committed with its intake record
/// and the folded state of the cases they changed, by whichever node took the file.
extension PostgresStorage {
    private static let eventColumns = "id, case_ref, body, file, line"

    private static func storedEvent(_ row: PostgresRow) throws -> StoredEvent {
        let (id, caseRef, body, file, line) = try row.decode((String, String?, String, String, Int64).self)
        return StoredEvent(id: id, caseRef: caseRef, body: body, file: file, line: Int(line))
    }

    /// Every accepted event in acceptance order, in one consistent read.
    public func forEachEvent(_ body: (StoredEvent) throws -> Void) throws {
        try transaction(repeatable: true) { connection in
            try connection.forEachRow(
                "SELECT \(Self.eventColumns) FROM event ORDER BY seq", logger: logger
            ) { try body(Self.storedEvent($0)) }
        }
    }

    /// Each case's events, cases in the byte order of their references (`COLLATE "C"`, as
    /// SQLite's BINARY), one case at a time.
    public func forEachCaseHistory(_ body: (String, [StoredEvent]) throws -> Void) throws {
        try transaction(repeatable: true) { connection in
            var current: String?
            var events: [StoredEvent] = []
            try connection.forEachRow(
                "SELECT \(Self.eventColumns) FROM event WHERE case_ref IS NOT NULL "
                    + "ORDER BY case_ref COLLATE \"C\", seq",
                logger: logger
            ) { row in
                let event = try Self.storedEvent(row)
                if event.caseRef != current {
                    if let current { try body(current, events) }
                    current = event.caseRef
                    events.removeAll(keepingCapacity: true)
                }
                events.append(event)
            }
            if let current { try body(current, events) }
        }
    }

    /// The cases that own any of these event ids.
    public func cases(owningEventIDs ids: [EventIdentifier]) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        let ids = ids.map(\.text)
        return try withConnection { connection in
            Set(
                try connection.rows(
                    "SELECT DISTINCT case_ref FROM event WHERE id = ANY(\(ids)) AND case_ref IS NOT NULL",
                    logger: logger
                ).map { try $0.decode(String.self) })
        }
    }

    /// The accepted events of these cases, per case in acceptance order.
    public func events(ofCases caseRefs: Set<String>) throws -> [String: [StoredEvent]] {
        guard !caseRefs.isEmpty else { return [:] }
        return try withConnection { connection in
            var events: [String: [StoredEvent]] = [:]
            let rows = try connection.rows(
                "SELECT id, case_ref, body, file, line FROM event WHERE case_ref = ANY(\(Array(caseRefs))) ORDER BY seq",
                logger: logger)
            for row in rows {
                let event = try Self.storedEvent(row)
                events[event.caseRef!, default: []].append(event)
            }
            return events
        }
    }

    /// The number of accepted events.
    public func eventCount() throws -> Int {
        try withConnection { connection in
            Int(try connection.rows("SELECT count(*) FROM event", logger: logger).first!.decode(Int64.self))
        }
    }

    // MARK: - IntakeLog

    /// Commits a file's events, its intake record and the folded state of the cases it changed
    /// in one transaction, under the state's version (`versionedWrite`). An event id already in
    /// the log, from any node, fails the whole commit.
    public func commit(
        _ intake: IntakeRecord, events: [StoredEvent], cases: [PersistedCase], at takenAt: String
    )
        throws -> Int64
    {
        try versionedWrite { connection in
            let seq = try connection.rows(
                """
                INSERT INTO intake (node, file, fingerprint, applied, duplicates, refused, rejected, copy, taken_at)
                VALUES (\(node), \(intake.file), \(intake.fingerprint), \(intake.applied), \(intake.duplicates),
                        \(intake.refused), \(intake.rejected), \(intake.copy), \(takenAt))
                RETURNING seq
                """, logger: logger
            ).first!.decode(Int64.self)
            if !events.isEmpty {
                try connection.run(
                    """
                    INSERT INTO event (id, case_ref, body, file, line, intake)
                    SELECT id, NULLIF(case_ref, ''), body, file, line, \(seq)
                    FROM unnest(\(events.map(\.id)), \(events.map { $0.caseRef ?? "" }), \(events.map(\.body)),
                                \(events.map(\.file)), \(events.map { Int64($0.line) }))
                         WITH ORDINALITY AS t(id, case_ref, body, file, line, ord)
                    ORDER BY ord
                    """, logger: logger)
            }
            try save(cases, connection)
            return seq
        }
    }

    /// This node's latest unfinished intake of a file with this name and fingerprint.
    public func unfinishedIntake(file: String, fingerprint: String) throws -> (seq: Int64, intake: IntakeRecord)? {
        try withConnection { connection in
            let rows = try connection.rows(
                """
                SELECT seq, applied, duplicates, refused, rejected, copy FROM intake
                WHERE node = \(node) AND file = \(file) AND fingerprint = \(fingerprint) AND NOT finished
                ORDER BY seq DESC LIMIT 1
                """, logger: logger)
            guard let row = rows.first else { return nil }
            let (seq, applied, duplicates, refused, rejected, copy) = try row.decode(
                (Int64, Int64, Int64, Int64, String?, String?).self)
            return (
                seq,
                IntakeRecord(
                    file: file, fingerprint: fingerprint, applied: Int(applied), duplicates: Int(duplicates),
                    refused: Int(refused), rejected: rejected, copy: copy)
            )
        }
    }

    /// Marks an intake finished and drops its refused lines' text.
    public func finishIntake(_ seq: Int64) throws {
        _ = try withConnection { connection in
            try connection.run("UPDATE intake SET finished = true, rejected = NULL WHERE seq = \(seq)", logger: logger)
        }
    }

    /// Marks finished this node's unfinished intakes whose file is no longer waiting.
    public func finishIntakes(notIn waiting: Set<String>) throws {
        _ = try withConnection { connection in
            try connection.run(
                """
                UPDATE intake SET finished = true, rejected = NULL
                WHERE node = \(node) AND NOT finished AND NOT (file = ANY(\(Array(waiting))))
                """, logger: logger)
        }
    }

    /// Lines taken from spool files by every node since the database was made, by result.
    public func intakeLineCounts() throws -> ServiceMetrics.IntakeLines {
        try withConnection { connection in
            let row = try connection.rows(
                """
                SELECT coalesce(sum(applied), 0)::bigint, coalesce(sum(duplicates), 0)::bigint,
                       coalesce(sum(refused), 0)::bigint FROM intake
                """, logger: logger
            ).first!
            let (applied, duplicates, refused) = try row.decode((Int64, Int64, Int64).self)
            return ServiceMetrics.IntakeLines(applied: Int(applied), duplicate: Int(duplicates), refused: Int(refused))
        }
    }

    /// When the last file was taken by any node (`taken_at` as committed).
    public func lastIntakeTime() throws -> String? {
        try withConnection { connection in
            try connection.rows("SELECT taken_at FROM intake ORDER BY seq DESC LIMIT 1", logger: logger).first?.decode(
                String.self)
        }
    }
}
