import Diagnostics
import Foundation

/// Why this user may not write a database: which of its files or its folder belongs to whom, and
/// the command that gives it back. A database made or touched by a command run as root (`samla
/// round open` before the service user existed) is the usual cause in production; SQLite says only
/// "attempt to write a readonly database".
enum DatabaseOwnership {
    /// The file or folder that this user may not write, in words with the fix; nil when the
    /// database's files and folder are writable (or the disk is read-only, which no `chown` mends).
    static func problem(database path: String) -> String? {
        let user = userName(geteuid())
        let folder = PathText.folder(of: path).isEmpty ? "." : PathText.folder(of: path)
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) && !writable(file) {
            let owner = ownerName(file) ?? "another user"
            return "\(file) belongs to \(owner), and this user, \(user), may not write it (a command run as \(owner) made it so, such as "
                + "`samla round open` or the `cp` of a restored backup); \(handOver(to: user, from: owner, "chown \(user): \(path)*"))"
        }
        if !writable(folder, mode: W_OK | X_OK) {
            let owner = ownerName(folder) ?? "another user"
            return "the folder \(folder) belongs to \(owner), and this user, \(user), may not write in it, where SQLite makes "
                + "\(URL(fileURLWithPath: path).lastPathComponent)-wal and -shm beside the database; \(handOver(to: user, from: owner, "chown \(user): \(folder)"))"
        }
        return nil
    }

    /// What to do: the `chown` when root owns it, else also running the command as its owner.
    private static func handOver(to user: String, from owner: String, _ chown: String) -> String {
        owner == "root"
            ? "give it to the user the server and the commands run as: \(chown)"
            : "run the command as \(owner) (sudo -u \(owner) samla …), or give it to this user: \(chown)"
    }

    private static func writable(_ path: String, mode: Int32 = W_OK) -> Bool {
        access(path, mode) == 0 || errno == EROFS
    }

    private static func ownerName(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return userName(status.st_uid)
    }

    private static func userName(_ uid: uid_t) -> String {
        getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(uid)"
    }
}
