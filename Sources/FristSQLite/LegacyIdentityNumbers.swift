import FristEngine
import FristStorage
import GRDB

/// A database written by a version that checked `case` alone may hold identity numbers in an
/// event's `id`, `unit` or other fields (or in a `case` with more around the number, such as
/// `H-15038510190`). This migration replaces each one, wherever it is kept, by a pseudonym: eleven
/// lowercase letters from a keyed hash of its digits, the same for the same number in every table
/// and column, so a case keeps its events, clocks and alerts. The key is random and lives only
/// while the migration runs: nobody, fristvakt included, can go from a pseudonym back to the
/// number. The persisted case state is dropped, so the first start replays the events and writes
/// it anew (docs/privacy.md).
enum LegacyIdentityNumbers {
    /// The text columns that can hold what a line said, by table.
    private static let columns: [(table: String, columns: [String])] = [
        ("event", ["id", "body", "file", "case_ref"]),
        ("intake", ["file", "rejected"]),
        ("alert", ["key", "clock_event", "case_ref", "unit"]),
    ]

    /// Replaces every identity number in `db`; returns how many rows changed.
    @discardableResult
    static func pseudonymise(_ db: Database) throws -> Int {
        let pseudonyms = Pseudonyms()
        var changed = 0
        var eventsChanged = false
        for (table, names) in columns {
            let list = names.joined(separator: ", ")
            let rows = try Row.fetchAll(db, sql: "SELECT rowid, \(list) FROM \(table)")
            let update = try db.makeStatement(
                sql: "UPDATE \(table) SET " + names.map { "\($0) = ?" }.joined(separator: ", ") + " WHERE rowid = ?")
            for row in rows {
                let values: [String?] = names.indices.map { row[$0 + 1] }
                guard values.contains(where: { $0.map(NationalIdentityNumber.occurs(in:)) ?? false }) else { continue }
                var arguments: [(any DatabaseValueConvertible)?] = values.map { $0.map(pseudonyms.replacing) }
                arguments.append(row[0] as Int64)
                try update.execute(arguments: StatementArguments(arguments))
                changed += 1
                if table == "event" { eventsChanged = true }
            }
        }
        if eventsChanged {
            // An event that held a number in its case could not be decoded when its case was first
            // filled in (migration v3 refuses such a line): it gets its case now.
            let orphans = try Row.fetchAll(db, sql: "SELECT seq, body FROM event WHERE case_ref IS NULL")
            for row in orphans {
                let caseRef = try? StoredEvent.decoded(body: row[1]).caseRef
                try db.execute(
                    sql: "UPDATE event SET case_ref = ? WHERE seq = ?", arguments: [caseRef, row[0] as Int64])
            }
            try db.execute(sql: "DELETE FROM case_state; DELETE FROM meta WHERE name = 'state_fingerprint'")
        }
        return changed
    }

    /// One number's pseudonym, from a key made for this migration alone.
    private final class Pseudonyms {
        /// Swift's `Hasher` is seeded at random for each process: the key, never stored.
        func pseudonym(_ digits: [Int]) -> [UInt8] {
            var first = Hasher()
            first.combine(digits)
            var second = Hasher()
            second.combine(1)
            second.combine(digits)
            var bits = (UInt64(bitPattern: Int64(first.finalize())), UInt64(bitPattern: Int64(second.finalize())))
            return (0..<11).map { index in
                let letter: UInt64
                if index < 6 {
                    letter = bits.0 % 26
                    bits.0 /= 26
                } else {
                    letter = bits.1 % 26
                    bits.1 /= 26
                }
                return UInt8(ascii: "a") + UInt8(letter)
            }
        }

        func replacing(_ text: String) -> String {
            String(decoding: NationalIdentityNumber.replacing(in: Array(text.utf8), by: pseudonym), as: UTF8.self)
        }
    }
}
