import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a command cannot write a file in a folder, in plain words with what to do, the same for
/// every command (backup, report, export, links and reminders files, cleaning log, import report).
/// The system's own words say little: "No such file or directory" for a folder that exists (`/proc`),
/// "The operation could not be completed" from Foundation.
public enum UnwritableFolder {
    /// The reason the file at `path` cannot be written, from what the path and its folders are now:
    /// a folder at the path itself, a file in the way, a folder of the system's own (`/proc`, `/sys`), a read-only disk, a folder
    /// that does not exist (unless the command `makesFolders`), a folder this user may not write.
    /// `option` is the command's option for the path (`--out`); `system` is what the system said,
    /// given when nothing else fits.
    public static func reason(writing path: String, option: String, makesFolders: Bool = false, system: String) -> String {
        let folder = PathText.folder(of: path).isEmpty ? "." : PathText.folder(of: path)
        return foreseenReason(writing: path, option: option, makesFolders: makesFolders)
            ?? "the system refused to make the file in \(folder) (\(system)); give \(option) a file in another folder"
    }

    /// The reason the file at `path` cannot be written, worded as ``reason(writing:option:makesFolders:system:)``,
    /// when the path's folders show it before anything is tried; nil when they do not (only making the
    /// file would tell). Lets a command check its output before it reads or stores anything.
    public static func foreseenReason(writing path: String, option: String, makesFolders: Bool = false) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return "\(path) is a folder, not a file; give \(option) the path of a file, such as one inside that folder"
        }
        let folder = PathText.folder(of: path).isEmpty ? "." : PathText.folder(of: path)
        if let file = FileInTheWay.of(folder: folder) {
            return "\(file) is a file, not a folder; give \(option) a path that does not run through it, or move \(file) out of the way"
        }
        let existing = nearestExisting(folder)
        if let kind = systemFolderKind(existing) {
            return "\(existing) is not a folder on a disk but the system's view of \(kind), which holds no files of yours; "
                + "give \(option) a path on a disk, such as one in your home folder"
        }
        if isOnReadOnlyDisk(existing) {
            return "the folder \(existing) is on a read-only disk; choose a folder on a writable one"
        }
        if existing != folder, !makesFolders {
            return "the folder \(folder) does not exist; make it first, or give \(option) a file in a folder that exists"
        }
        if access(existing, W_OK) != 0 {
            return "this user may not write in the folder \(existing) (Permission denied); choose a folder you may write, or ask for write access to it"
        }
        return nil
    }

    /// `folder`, or the nearest folder above it that exists.
    private static func nearestExisting(_ folder: String) -> String {
        var path = folder
        while !FileManager.default.fileExists(atPath: path) {
            let parent = PathText.folder(of: path)
            if parent.isEmpty { return "." }
            if parent == path { return path }
            path = parent
        }
        return path
    }

    /// What the system's own folder that holds `folder` shows, when it is one rather than a disk's:
    /// "its processes (proc)" for `/proc`; nil for a folder on a disk (or in memory, as `/tmp` may
    /// be), and where the system lists no mounts (`/proc/self/mounts`).
    public static func systemFolderKind(_ folder: String) -> String? {
        guard let type = fileSystemType(of: folder) else { return nil }
        switch type {
        case "proc": return "its processes (proc)"
        case "sysfs": return "its devices and drivers (sysfs)"
        case "devpts": return "its terminals (devpts)"
        case "cgroup", "cgroup2": return "its control groups (\(type))"
        case "debugfs", "tracefs", "securityfs", "bpf", "pstore", "efivarfs", "configfs", "fusectl", "binfmt_misc", "mqueue":
            return "its kernel's workings (\(type))"
        default: return nil
        }
    }

    /// The type of the file system mounted where `folder` is, as `/proc/self/mounts` lists it.
    private static func fileSystemType(of folder: String) -> String? {
        guard let mounts = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return nil }
        let resolved = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardized.path
        var best: (point: String, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let point = fields[1].replacingOccurrences(of: "\\040", with: " ")
            guard point == "/" || resolved == point || resolved.hasPrefix(point + "/") else { continue }
            // A later mount on the same point hides the earlier one.
            if point.count >= (best?.point.count ?? 0) { best = (point, String(fields[2])) }
        }
        return best?.type
    }

    private static func isOnReadOnlyDisk(_ folder: String) -> Bool {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return false }
        return info.f_flag & UInt(ST_RDONLY) != 0
    }
}
