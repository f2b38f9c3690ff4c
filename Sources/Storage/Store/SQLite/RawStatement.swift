import GRDB
import GRDBSQLite

/// A prepared statement on GRDB's raw `sqlite3` handle, for the hot paths (bulk insert, scan)
/// where GRDB's statement layer costs more than the work. Lives only inside one database access.
final class RawStatement {
    let connection: OpaquePointer
    let handle: OpaquePointer

    /// `sqlite3_bind_text` copies the bytes (SQLITE_TRANSIENT, which does not import into Swift).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed database") }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.connection = connection
        self.handle = statement
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: Binding (1-based parameter indices, as SQLite counts)

    func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }
    func bindInteger(_ value: Int64, at index: Int32) { sqlite3_bind_int64(handle, index, value) }
    func bindDouble(_ value: Double, at index: Int32) { sqlite3_bind_double(handle, index, value) }

    func bindText(_ value: String, at index: Int32) {
        var value = value
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
            } else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
        }
    }

    /// Binds UTF-8 bytes that stay valid and unchanged until the statement has run
    /// (SQLITE_STATIC: SQLite neither copies nor frees them).
    func bindUnowned(_ bytes: UnsafeRawPointer, count: Int, at index: Int32) {
        sqlite3_bind_text(handle, index, bytes.assumingMemoryBound(to: CChar.self), Int32(count), nil)
    }

    // MARK: Running

    /// Runs a statement that returns no rows, then resets it (keeping bindings) for the next use.
    func execute() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Steps once: true when a row is ready, false when done.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw error(code)
        }
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    // MARK: Reading the current row (0-based columns)

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func withUTF8<R>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeBufferPointer(start: bytes, count: count))
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                      sql: sqlite3_sql(handle).map { String(cString: $0) })
    }
}
