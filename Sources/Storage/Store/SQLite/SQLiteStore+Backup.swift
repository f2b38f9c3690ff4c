import Diagnostics
import Foundation
import GRDB

extension SQLiteStore {
    /// Copies the database into the one file `path`, safely while other processes (`samla serve`,
    /// an import) write to it, and from a store opened read-only too.
    ///
    /// SQLite's online backup copies the database's pages in one step, within one read transaction
    /// of this store: the copy is the database as of one commit, the commits still in the `-wal`
    /// file included, and writers go on meanwhile (readers never block writers in WAL mode). The
    /// copy is made in a temporary file beside `path`, switched to rollback-journal mode (so it is one
    /// file, without `-wal` and `-shm`, and opens read-only in any folder), checked with
    /// `PRAGMA integrity_check`, counted, written to the disk, given the database file's permissions
    /// (and read and write for its owner, so that it can be restored) and renamed to `path`. When anything fails, the temporary file is removed and `path` is as it was.
    ///
    /// Refused: `path` is the database or one of its files (`StoreError.backupIsDatabase`), exists
    /// and `replacing` is false (`.backupExists`), is a folder or in a folder that does not exist or
    /// cannot be written (`.backupUnwritable`), the disk has no room (`.backupDiskFull`), or the copy
    /// fails the check (`.backupDamaged`).
    ///
    /// The copy's SHA-256 goes beside it in `path.sha256`, in the form of `sha256sum`
    /// (``BackupChecksum``): written to a temporary file before the copy is renamed, and renamed
    /// into place just after it, in one step with the earlier backup's checksum file set aside and
    /// removed (``BackupFile/install(permissions:replacing:checksum:)``), so that the pair on disk is
    /// the earlier one or the new one. When the checksum file cannot be written, the backup stays,
    /// complete, without one, and `StoreError.backupChecksumUnwritable` says so.
    public func backup(to path: String, replacing: Bool = false) throws -> BackupSummary {
        try backup(to: path, replacing: replacing, pageLimit: nil)
    }

    /// `pageLimit`, for tests, caps the copy at that many pages (SQLite's `max_page_count`), as a full disk would;
    /// `checksumTemporary`, for tests, is the temporary file the checksum file is written through (one in a folder
    /// that does not exist stands in for a checksum that cannot be written).
    func backup(to path: String, replacing: Bool, pageLimit: Int?, checksumTemporary: String? = nil) throws -> BackupSummary {
        let file = BackupFile(path: path, database: self.path)
        try file.check(replacing: replacing)
        try BackupChecksum.checkPlace(of: file)
        let permissions = try FileManager.default.attributesOfItem(atPath: self.path)[.posixPermissions] as? Int ?? 0o600
        try file.makeTemporary()
        defer { file.removeTemporary() }
        do {
            try copyPages(to: file.temporary, pageLimit: pageLimit)
            let contents = try Self.finishCopy(file)
            let checksum = try BackupChecksum.of(file)
            let staged = checksum.stage(beside: path, temporary: checksumTemporary)
            let stagedFile = try? staged.get()
            defer { stagedFile?.discard() }
            let renameFailure = try file.install(permissions: mode_t(permissions | 0o600), replacing: replacing, checksum: stagedFile)
            if case .failure(let refusal) = staged { throw refusal }
            if let renameFailure { throw checksum.unwritable(beside: path, OutputFile.Failure(code: renameFailure)) }
            let checksumFile = BackupChecksum.file(of: path)
            let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            return BackupSummary(file: path, bytes: bytes, rounds: contents.rounds,
                                 completeResponses: contents.complete, partialResponses: contents.partial, earlierSchema: contents.earlierSchema,
                                 checksumFile: checksumFile, sha256: checksum.digest)
        } catch let error as DatabaseError {
            throw backupRefusal(error, file: file)
        }
    }

    private func copyPages(to temporary: String, pageLimit: Int?) throws {
        var configuration = Configuration()
        configuration.label = "samla-backup"
        if let pageLimit {
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA max_page_count = \(pageLimit)") }
        }
        let copy = try DatabaseQueue(path: temporary, configuration: configuration)
        try pool.backup(to: copy)
        try copy.close()
    }

    /// Puts the copy in rollback-journal mode (its pages say WAL mode, as the database's do), checks
    /// it, counts its rounds and responses, and reads the schema it is at.
    private static func finishCopy(_ file: BackupFile) throws -> (rounds: Int, complete: Int, partial: Int, earlierSchema: String?) {
        var configuration = Configuration()
        configuration.label = "samla-backup"
        let copy = try DatabaseQueue(path: file.temporary, configuration: configuration)
        do {
            let mode = try copy.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") }
            guard mode == "delete" else {
                throw StoreError.backupUnwritable(path: file.path, reason: "SQLite left the copy in \(mode ?? "an unknown") journal mode instead of one file")
            }
            let problems = try integrityProblems(copy)
            guard problems.isEmpty else { throw StoreError.backupDamaged(path: file.path, problems: problems) }
            let contents = try copy.read { db in
                let responses = try Row.fetchOne(db, sql: "SELECT total(status = 'complete'), total(status = 'partial') FROM responses")
                return (rounds: try Int.fetchOne(db, sql: "SELECT count(*) FROM rounds") ?? 0,
                        complete: Int(responses?[0] as Double? ?? 0), partial: Int(responses?[1] as Double? ?? 0),
                        earlierSchema: try Schema.pendingUpgrade(db)?.latest)
            }
            try copy.close()
            return contents
        } catch {
            try? copy.close()
            throw error
        }
    }

    /// What `PRAGMA integrity_check` finds wrong in a copy (a backup being made or restored): nothing, its lines, or the error it
    /// stops at when the damage is too great to go on.
    static func integrityProblems(_ copy: some DatabaseReader) throws -> [String] {
        do {
            let lines = try copy.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            return lines == ["ok"] ? [] : lines
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            return [error.message ?? "SQLite finds the file malformed"]
        }
    }

    /// A failure of SQLite while copying: the backup's disk was full or could not be written, or
    /// the database could not be read.
    private func backupRefusal(_ error: DatabaseError, file: BackupFile) -> any Error {
        switch error.resultCode {
        case .SQLITE_FULL:
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return StoreError.backupDiskFull(path: file.path, databaseBytes: bytes)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(databaseFailure: error, path: path) ?? error
        default:
            return StoreError.backupUnwritable(path: file.path, reason: UnwritableFolder.reason(
                writing: file.path, option: "--to", system: "SQLite could not write the copy: \(error.message ?? "\(error.resultCode)")"))
        }
    }
}
