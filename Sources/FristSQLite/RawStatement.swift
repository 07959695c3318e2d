import GRDB
import GRDBSQLite

/// The intake's hot inserts, bound with SQLite's own functions on a statement GRDB prepared (its
/// escape hatch): one event or case state per row, tens of thousands per transaction, without an
/// argument array per row. Everything else goes through GRDB.
enum RawStatement {
    /// SQLite copies the bound value before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds with `bind`, steps once (an insert), and resets; throws on anything but done.
    static func run(_ statement: Statement, _ what: String, bind: (OpaquePointer) -> Void) throws {
        let handle = statement.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        bind(handle)
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: "\(what): \(String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))")
        }
    }

    /// Binds a string as UTF-8 text (nil as NULL).
    static func bind(_ text: String?, to index: Int32, of handle: OpaquePointer) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { utf8 in
            _ = sqlite3_bind_text(
                handle, index, UnsafeRawPointer(utf8.baseAddress)?.assumingMemoryBound(to: CChar.self),
                Int32(utf8.count), transient)
        }
    }
}
