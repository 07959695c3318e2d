import FristSQLite
public import FristStorage

/// Where the service and the commands get their storage adapter: the one place that knows which
/// adapters exist. Everything else sees only the port (`StateStorage`).
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

    /// The store for these paths.
    public static func open(_ paths: ServicePaths, _ access: Access) throws -> any StateStorage {
        if access != .service { try SQLiteStorage.refuseForeignOwnerAsRoot(paths.database) }
        return access == .readOnly
            ? try SQLiteStorage(readingOnly: paths.database) : try SQLiteStorage(path: paths.database)
    }
}
