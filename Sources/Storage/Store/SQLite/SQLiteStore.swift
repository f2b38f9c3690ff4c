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
    let pool: DatabasePool
    let writerWatch = WriterWatch()
    let upserts = UpsertStatements()

    /// Opens (creating if needed) the store at `path`, bringing its schema up to date.
    /// The folder must exist. Throws `StoreError.unusableDatabase` for a file that is not an
    /// SQLite database or that a newer Samla has written, and the refusals of
    /// `StoreError(databaseFailure:path:)` for a file that cannot be written or opened. A write waits
    /// up to `busyTimeout` seconds for another connection's write lock.
    public init(path: String, busyTimeout: TimeInterval = 10) throws {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "samla-store"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        do {
            try Self.refuseForeignDatabase(at: path)
            pool = try DatabasePool(path: path, configuration: configuration)
            // After the pool's own WAL setup, which chooses NORMAL; only the one writer connection writes.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            let migrator = Schema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.unusableDatabase(path: path, reason: "the database was written by a newer version of Samla; use that version")
            }
            try migrator.migrate(pool)
            try pool.writeWithoutTransaction { db in
                writerWatch.start(dataVersion: try SQLiteStore.dataVersion(db), totalChanges: db.totalChangesCount)
            }
        } catch let error as DatabaseError {
            throw StoreError(databaseFailure: error, path: path) ?? error
        }
    }

    /// Refuses an SQLite database that another program made (tables, but not Samla's first
    /// migration) before anything is written to it: opening the pool would switch it to WAL mode,
    /// and migrating would add Samla's tables among its own.
    private static func refuseForeignDatabase(at path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        var configuration = Configuration()
        configuration.readonly = true
        let (tables, isSamla) = try DatabaseQueue(path: path, configuration: configuration).read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"),
             try db.tableExists("grdb_migrations")
                && (try Bool.fetchOne(db, sql: "SELECT 1 FROM grdb_migrations WHERE identifier = ?", arguments: [Schema.firstMigration]) ?? false))
        }
        guard !tables.isEmpty, !isSamla else { return }
        let shown = tables.prefix(3).joined(separator: ", ") + (tables.count > 3 ? ", …" : "")
        throw StoreError.unusableDatabase(path: path, reason:
            "this is an SQLite database of another program (tables \(shown)), not a Samla store; nothing was changed; give --db a new path or a Samla store")
    }

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
