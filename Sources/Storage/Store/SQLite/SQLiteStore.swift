import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode, through GRDB.
///
/// Durability: `synchronous = FULL`, so a transaction that returned is on disk even after a
/// power cut (in WAL mode NORMAL may lose the last commits then). A commit costs one fsync of
/// the WAL; a bulk import commits once. Foreign keys are on; deleted data is overwritten
/// (`secure_delete`), so erased personal data does not linger in free pages.
public final class SQLiteStore: Store {
    /// The database file.
    public let path: String
    /// How the file was opened: for writing, or for reading only.
    public let access: StoreAccess
    let pool: DatabasePool
    let busyTimeout: TimeInterval
    let writerWatch = WriterWatch()
    let upserts = UpsertStatements()
    let refusals = RefusalConditions()
    /// The time the store writes: when a response was begun, saved and submitted (and when an
    /// imported one without a time was stored), a round opened, invitations made.
    let clock: @Sendable () -> Date

    /// Opens (creating if needed) the store at `path`, bringing its schema up to date.
    /// The folder must exist. Throws `StoreError.unusableDatabase` for a file that is not an
    /// SQLite database or that a newer Samla has written, and the refusals of
    /// `StoreError(databaseFailure:path:)` for a file that cannot be written or opened. A write waits
    /// up to `busyTimeout` seconds for another connection's write lock. `clock` gives the time
    /// written with responses, rounds and invitations.
    public convenience init(path: String, busyTimeout: TimeInterval = 10, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        try self.init(path: path, busyTimeout: busyTimeout, clock: clock, pageLimit: nil)
    }

    /// `pageLimit`, for tests, caps the file at that many pages (SQLite's `max_page_count`), as a full disk would.
    init(path: String, busyTimeout: TimeInterval, clock: @escaping @Sendable () -> Date, pageLimit: Int?) throws {
        self.path = path
        self.access = .readWrite
        self.busyTimeout = busyTimeout
        self.clock = clock
        var configuration = Self.configuration(busyTimeout: busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            if let pageLimit { try db.execute(sql: "PRAGMA max_page_count = \(pageLimit)") }
        }
        do {
            try Self.retryingWhileBusy(for: busyTimeout) { try Self.refuseForeignOrNewerDatabase(at: path) }
            try Self.refuseUpgradeWhileOpenElsewhere(at: path, busyTimeout: busyTimeout)
            pool = try Self.retryingWhileBusy(for: busyTimeout) { try DatabasePool(path: path, configuration: configuration) }
            // After the pool's own WAL setup, which chooses NORMAL; only the one writer connection writes.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Self.migrate(pool, path: path)
            try pool.writeWithoutTransaction { db in
                writerWatch.start(dataVersion: try SQLiteStore.dataVersion(db), totalChanges: db.totalChangesCount)
            }
        } catch let error as DatabaseError {
            throw StoreError(databaseFailure: error, path: path) ?? error
        }
    }

