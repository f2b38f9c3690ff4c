import Foundation

/// The words every command gives for an output path it cannot write (`UnwritableFolder`), as the
/// tests expect them, so that each test pins the same wording.
enum UnwritableWords {
    /// Whether the system lists its mounts (`/proc/self/mounts`), by which `/proc` is told from a disk.
    static var systemFoldersKnown: Bool { FileManager.default.fileExists(atPath: "/proc/self/mounts") }

    /// A file where a folder of the path should be.
    static func fileInTheWay(_ file: String, option: String) -> String {
        "\(file) is a file, not a folder; give \(option) a path that does not run through it, or move \(file) out of the way"
    }

    /// A folder where the file should be.
    static func folderInTheWay(_ folder: String, option: String) -> String {
        "\(folder) is a folder, not a file; give \(option) the path of a file, such as one inside that folder"
    }

    /// A folder of the system's own, `/proc` unless told.
    static func systemFolder(_ folder: String = "/proc", kind: String = "its processes (proc)", option: String) -> String {
        "\(folder) is not a folder on a disk but the system's view of \(kind), which holds no files of yours; "
            + "give \(option) a path on a disk, such as one in your home folder"
    }
}
