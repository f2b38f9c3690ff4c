import GRDB
import GRDBSQLite

extension Statement {
    /// Runs the statement with `values` bound straight to SQLite, in order. On the form's save
    /// path, building GRDB's `StatementArguments` (a generic map over existentials) cost three
    /// times what running the statement did. GRDB still resets the statement and keeps its
    /// transaction bookkeeping; only the binding is ours.
    func execute(binding values: [DatabaseValue]) throws {
        precondition(values.count == Int(sqlite3_bind_parameter_count(sqliteStatement)), "one value per parameter")
        // A reset reports the error of the last run, if it failed; GRDB's own reset must not see it.
        sqlite3_reset(sqliteStatement)
        setUncheckedArguments(StatementArguments())
        for (offset, value) in values.enumerated() {
            let code = value.bind(to: sqliteStatement, at: CInt(offset + 1))
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errstr(code)), sql: sql)
            }
        }
        try execute()
    }
}
