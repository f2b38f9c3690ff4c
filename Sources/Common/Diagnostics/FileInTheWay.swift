import Foundation

/// Why a folder cannot be made where a command was told to write: a file stands where a folder
/// should. Foundation says only "NSCocoaErrorDomain error 512" or "A file with the same name
/// already exists" without naming the file.
public enum FileInTheWay {
    /// The nearest of `folder` and the folders above it that exists, when it is a file, not a
    /// folder: `out.csv` for `out.csv/report` when `out.csv` is a file. Nil when the nearest that
    /// exists is a folder, or nothing on the way exists.
    public static func of(folder: String) -> String? {
        var path = folder
        while !path.isEmpty {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
                return isFolder.boolValue ? nil : path
            }
            let parent = PathText.folder(of: path)
            if parent == path { return nil }
            path = parent
        }
        return nil
    }
}
