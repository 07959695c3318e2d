public import FristEngine
public import FristStorage
import PostgresNIO

/// The leadership lease in the shared database: one row (`leader`) with the holder, its term and
/// when the lease runs out, all reckoned on the database's clock (`now()`), so the nodes' own
/// clocks never matter. Taking the lease raises the term; renewing keeps it. A batch of alerts is
/// marked under the row's lock only while the lease has at least half its length left: a node
/// that lost it, or will lose it before it could send, sends nothing, and its successor's term
/// begins only after the lease ran out.
public final class PostgresLease: LeaderLease, @unchecked Sendable {
    private let storage: PostgresStorage
    private let leaseSeconds: Int

    /// This node's name.
    public var node: String { storage.node }

    /// The lease on a store, with its length.
    public init(storage: PostgresStorage, leaseSeconds: Int) {
        self.storage = storage
        self.leaseSeconds = leaseSeconds
    }

    /// Renews or takes the lease, and returns who holds it.
    public func claim() throws -> LeaseState {
        try storage.transaction { connection in
            try connection.run(
                """
                UPDATE leader SET
                    term = CASE WHEN node = \(node) AND expires_at > now() THEN term ELSE term + 1 END,
                    node = \(node),
                    expires_at = now() + make_interval(secs => \(Double(leaseSeconds))),
                    renewed_at = now()
                WHERE id = 1 AND (node = \(node) AND expires_at > now() OR expires_at <= now())
                """, logger: storage.logger)
            let row = try connection.rows(
                "SELECT node, term, extract(epoch FROM now() - renewed_at)::float8 FROM leader WHERE id = 1",
                logger: storage.logger
            ).first!
            let (holder, term, age) = try row.decode((String?, Int64, Double).self)
            return LeaseState(holder: holder, term: term, isHolder: holder == node, age: max(age, 0))
        }
    }

    /// Marks a batch as being sent under `term`, if this node still holds the lease with at
    /// least half of it left.
    public func beginSending(_ alerts: [Alert], term: Int64) throws -> Bool {
        try storage.transaction { connection in
            let holding = try connection.rows(
                """
                SELECT 1 FROM leader
                WHERE id = 1 AND node = \(node) AND term = \(term)
                  AND expires_at > now() + make_interval(secs => \(Double(leaseSeconds) / 2))
                FOR UPDATE
                """, logger: storage.logger)
            guard !holding.isEmpty else { return false }
            try connection.run(
                """
                UPDATE alert SET sending_term = \(term), sending_node = \(node)
                WHERE key = ANY(\(alerts.map(\.key))) AND NOT sent
                """, logger: storage.logger)
            return true
        }
    }

    /// Lets the lease run out now, if this node holds it under `term`.
    public func release(term: Int64) throws {
        _ = try storage.withConnection { connection in
            try connection.run(
                "UPDATE leader SET expires_at = now() WHERE id = 1 AND node = \(node) AND term = \(term)",
                logger: storage.logger)
        }
    }
}
