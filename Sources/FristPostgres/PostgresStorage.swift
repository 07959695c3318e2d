import Foundation
public import FristFormats
public import FristStorage
public import Logging
import PostgresNIO

/// The service's durable state in PostgreSQL, shared by every node of a cluster: the same logs as
/// the SQLite adapter (events, intakes, case states, alerts, the daily run), plus the state's
/// version and the leadership lease (`PostgresLease`).
///
/// Every node writes: its own spool's events, and the alerts and case states its engine decided.
/// A write that changes what an engine folds (a commit, logged alerts, replaced cases) takes the
/// one row of `state_version` for update, checks that the state is still the one this node last
/// read or wrote, and raises the version: a node whose engine is behind another node's write is
/// refused (`StaleStateError`) and rebuilds from the database, so no node ever writes a case's
/// state over a newer one. `stateChangedElsewhere` lets a node notice such a write before it
/// tries.
///
/// One connection, one operation at a time; a lost connection is opened again on the next call
/// (the caller's back-off paces the tries). The calls block: the service makes them from its own
/// threads, never from Swift's cooperative pool.
public final class PostgresStorage: StateStorage, @unchecked Sendable {
    /// The database.
    public let url: PostgresURL
    /// This node's name: its intakes are its own.
    public let node: String
    private let password: String?
    let logger: Logger
    /// Every use of `connection` and `knownVersion` holds it: `@unchecked Sendable` rests on it.
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private var connectionCount = 0
    /// The state's version this node's engine was read at or last wrote, nil before either.
    var knownVersion: Int64?

    /// Connects to the database at `url` and, unless `migrating` is false, creates or brings its
    /// schema up to date (`PostgresSchema`). A command that only reads passes false and is
    /// refused on a database whose schema is not current.
    public init(
        url: PostgresURL, node: String, environment: [String: String], migrating: Bool = true, logger: Logger
    ) throws {
        self.url = url
        self.node = node
        self.password = url.password(environment: environment)
        var logger = logger
        logger.logLevel = max(logger.logLevel, .notice)
        self.logger = logger
        try withConnection { connection in
            if migrating {
                try PostgresSchema.migrate(connection, logger: logger)
            } else if try !PostgresSchema.isCurrent(connection, logger: logger) {
                throw StoreError("\(url) har ikke fristvakts skjema i denne versjonen; start tjenesten én gang først")
            }
        }
    }

