import Foundation
public import FristCalendar
import FristEngine
import FristFormats
import FristStorage
import GRDB

/// The service's own dates: the last daily alert run and its timing.
extension SQLiteStorage {
    /// The day of the last daily alert run.
    public func lastDailyRun() throws -> CalendarDate? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'last_daily_run'")
                .flatMap { try? CalendarDate(parsing: $0) }
        }
    }

    /// Records the day of a daily alert run, and when it ended and how long it took (seconds).
    public func setLastDailyRun(_ day: CalendarDate, endedAt: Double?, duration: Double?) throws {
        try database.write { db in
            try Self.setMeta("last_daily_run", day.description, in: db)
            if let endedAt, let duration {
                try Self.setMeta("last_daily_run_ended_at", "\(endedAt)", in: db)
                try Self.setMeta("last_daily_run_seconds", "\(duration)", in: db)
            }
        }
    }

    /// When the last daily run ended (seconds since the epoch) and how long it took, if recorded.
    public func lastDailyRunTimes() throws -> (endedAt: Double, duration: Double)? {
        try database.read { db in
            let values = try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(
                    db,
                    sql: "SELECT name, value FROM meta WHERE name IN "
                        + "('last_daily_run_ended_at', 'last_daily_run_seconds')"
                ).map { ($0[0] as String, $0[1] as String) })
            guard let endedAt = values["last_daily_run_ended_at"].flatMap(Double.init),
                let duration = values["last_daily_run_seconds"].flatMap(Double.init)
            else { return nil }
            return (endedAt, duration)
        }
    }

    static func setMeta(_ name: String, _ value: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            arguments: [name, value])
    }
}
