import Foundation

/// Other processes that have a database in WAL mode open, read from the system's list of file
/// locks (`/proc/locks`, Linux). Every connection to such a database holds a shared lock on one
/// byte of its `-shm` file (SQLite's "DMS" lock, byte 128 in the unix VFS) for as long as it is
/// open. The list is only read: opening and closing the `-shm` file here would drop the locks
/// SQLite holds on it for this process. Elsewhere than Linux the list is empty.
enum OtherProcesses {
    /// The first other process that holds the database at `path` open, with its command line; nil
    /// when none does (or the system does not tell).
    static func holdingOpen(database path: String) -> (id: Int32, command: String)? {
        var status = stat()
        guard stat(path + "-shm", &status) == 0,
              let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        let own = getpid()
        for line in locks.split(separator: "\n") {
            // "1: POSIX  ADVISORY  READ 12345 08:01:1234 128 128"; blocked requests are marked "->".
            let fields = line.split(separator: " ")
            guard fields.count >= 8, !line.contains("->"), let id = Int32(fields[4]), id != own,
                  fields[5].split(separator: ":").last == Substring(String(status.st_ino)),
                  fields[6] == "128" else { continue }
            return (id, command(of: id))
        }
        return nil
    }

    private static func command(of id: Int32) -> String {
        guard let line = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(id)/cmdline")) else { return "" }
        return line.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }
}
