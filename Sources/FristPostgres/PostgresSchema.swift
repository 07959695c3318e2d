import FristStorage
import Logging
import PostgresNIO

/// The PostgreSQL schema, created and brought up to date by fristvakt: each migration runs once,
/// in order, in a transaction of its own, recorded in `schema_migration`. Two nodes starting at
/// once take an advisory lock first, so one migrates and the other finds it done.
enum PostgresSchema {
    /// The migrations, oldest first. A released one is never changed: a change is a new one.
    static let migrations: [(name: String, sql: [String])] = [
        (
            "v1",
            [
                """
                CREATE TABLE intake (
                    seq bigserial PRIMARY KEY,
                    node text NOT NULL,
                    file text NOT NULL,
                    fingerprint text NOT NULL,
                    applied bigint NOT NULL,
                    duplicates bigint NOT NULL,
                    refused bigint NOT NULL,
                    rejected text,
                    copy text,
                    taken_at text NOT NULL,
                    finished boolean NOT NULL DEFAULT false
                )
                """,
                "CREATE INDEX intake_unfinished ON intake (node, file) WHERE NOT finished",
                """
                CREATE TABLE event (
                    seq bigserial PRIMARY KEY,
                    id text NOT NULL UNIQUE,
                    case_ref text,
                    body text NOT NULL,
                    file text NOT NULL,
                    line bigint NOT NULL,
                    intake bigint NOT NULL REFERENCES intake (seq)
                )
                """,
                "CREATE INDEX event_case ON event (case_ref)",
                "CREATE TABLE case_state (case_ref text PRIMARY KEY, state bytea NOT NULL)",
                """
                CREATE TABLE alert (
                    seq bigserial PRIMARY KEY,
                    key text NOT NULL UNIQUE,
                    kind text NOT NULL,
                    rule text NOT NULL,
                    clock_event text NOT NULL,
                    case_ref text NOT NULL,
                    unit text,
                    due text NOT NULL,
                    date text NOT NULL,
                    days_left bigint NOT NULL,
                    outcome text,
                    late boolean NOT NULL,
                    level bigint NOT NULL,
                    sent boolean NOT NULL DEFAULT false,
                    sending_term bigint,
                    sending_node text
                )
                """,
                "CREATE INDEX alert_unsent ON alert (seq) WHERE NOT sent",
                "CREATE TABLE meta (name text PRIMARY KEY, value text NOT NULL)",
                """
                CREATE TABLE state_version (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)
                """,
                "INSERT INTO state_version VALUES (1, 0)",
                """
                CREATE TABLE leader (
                    id integer PRIMARY KEY CHECK (id = 1),
                    node text,
                    term bigint NOT NULL,
                    expires_at timestamptz NOT NULL,
                    renewed_at timestamptz NOT NULL
                )
                """,
                "INSERT INTO leader VALUES (1, NULL, 0, '-infinity', '-infinity')",
            ]
        )
    ]

    /// A key for `pg_advisory_xact_lock` held while migrating ("fristvkt" in ASCII).
    private static let migrationLock: Int64 = 0x6672_6973_7476_6B74

    /// Creates the schema, or brings it up to date.
    static func migrate(_ connection: PostgresConnection, logger: Logger) throws {
        try connection.run("CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY)", logger: logger)
        for migration in migrations {
            try connection.run("BEGIN", logger: logger)
            do {
                try connection.run("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
                let done = try connection.rows(
                    "SELECT 1 FROM schema_migration WHERE name = \(migration.name)", logger: logger)
                if done.isEmpty {
                    for statement in migration.sql {
                        try connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try connection.run("INSERT INTO schema_migration VALUES (\(migration.name))", logger: logger)
                }
                try connection.run("COMMIT", logger: logger)
            } catch {
                _ = try? connection.run("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// Whether every migration has run (a read-only command refuses a database otherwise).
    static func isCurrent(_ connection: PostgresConnection, logger: Logger) throws -> Bool {
        let exists = try connection.rows("SELECT to_regclass('schema_migration') IS NOT NULL", logger: logger)
        guard try exists.first?.decode(Bool.self) == true else { return false }
        let done = Set(
            try connection.rows("SELECT name FROM schema_migration", logger: logger).map { try $0.decode(String.self) })
        return migrations.allSatisfy { done.contains($0.name) }
    }
}
