import FristEngine
import GRDB
import GRDBSQLite

/// The hot inserts and reads, with SQLite's own functions on a statement GRDB prepared (its escape
/// hatch): one event or case state per row, tens of thousands per transaction or a million at a
/// start, without an argument array or a `Row` per row. Everything else goes through GRDB.
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

    /// Steps through `statement`'s rows, handing each to `body`, which reads the row's columns
    /// with SQLite's own accessors (`column`); throws on anything but a row or the end.
    static func forEachRow(_ statement: Statement, _ what: String, _ body: (OpaquePointer) throws -> Void) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: what)
            }
            try body(handle)
        }
    }

    /// A column of the current row as bytes (text or blob, borrowed from SQLite: valid until the
    /// statement steps again).
    static func column(_ index: Int32, of handle: OpaquePointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(
            start: sqlite3_column_blob(handle, index), count: Int(sqlite3_column_bytes(handle, index)))
    }

    /// Binds a string as UTF-8 text (nil as NULL).
    static func bind(_ text: String?, to index: Int32, of handle: OpaquePointer) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bind(utf8: $0, to: index, of: handle) }
    }

    /// Binds an identifier's text as UTF-8 (a packed UUID written out on the stack).
    static func bind(_ identifier: EventIdentifier, to index: Int32, of handle: OpaquePointer) {
        identifier.withUTF8 { bind(utf8: $0, to: index, of: handle) }
    }

    /// Binds these bytes as UTF-8 text, copied by SQLite.
    private static func bind(utf8: UnsafeBufferPointer<UInt8>, to index: Int32, of handle: OpaquePointer) {
        _ = sqlite3_bind_text(
            handle, index, UnsafeRawPointer(utf8.baseAddress)?.assumingMemoryBound(to: CChar.self), Int32(utf8.count),
            transient)
    }
}