    /// Opens the existing store at `path` for reading only: nothing is ever written to the file,
    /// its schema is not migrated, and no file is created when there is none.
    ///
    /// SQLite reads a database in WAL mode read-only when it can open its `-wal` and `-shm` files,
    /// which must exist or be creatable in the folder. When they cannot (a read-only folder or disk),
    /// the file is read as unchanging (SQLite's `immutable` URI parameter, ``StoreAccess/unchangingFile``),
    /// provided no `-wal` file with content lies beside it: immutable reads ignore the `-wal` file,
    /// and would miss the commits it holds (`StoreError.uncheckpointedCommits`). A store of an
    /// earlier schema is refused (`StoreError.outdatedSchema`), as is one of a newer Samla or of
    /// another program (`StoreError.unusableDatabase`).
    ///
    /// `takingEarlierSchema` opens a store of an earlier schema as it is, for ``backup(to:replacing:)``
    /// alone: a backup made before an upgrade must be the database as the earlier version left it,
    /// and the store's other reads expect this version's tables.
    public init(readingOnly path: String, busyTimeout: TimeInterval = 10, takingEarlierSchema: Bool = false) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        clock = { Date() }
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.unusableDatabase(path: path, reason: "there is no database here")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw StoreError.unusableDatabase(path: path, reason: "this user may not read the file; give this user read access to it, or use a copy")
        }
        try Self.refuseNonSQLiteFile(at: path)
        var configuration = Self.configuration(busyTimeout: busyTimeout)
        configuration.readonly = true
        do {
            do {
                pool = try Self.retryingWhileBusy(for: busyTimeout) {
                    try Self.readingPool(path, configuration: configuration, database: path, takingEarlierSchema: takingEarlierSchema)
                }
                access = .readOnly
            } catch let failure as DatabaseError where Self.isMissingSharedMemory(failure) && Self.isInWALMode(path) {
                let onFullDisk = Self.isSharedMemoryOnFullDisk(failure)
                let walBytes = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
                if walBytes > 0 {
                    throw onFullDisk ? StoreError.databaseFull(path: path) : StoreError.uncheckpointedCommits(path: path, walBytes: walBytes)
                }
                do {
                    pool = try Self.readingPool(Self.unchangingFileURI(path), configuration: configuration, database: path, takingEarlierSchema: takingEarlierSchema)
                } catch is DatabaseError {
                    throw failure
                }
                access = onFullDisk ? .unchangingFileOnFullDisk : .unchangingFile
            }
        } catch let error as DatabaseError {
            throw StoreError(databaseFailure: error, path: path) ?? error
        }
    }

    /// Brings the store up to date. A disk that fills up stops the upgrade between two migrations,
    /// each one transaction: the refusal says where.
    private static func migrate(_ pool: DatabasePool, path: String) throws {
        let upgrade = try pool.read { db in try Schema.pendingUpgrade(db) }
        do {
            try Schema.migrator.migrate(pool)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL && upgrade != nil {
            guard let stopped = try pool.read({ db in try Schema.pendingUpgrade(db) }) else { throw error }
            throw StoreError.upgradeStoppedOnFullDisk(path: path, reached: stopped.latest, pending: stopped.pending)
        }
    }

    /// Closes the store's connections to the file; the store cannot be used afterwards. Another
    /// program can then upgrade the database (``refuseUpgradeWhileOpenElsewhere(at:busyTimeout:)``).
    public func close() throws {
        try pool.close()
    }

    /// Runs `open` again while it fails with SQLite's busy answer, for up to `timeout` seconds.
    /// Opening a connection reads the database's schema, and while another process rebuilds the
    /// WAL index (the first to open the file after every connection closed) SQLite answers that
    /// read with SQLITE_BUSY_RECOVERY at once, without waiting in the busy handler as it does for
    /// a lock: an import that opened just as a backup did was refused so (E432), once in about a
    /// thousand runs of the two in a loop. The same holds for the reads of the schema before the
    /// pool opens (``refuseForeignOrNewerDatabase(at:)``, ``refuseUpgradeWhileOpenElsewhere(at:busyTimeout:)``):
    /// left unretried, they refused an import so in one CI run of the backup-while-importing test.
    static func retryingWhileBusy<T>(for timeout: TimeInterval, pause: TimeInterval = 0.005, _ open: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            do {
                return try open()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: pause)
            }
        }
    }

    /// A read-only pool on `location` (a path or an SQLite URI) of the store file `database`,
    /// refused unless it holds a Samla store this version reads as it is (or, `takingEarlierSchema`,
    /// a Samla store of this version's schema or an earlier one).
    private static func readingPool(_ location: String, configuration: Configuration, database: String, takingEarlierSchema: Bool) throws -> DatabasePool {
        let pool = try DatabasePool(path: location, configuration: configuration)
        try pool.read { db in try checkReadable(db, path: database, takingEarlierSchema: takingEarlierSchema) }
        return pool
    }

    private static func configuration(busyTimeout: TimeInterval) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "samla-store"
        return configuration
    }

    /// Refuses a store that a newer Samla has migrated, naming the migrations this version does not know.
    private static func refuseNewerSchema(_ db: Database, path: String) throws {
        let migrator = Schema.migrator
        guard try migrator.hasBeenSuperseded(db) else { return }
        let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted().map { "\"\($0)\"" }
        throw StoreError.unusableDatabase(path: path, reason:
            "the database was written by a newer version of Samla: it has the migration\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")), "
                + "which this version does not know (its latest is \"\(migrator.migrations.last ?? "")\"); nothing was changed; "
                + "use the newer samla it was upgraded with, or restore the backup made before the upgrade")
    }

    /// Whether a read-only open failed because SQLite could neither open nor create the `-shm`
    /// (and `-wal`) file that reading a database in WAL mode needs: a folder it may not write, or
    /// a disk with no room for the file (``isSharedMemoryOnFullDisk(_:)``).
    static func isMissingSharedMemory(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_READONLY || isSharedMemoryOnFullDisk(error)
    }

    /// Whether SQLite could not give the `-shm` file its size (SQLITE_IOERR_SHMSIZE: it writes a
    /// byte into each of its pages so that they are on the disk before it maps them), or could not
    /// make it at all (SQLITE_FULL): the disk has no room for it.
    static func isSharedMemoryOnFullDisk(_ error: DatabaseError) -> Bool {
        error.extendedResultCode == .SQLITE_IOERR_SHMSIZE || error.resultCode == .SQLITE_FULL
    }

    /// Whether the database file's header says WAL mode (its read and write versions, bytes 18 and
    /// 19, are 2). A database in rollback-journal mode needs no `-shm` file, so a read-only open of
    /// it fails for another reason, such as a journal left by a crashed writer that must be rolled back.
    private static func isInWALMode(_ path: String) -> Bool {
        guard let header = firstBytes(of: path, count: 20), header.count == 20 else { return false }
        return header[18] == 2 && header[19] == 2
    }

    /// Refuses a file with content that does not begin with SQLite's header string. SQLite itself
    /// takes a file of one byte for an empty database and writes a new one over it.
    static func refuseNonSQLiteFile(at path: String) throws {
        guard let header = firstBytes(of: path, count: sqliteHeader.count), !header.isEmpty, header != sqliteHeader else { return }
        throw StoreError.notAnSQLiteDatabase(path: path)
    }

    private static let sqliteHeader = Data("SQLite format 3\u{0}".utf8)

    /// Up to `count` bytes from the start of the file at `path`; nil when it cannot be read.
    private static func firstBytes(of path: String, count: Int) -> Data? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        return try? file.read(upToCount: count) ?? Data()
    }

    /// `path` as an SQLite URI that opens it read-only and immutable: without locks, `-wal` or `-shm`.
    static func unchangingFileURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var escaped = ""
        for character in absolute.unicodeScalars {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return "file:\(escaped)?mode=ro&immutable=1"
    }

    /// Refuses, for a read-only open, a file that is no Samla store this version reads as it is:
    /// another program's database, an empty file, a newer Samla's store, or one of an earlier schema
    /// unless `takingEarlierSchema`.
    private static func checkReadable(_ db: Database, path: String, takingEarlierSchema: Bool) throws {
        try refuseForeign(db, path: path)
        try refuseNewerSchema(db, path: path)
        if try Schema.migrator.appliedIdentifiers(db).isEmpty {
            throw StoreError.unusableDatabase(path: path, reason: "the database is empty, not a Samla store yet; `samla round open` makes one")
        }
        if !takingEarlierSchema, let upgrade = try Schema.pendingUpgrade(db) {
            throw StoreError.outdatedSchema(path: path, latest: upgrade.latest, pending: upgrade.pending)
        }
    }

    /// Refuses an SQLite database that another program made (tables, but not Samla's first
    /// migration), or a newer Samla's store, before anything is written to it: opening the pool
    /// would switch it to WAL mode, and writes a table made and dropped at once whenever no `-wal`
    /// file lies beside it (GRDB's own), so that a refused file changed after all; migrating would
    /// add Samla's tables among another program's.
    private static func refuseForeignOrNewerDatabase(at path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        try refuseNonSQLiteFile(at: path)
        var configuration = Configuration()
        configuration.readonly = true
        try DatabaseQueue(path: path, configuration: configuration).read { db in
            try refuseForeign(db, path: path)
            try refuseNewerSchema(db, path: path)
        }
    }

    /// Refuses to bring a store of an earlier schema up to date while another connection has it open
    /// (the older `samla serve` still running on it after an upgrade of the binary, say): the
    /// migrations would change its tables under that program, which goes on with the statements of
    /// the schema it knows. In WAL mode SQLite grants a connection in exclusive locking mode its
    /// lock only when no other connection has the file open, so a short exclusive transaction tells.
    /// It waits `busyTimeout` for a command that only reads to finish; a server never does.
    private static func refuseUpgradeWhileOpenElsewhere(at path: String, busyTimeout: TimeInterval) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        var reading = Configuration()
        reading.readonly = true
        let upgrade = try retryingWhileBusy(for: busyTimeout) {
            try DatabaseQueue(path: path, configuration: reading).read { db in
                try db.tableExists("grdb_migrations") ? try Schema.pendingUpgrade(db) : nil
            }
        }
        guard let upgrade else { return }
        var probing = Configuration()
        probing.busyMode = .timeout(busyTimeout)
        let probe = try DatabaseQueue(path: path, configuration: probing)
        do {
            try probe.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
                try db.execute(sql: "BEGIN EXCLUSIVE")
                try db.execute(sql: "COMMIT")
                // Back to normal locking; the next read lets the exclusive lock go.
                try db.execute(sql: "PRAGMA locking_mode = NORMAL")
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.upgradeWhileOpen(path: path, latest: upgrade.latest, pending: upgrade.pending)
        }
        try probe.close()
    }

    private static func refuseForeign(_ db: Database, path: String) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
        let isSamla = try db.tableExists("grdb_migrations")
            && (try Bool.fetchOne(db, sql: "SELECT 1 FROM grdb_migrations WHERE identifier = ?", arguments: [Schema.firstMigration]) ?? false)
        guard !tables.isEmpty, !isSamla else { return }
        let shown = tables.prefix(3).joined(separator: ", ") + (tables.count > 3 ? ", …" : "")
        throw StoreError.unusableDatabase(path: path, reason:
            "this is an SQLite database of another program (tables \(shown)), not a Samla store; nothing was changed; give --db a new path or a Samla store")
    }

    /// The store's time now, as it is written.
    func now() -> Timestamp { Timestamp(clock()) }

    /// The schema migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Schema.migrator.appliedIdentifiers(db).sorted() }
    }

    /// The database's journal mode and synchronous setting, as SQLite reports them.
    public func durabilitySettings() throws -> (journalMode: String, synchronous: Int) {
        try pool.write { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
             try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1)
        }
    }
}

/// How a ``SQLiteStore`` has its file open.
public enum StoreAccess: Equatable, Sendable {
    /// For reading and writing; the schema is brought up to date on opening.
    case readWrite
    /// For reading only, through SQLite's read-only connections: the commits of other connections
    /// (`samla serve`, an import) are seen as they are made, and nothing is written to the file.
    case readOnly
    /// For reading only, as an unchanging file (SQLite's `immutable`): the folder cannot take the
    /// `-wal` and `-shm` files a read-only connection needs, so SQLite reads without locks, and a
    /// change made to the file meanwhile by another program would go unnoticed.
    case unchangingFile
    /// For reading only, as an unchanging file, as ``unchangingFile``: the disk that holds the
    /// database has no room for the `-shm` file a read-only connection needs.
    case unchangingFileOnFullDisk
}