    /// Closes the connection.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        try? connection?.close().wait()
        connection = nil
    }

    deinit { try? connection?.close().wait() }

    // MARK: - Connection

    private func connected() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: password, database: url.database,
            tls: try tls())
        configuration.options.connectTimeout = .seconds(5)
        connectionCount += 1
        do {
            let opened = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                id: connectionCount, logger: logger
            ).wait()
            connection = opened
            return opened
        } catch {
            throw StoreError("kan ikke koble til \(url): \(Self.reason(error))")
        }
    }

    private func tls() throws -> PostgresConnection.Configuration.TLS {
        switch url.tls {
        case .disable: return .disable
        case .require:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: configuration))
        case .verifyFull:
            return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }

    /// Runs `body` on the connection, alone; a failure is explained in bokmål, and a connection
    /// the failure closed is dropped, to be opened again by the next call.
    func withConnection<Result>(_ body: (PostgresConnection) throws -> Result) throws -> Result {
        lock.lock()
        defer { lock.unlock() }
        let connection = try connected()
        do {
            return try body(connection)
        } catch let error as StaleStateError {
            throw error
        } catch {
            // The connection may be in any state now (closed, or cut mid-query): the next call
            // opens a new one.
            self.connection = nil
            let closing: EventLoopFuture<Void> = connection.close()
            try? closing.wait()
            if let error = error as? StoreError { throw error }
            throw StoreError("PostgreSQL (\(url)): \(Self.reason(error))")
        }
    }

    /// Runs `body` in one transaction (`READ COMMITTED`, or `REPEATABLE READ` for a read that
    /// must see one state): committed when it returns, rolled back when it throws.
    func transaction<Result>(repeatable: Bool = false, _ body: (PostgresConnection) throws -> Result) throws -> Result {
        try withConnection { connection in
            try connection.run(repeatable ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN", logger: logger)
            do {
                let result = try body(connection)
                try connection.run("COMMIT", logger: logger)
                return result
            } catch {
                if !connection.isClosed { _ = try? connection.run("ROLLBACK", logger: logger) }
                throw error
            }
        }
    }

    /// What the server said, or what went wrong on the way to it.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return "\(message) (SQLSTATE \(error.serverInfo?[.sqlState] ?? "?"))"
        }
        return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
    }

    // MARK: - The state's version

    /// Runs `body` in one transaction that takes the version row, refuses when another node wrote
    /// since this node's engine read the state (`StaleStateError`), and raises the version; the
    /// new version is this node's once the transaction has committed. Every write that changes
    /// what an engine folds goes through here.
    func versionedWrite<Result>(_ body: (PostgresConnection) throws -> Result) throws -> Result {
        var version: Int64 = 0
        let result = try transaction { connection in
            version = try raiseVersion(connection)
            return try body(connection)
        }
        know(version: version)
        return result
    }

    /// Takes the version row for this transaction's write and raises it; refuses when another
    /// node wrote since this node's engine read the state.
    private func raiseVersion(_ connection: PostgresConnection) throws -> Int64 {
        let current = try connection.rows(
            "SELECT version FROM state_version WHERE id = 1 FOR UPDATE", logger: logger
        ).first!.decode(Int64.self)
        if let knownVersion, knownVersion != current { throw StaleStateError(known: knownVersion, found: current) }
        try connection.run("UPDATE state_version SET version = \(current + 1) WHERE id = 1", logger: logger)
        return current + 1
    }

    /// Whether another node changed what the engine folds since this node read or wrote it.
    public func stateChangedElsewhere() throws -> Bool {
        guard let known = lockedKnownVersion() else { return false }
        return try currentVersion() != known
    }

    /// A rebuild begins: the version now is the one the engine will hold (a write by another node
    /// during the read raises it, and is noticed).
    public func rebuildBegins() throws {
        know(version: try currentVersion())
    }

    private func know(version: Int64) {
        lock.lock()
        knownVersion = version
        lock.unlock()
    }

    private func lockedKnownVersion() -> Int64? {
        lock.lock()
        defer { lock.unlock() }
        return knownVersion
    }

    private func currentVersion() throws -> Int64 {
        try withConnection { connection in
            try connection.rows("SELECT version FROM state_version WHERE id = 1", logger: logger).first!.decode(
                Int64.self)
        }
    }
}

extension PostgresConnection {
    /// The longest wait for one statement: a statement sent as the server cut the connection
    /// may never be answered, and the step must fail (and reconnect) rather than hang.
    static let statementTimeout: TimeAmount = .seconds(30)

    /// Calls `body` with every row of `select` (no binds), fetched through a cursor a batch at a
    /// time, in one `REPEATABLE READ` transaction the caller opened.
    func forEachRow(
        _ select: String, batch: Int = 10_000, logger: Logger, _ body: (PostgresRow) throws -> Void
    )
        throws
    {
        try run(PostgresQuery(unsafeSQL: "DECLARE rows NO SCROLL CURSOR FOR " + select), logger: logger)
        while true {
            let rows = try self.rows(PostgresQuery(unsafeSQL: "FETCH \(batch) FROM rows"), logger: logger)
            if rows.isEmpty { break }
            for row in rows { try body(row) }
        }
        try run("CLOSE rows", logger: logger)
    }

    /// Every row of a query, waited for on the caller's thread.
    func rows(_ query: PostgresQuery, logger: Logger) throws -> [PostgresRow] {
        try Self.waitAtMost(self.query(query, logger: logger)).rows
    }

    /// Runs a statement and returns the number of rows it changed.
    @discardableResult
    func run(_ query: PostgresQuery, logger: Logger) throws -> Int {
        try Self.waitAtMost(self.query(query, logger: logger)).metadata.rows ?? 0
    }

    /// Waits for `future`, at most `statementTimeout`.
    private static func waitAtMost<Value: Sendable>(_ future: EventLoopFuture<Value>) throws -> Value {
        let loop = future.eventLoop
        let promise = loop.makePromise(of: Value.self)
        // Both completions run on the event loop: the first wins.
        let once = CompletionFlag()
        let timeout = loop.scheduleTask(in: statementTimeout) {
            guard !once.done else { return }
            once.done = true
            promise.fail(StoreError("PostgreSQL svarte ikke innen \(statementTimeout.nanoseconds / 1_000_000_000) s"))
        }
        future.whenComplete { result in
            guard !once.done else { return }
            once.done = true
            timeout.cancel()
            promise.completeWith(result)
        }
        return try promise.futureResult.wait()
    }
}

/// Whether a promise was completed; touched only on its event loop.
private final class CompletionFlag: @unchecked Sendable {
    var done = false
}
