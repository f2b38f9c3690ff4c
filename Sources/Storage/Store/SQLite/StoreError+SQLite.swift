import GRDB

extension StoreError {
    /// A failure of the SQLite database file itself, as the refusal that says what to do: the write
    /// lock held too long by another process (SQLITE_BUSY, SQLITE_LOCKED), a full disk
    /// (SQLITE_FULL, or SQLITE_IOERR_SHMSIZE: no room for the `-shm` file), a read-only or unopenable file or folder (SQLITE_READONLY, SQLITE_CANTOPEN,
    /// SQLITE_PERM), a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB). Nil for any other error. In
    /// each case SQLite has rolled the transaction back, so nothing of it was written.
    public init?(databaseFailure error: any Error, path: String) {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self = .databaseBusy(path: path)
        case .SQLITE_FULL:
            self = .databaseFull(path: path)
        case .SQLITE_IOERR where SQLiteStore.isSharedMemoryOnFullDisk(error):
            self = .databaseFull(path: path)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            self = .databaseUnwritable(path: path)
        case .SQLITE_CORRUPT:
            self = .unusableDatabase(path: path, reason: "the database file is damaged (SQLite finds it malformed); nothing was written; restore it from a backup")
        case .SQLITE_NOTADB:
            self = .notAnSQLiteDatabase(path: path)
        default:
            return nil
        }
    }
}

extension StoreError {
    /// The refusal of a file that is not an SQLite database.
    static func notAnSQLiteDatabase(path: String) -> StoreError {
        .unusableDatabase(path: path, reason: "the file is not an SQLite database; nothing was changed; give --db a new path or a Samla store")
    }

    /// An error the store could not turn into a refusal, in words for a message: for an SQLite
    /// error, its code and SQLite's own words, without the statement GRDB's description appends
    /// (a user is never shown SQL); for any other error, its description.
    public static func words(for error: any Error) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        return "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "no reason given")"
    }
}
