import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a backup goes: the file it becomes, checked before anything is copied, and the temporary
/// file beside it (`NAME.incomplete-XXXXXXXX`) that holds the copy until it is complete and checked.
/// The temporary file is on the same disk as the backup file, so that moving it into place is one
/// rename: the backup file is either the earlier one or the new, complete one, never a part.
struct BackupFile {
    /// The backup file, as given.
    let path: String
    /// The database file the backup is made of.
    let database: String
    let temporary: String

    init(path: String, database: String) {
        self.path = path
        self.database = database
        let url = URL(fileURLWithPath: path)
        temporary = url.deletingLastPathComponent()
            .appendingPathComponent(url.lastPathComponent + ".incomplete-" + String(format: "%08x", UInt32.random(in: .min ... .max))).path
    }

    /// The folder the backup goes to, as given.
    var folder: String {
        let folder = PathText.folder(of: path)
        return folder.isEmpty ? "." : folder
    }

    /// Refuses a backup file that is the database or one of its files, a folder, in a folder that
    /// does not exist, or (unless `replacing`) a file that exists.
    func check(replacing: Bool) throws {
        if Self.names(path, aFileOf: database) {
            throw StoreError.backupIsDatabase(path: path, database: database)
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue {
                let example = URL(fileURLWithPath: path).appendingPathComponent("samla-backup.sqlite").path
                throw StoreError.backupUnwritable(path: path, reason: "this is a folder; --to names the backup file, e.g. \(example)")
            }
            if !replacing { throw StoreError.backupExists(path: path) }
        }
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw StoreError.backupUnwritable(path: path, reason: UnwritableFolder.reason(writing: path, option: "--to", system: ""))
        }
    }

    /// The temporary file and the files SQLite makes beside it while it copies.
    var temporaryFiles: [String] { Self.files(of: temporary) }

    /// The database file `path` and its `-journal`, `-wal` and `-shm` files.
    static func files(of path: String) -> [String] {
        ["", "-journal", "-wal", "-shm"].map { path + $0 }
    }

    /// Makes the temporary file, empty and readable by this user alone while the copy is made.
    func makeTemporary() throws {
        if let failure = makeTemporaryFile() { throw refusal(errno: failure) }
    }

    /// Makes the temporary file, empty and readable by this user alone, in ``TemporaryPaths/shared``
    /// with the files SQLite makes beside it, so that an interrupt (Ctrl-C) removes them; the
    /// `errno` of a failure, or nil.
    func makeTemporaryFile() -> Int32? {
        TemporaryPaths.shared.register(Array(temporaryFiles.dropFirst()))
        let failure = TemporaryPaths.shared.createFile(temporary, permissions: 0o600)
        if failure != nil { TemporaryPaths.shared.unregister(temporaryFiles) }
        return failure
    }

    /// Moves the finished copy into place with its checksum file, staged beside it in `checksum`
    /// (nil when it could not be written): gives the copy `permissions`, writes it to the disk, then
    /// in one step with respect to an interrupt sets the earlier backup's checksum file aside,
    /// renames the copy to the backup file, renames the checksum file into place and removes the
    /// earlier one; last, writes the folder's new entries to the disk.
    ///
    /// After any one failure the backup file and its checksum file are the earlier pair, the new
    /// pair, or the new backup alone (the `errno` of the checksum file's rename is returned, for
    /// E813): the checksum file is never beside a file it is not the checksum of. When the rename of
    /// the copy fails, the earlier checksum file is put back; should that fail too, the refusal
    /// says where it is.
    func install(permissions: mode_t, replacing: Bool, checksum: OutputFile?) throws -> Int32? {
        guard chmod(temporary, permissions) == 0 else { throw refusal(errno: errno) }
        if let failure = Self.synchronize(temporary, flags: O_RDONLY) { throw refusal(errno: failure) }
        let checksumFile = BackupChecksum.file(of: path)
        let aside = URL(fileURLWithPath: folder).appendingPathComponent(
            ".\(URL(fileURLWithPath: checksumFile).lastPathComponent).earlier-\(String(format: "%08x", UInt32.random(in: .min ... .max)))").path
        let checksumFailure = try TemporaryPaths.shared.settle([temporary] + (checksum.map { [$0.temporary] } ?? [])) { () throws -> Int32? in
            if !replacing, FileManager.default.fileExists(atPath: path) { throw StoreError.backupExists(path: path) }
            var status = stat()
            let earlier = lstat(checksumFile, &status) == 0
            if earlier, status.st_mode & S_IFMT == S_IFDIR {
                throw StoreError.backupUnwritable(path: path, reason: BackupChecksum.folderInTheWay(checksumFile))
            }
            if earlier {
                guard rename(checksumFile, aside) == 0 else {
                    let code = errno
                    throw StoreError.backupUnwritable(path: path, reason: "the earlier backup's checksum file \(checksumFile) cannot be replaced "
                        + "(\(String(cString: strerror(code))))")
                }
            }
            guard rename(temporary, path) == 0 else {
                let code = errno
                if earlier, rename(aside, checksumFile) != 0 {
                    let putBack = errno
                    throw StoreError.backupUnwritable(path: path, reason: "the copy could not be renamed to it (\(String(cString: strerror(code)))), "
                        + "and the earlier backup's checksum file could not be put back (\(String(cString: strerror(putBack)))): it is \(aside); "
                        + "rename it to \(checksumFile)")
                }
                throw refusal(errno: code)
            }
            var failure: Int32?
            if let checksum, rename(checksum.temporary, checksumFile) != 0 {
                failure = errno
                unlink(checksum.temporary)
            }
            if earlier { unlink(aside) }
            return checksum == nil ? nil : failure
        }
        _ = Self.synchronize(folder, flags: O_RDONLY | O_DIRECTORY)
        return checksumFailure
    }

    /// Removes the temporary file, if it is still there, and whatever SQLite left beside it.
    func removeTemporary() {
        TemporaryPaths.shared.remove(temporaryFiles)
    }

    /// The refusal for a system call on the backup's folder or files that failed with `code`.
    func refusal(errno code: Int32) -> StoreError {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOSPC, EDQUOT:
            let bytes = (try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
            return .backupDiskFull(path: path, databaseBytes: bytes)
        default:
            return .backupUnwritable(path: path, reason: UnwritableFolder.reason(writing: path, option: "--to", system: reason))
        }
    }

    /// Writes the file or folder at `path` to the disk (`fsync`); the `errno` of a failure, or nil.
    static func synchronize(_ path: String, flags: Int32) -> Int32? {
        let descriptor = open(path, flags | O_CLOEXEC)
        guard descriptor >= 0 else { return errno }
        defer { close(descriptor) }
        return fsync(descriptor) == 0 ? nil : errno
    }

    /// Whether `path` is the database file `database` or its `-wal`, `-shm` or `-journal` file:
    /// the same file (device and inode), or the same name once links and `..` are resolved.
    static func names(_ path: String, aFileOf database: String) -> Bool {
        let files = Self.files(of: database)
        let resolved = resolve(path)
        return files.contains { isSameFile($0, path) || resolve($0) == resolved }
    }

    private static func resolve(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        return url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent).path
    }

    private static func isSameFile(_ first: String, _ second: String) -> Bool {
        var a = stat()
        var b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }
}
