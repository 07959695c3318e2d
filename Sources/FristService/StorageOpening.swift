public import Foundation
import FristPostgres
import FristSQLite
public import FristStorage
import Logging

/// Where the service and the commands get their storage adapter: the one place that knows which
/// adapters exist. Everything else sees only the ports (`StateStorage`, `LeaderLease`).
public enum StorageOpening {
    /// How a store is opened.
    public enum Access: Sendable {
        /// The service itself: created when missing, its schema brought up to date.
        case service
        /// A command beside the running service that may bring the schema up to date but writes
        /// no state (`verify-state`). Refused as root on another user's store.
        case check
        /// A command that only reads (`report`): nothing is created, migrated or written; a store
        /// an older version left is refused. Refused as root on another user's store.
        case readOnly
    }

    /// The store for these paths: the shared PostgreSQL database when `[storage] url` is set,
    /// else SQLite in the state directory.
    public static func open(
        _ paths: ServicePaths, _ access: Access,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> any StateStorage {
        if let url = paths.storageURL {
            return try PostgresStorage(
                url: url, node: paths.node, environment: environment,
                migrating: access != .readOnly, logger: Logger(label: "fristvakt.postgres"))
        }
        if access != .service { try SQLiteStorage.refuseForeignOwnerAsRoot(paths.database) }
        return access == .readOnly
            ? try SQLiteStorage(readingOnly: paths.database) : try SQLiteStorage(path: paths.database)
    }

    /// The leadership lease on a shared store, nil for a store only one node uses.
    public static func lease(on store: any StateStorage, leaseSeconds: Int) -> (any LeaderLease)? {
        guard let shared = store as? PostgresStorage else { return nil }
        return PostgresLease(storage: shared, leaseSeconds: leaseSeconds)
    }
}
