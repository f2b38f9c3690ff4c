import Diagnostics
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension SQLiteStore {
    /// Puts the backup file `backup` (``backup(to:replacing:)``, or `sqlite3 .backup`) in place as
    /// the database `path`, for a server that lost its database or a trial restore of a backup.
    ///
    /// The backup is checked first: its SHA-256 the one in its checksum file `backup.sha256` when
    /// there is one (``BackupChecksum``: `StoreError.backupChecksumMismatch`, `.backupChecksumUnusable`),
    /// a Samla store of this version or an earlier one, and
    /// `PRAGMA integrity_check` ok (a damaged or truncated file is refused, `StoreError.backupNotRestorable`).
    /// It is copied with SQLite's online backup into a temporary file beside `path`
    /// (`NAME.incomplete-XXXXXXXX`, readable by this user alone), written to the disk and renamed
    /// to `path`, then opened as a store (brought up to date and put in WAL mode). Responses the
    /// lost database took after the backup were numbered after the backup's last; the restored
    /// database numbers its new ones from ``firstResponseID(afterRestoring:)``, so that no number
    /// a respondent, an admin or a partner system was given is given to another response.
    ///
    /// Refused: a database at `path`, or its `-wal`, `-shm` or `-journal` file
    /// (`StoreError.restoreOntoDatabase`): a restore never replaces one, and SQLite would apply an
    /// old `-wal` file's commits to the restored file. When anything fails, nothing is left at `path`.
    public static func restore(from backup: String, to path: String) throws -> RestoreSummary {
        let present = ["", "-wal", "-shm", "-journal"].map { path + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
        guard present.isEmpty else {
            throw StoreError.restoreOntoDatabase(path: path, files: present.map { URL(fileURLWithPath: $0).lastPathComponent })
        }
        var isFolder: ObjCBool = false
        let folder = PathText.folder(of: path).isEmpty ? "." : PathText.folder(of: path)
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw StoreError.unusableDatabase(path: path, reason: "there is no folder \(folder) for it; make it (as the user the server runs as), then restore again")
        }
        let checksum = try BackupChecksum.verify(backup: backup)
        let source = try checkedBackup(backup)
        let earlierSchema = try source.pool.read { db in try Schema.pendingUpgrade(db)?.latest }
        let file = BackupFile(path: path, database: backup)
        // The database is registered in ``TemporaryPaths/shared`` until it is restored whole
        // (its response numbers moved past the gap): an interrupt (Ctrl-C) removes it until then.
        let restoredFiles = BackupFile.files(of: path)
        do {
            if let failure = file.makeTemporaryFile() { throw RestoreFailure(errno: failure) }
            defer { file.removeTemporary() }
            let copy = try DatabaseQueue(path: file.temporary)
            try source.pool.backup(to: copy)
            try copy.close()
            try source.close()
            if let failure = BackupFile.synchronize(file.temporary, flags: O_RDONLY) { throw RestoreFailure(errno: failure) }
            try TemporaryPaths.shared.settle(file.temporary, becoming: restoredFiles) {
                guard !FileManager.default.fileExists(atPath: path) else {
                    throw StoreError.restoreOntoDatabase(path: path, files: [URL(fileURLWithPath: path).lastPathComponent])
                }
                guard rename(file.temporary, path) == 0 else { throw RestoreFailure(errno: errno) }
            }
            _ = BackupFile.synchronize(folder, flags: O_RDONLY | O_DIRECTORY)
        } catch let error as DatabaseError {
            throw StoreError(databaseFailure: error, path: path) ?? error
        } catch let failure as RestoreFailure {
            throw failure.refusal(path: path)
        }
        do {
            let summary = try restored(backup: backup, path: path, earlierSchema: earlierSchema).checked(by: checksum)
            TemporaryPaths.shared.unregister(restoredFiles)
            return summary
        } catch {
            TemporaryPaths.shared.remove(restoredFiles)
            throw error
        }
    }

    /// The number the restored database gives its first new response when the backup's last was
    /// `last`: the lost database may have given out numbers after `last` that its partners, admins
    /// and exports still hold, so a gap as large as the backup's numbers, and at least 10,000, is
    /// left, ending on a thousand (169 → 11,001, 300,000 → 600,001).
    public static func firstResponseID(afterRestoring last: Int64) -> Int64 {
        let end = last + max(last, 10_000)
        return (end + 999) / 1000 * 1000 + 1
    }

    /// The backup opened for reading, once it is found a Samla store that passes SQLite's integrity check.
    private static func checkedBackup(_ backup: String) throws -> SQLiteStore {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: backup, isDirectory: &isFolder) else {
            throw StoreError.backupNotRestorable(path: backup, reason: "there is no file here")
        }
        guard !isFolder.boolValue else { throw StoreError.backupNotRestorable(path: backup, reason: "this is a folder; --from names the backup file") }
        let store: SQLiteStore
        do {
            store = try SQLiteStore(readingOnly: backup, takingEarlierSchema: true)
        } catch StoreError.unusableDatabase(_, let reason) {
            let words = reason.components(separatedBy: "; ").first ?? reason
            throw StoreError.backupNotRestorable(path: backup, reason: words)
        }
        let problems: [String]
        do {
            problems = try integrityProblems(store.pool)
        } catch {
            try? store.close()
            throw error
        }
        guard problems.isEmpty else {
            try? store.close()
            throw StoreError.backupNotRestorable(path: backup, reason: "it fails SQLite's integrity check (\(problems.prefix(3).joined(separator: "; "))): it was damaged or cut short after it was made")
        }
        return store
    }

    /// Opens the restored database as a store, moves its response numbers past the gap, and reads what it holds.
    private static func restored(backup: String, path: String, earlierSchema: String?) throws -> RestoreSummary {
        let store = try SQLiteStore(path: path)
        var summary = try store.pool.write { db in
            let last = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'responses'") ?? 0
            let first = firstResponseID(afterRestoring: last)
            try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name = 'responses'")
            try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES ('responses', ?)", arguments: [first - 1])
            let responses = try Row.fetchOne(db, sql: "SELECT total(status = 'complete'), total(status = 'partial') FROM responses")
            let erasure = try Row.fetchOne(db, sql: "SELECT id, erased_at FROM erasures ORDER BY id DESC LIMIT 1")
            let latest = try String.fetchOne(db, sql: """
                SELECT max(t) FROM (SELECT max(updated_at) AS t FROM responses UNION ALL SELECT max(created_at) FROM idempotency_keys
                    UNION ALL SELECT max(created_at) FROM invitations UNION ALL SELECT max(erased_at) FROM erasures)
                """)
            return RestoreSummary(
                backup: backup, database: path, bytes: 0, rounds: try Int.fetchOne(db, sql: "SELECT count(*) FROM rounds") ?? 0,
                completeResponses: Int(responses?[0] as Double? ?? 0), partialResponses: Int(responses?[1] as Double? ?? 0),
                lastResponseID: last, firstNewResponseID: first, latestWrite: latest.flatMap(Timestamp.init(iso:)),
                lastErasure: erasure?["id"], lastErasureAt: (erasure?["erased_at"] as String?).flatMap(Timestamp.init(iso:)), earlierSchema: earlierSchema)
        }
        try store.close()
        summary.bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return summary
    }
}

/// A system call of the restore's copy that failed, with its `errno`.
private struct RestoreFailure: Error {
    let code: Int32

    init(errno code: Int32) { self.code = code }

    func refusal(path: String) -> StoreError {
        switch code {
        case ENOSPC, EDQUOT: .databaseFull(path: path)
        default: .unusableDatabase(path: path, reason: "the restored database cannot be written here: \(String(cString: strerror(code)))")
        }
    }
}
