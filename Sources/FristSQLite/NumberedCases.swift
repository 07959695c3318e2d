import Foundation
import FristHotPaths
import GRDB

/// Schema v6: cases numbered in the order they arrived, and no index keyed by text.
///
/// Before, the event's id had a unique index, the event's case reference an index, and the case
/// state was keyed by the reference: three B-trees keyed by text, which with random keys (UUIDs)
/// took every insert on another page. Now `case_state` is numbered (`case_no`, with the
/// reference beside the state), an event names its case by number (indexed: a case's events are
/// found in one range), and `event_key` holds each intake's ids as hashes with their cases
/// (`EventKeys`), from which the writer builds its in-memory index (`KeyIndex`); the writer checks
/// an id's uniqueness there (`KeyWrite`) instead of in a unique index.
enum NumberedCases {
    /// Converts a database of schema v5, keeping every row: cases get numbers in the order of
    /// their first event, then any case with a state but no event.
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE case_numbered (case_no INTEGER PRIMARY KEY, case_ref TEXT NOT NULL, state BLOB);
                INSERT INTO case_numbered (case_ref)
                    SELECT case_ref FROM event WHERE case_ref IS NOT NULL GROUP BY case_ref ORDER BY min(seq);
                CREATE INDEX case_numbered_ref ON case_numbered(case_ref);
                INSERT INTO case_numbered (case_ref)
                    SELECT case_ref FROM case_state WHERE case_ref NOT IN (SELECT case_ref FROM case_numbered)
                    ORDER BY case_ref;
                UPDATE case_numbered SET state = (SELECT state FROM case_state s WHERE s.case_ref = case_numbered.case_ref);
                CREATE TABLE event_numbered (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL,
                    case_no INTEGER,
                    body TEXT NOT NULL,
                    file TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    intake INTEGER NOT NULL REFERENCES intake(seq)
                );
                INSERT INTO event_numbered (seq, id, case_no, body, file, line, intake)
                    SELECT e.seq, e.id, c.case_no, e.body, e.file, e.line, e.intake
                    FROM event e LEFT JOIN case_numbered c ON c.case_ref = e.case_ref ORDER BY e.seq;
                DROP TABLE event;
                ALTER TABLE event_numbered RENAME TO event;
                CREATE INDEX event_case ON event(case_no);
                DROP TABLE case_state;
                DROP INDEX case_numbered_ref;
                ALTER TABLE case_numbered RENAME TO case_state;
                CREATE TABLE event_key (intake INTEGER PRIMARY KEY, keys BLOB NOT NULL);
                """)
        let insert = try db.makeStatement(sql: "INSERT INTO event_key (intake, keys) VALUES (?, ?)")
        var keys: [UInt8] = []
        var current: Int64?
        func flush() throws {
            guard let current, !keys.isEmpty else { return }
            try insert.execute(arguments: [current, Data(keys)])
            keys.removeAll(keepingCapacity: true)
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT intake, id, case_no FROM event ORDER BY intake, seq")
        while let row = try rows.next() {
            let intake: Int64 = row[0]
            if intake != current {
                try flush()
                current = intake
            }
            let caseNumber = try (row[2] as Int64?).map(KeyIndex.caseNumber) ?? KeyIndex.noCase
            EventKeys.append(hash: StableHash.of(row[1] as String), caseNumber: caseNumber, to: &keys)
        }
        try flush()
    }
}
