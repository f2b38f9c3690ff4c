import Foundation

/// The output folder of an export. Files are written into a hidden staging folder inside it and
/// moved into place only when all are complete, so a failed export leaves the folder as it was
/// and a reader never sees half a file under its final name.
final class ExportFolder {
    let path: String
    let staging: String
    private let names: [String]
    private var committed = false

    /// Creates the folder if needed and refuses (E601) when a file of `names` exists there and
    /// `overwrite` is off.
    init(path: String, names: [String], overwrite: Bool) throws(ExportError) {
        self.path = path
        self.names = names
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .outputUnwritable(path: path, reason: "it is a file, not a folder") }
        } else {
            do { try manager.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw .outputUnwritable(path: path, reason: "the folder cannot be created (\(error.localizedDescription))")
            }
        }
        if !overwrite {
            for name in names {
                let target = (path as NSString).appendingPathComponent(name)
                if manager.fileExists(atPath: target) { throw .outputExists(path: target) }
            }
        }
        var template = Array(((path as NSString).appendingPathComponent(".samla-export-XXXXXX")).utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw .outputUnwritable(path: path, reason: Self.systemError())
        }
        staging = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func systemError() -> String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)), as: UTF8.self)
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(atPath: staging) }
    }

    /// Where to write `name` until the export is committed.
    func stagedPath(_ name: String) -> String {
        precondition(names.contains(name), "\(name) was not announced")
        return (staging as NSString).appendingPathComponent(name)
    }

    /// The size of a staged file in bytes.
    func size(_ name: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: stagedPath(name)))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Moves every staged file to its final name (replacing an earlier export's) and removes the
    /// staging folder. Returns the final paths.
    func commit() throws(ExportError) -> [String] {
        var paths: [String] = []
        for name in names {
            let target = (path as NSString).appendingPathComponent(name)
            guard rename(stagedPath(name), target) == 0 else {
                throw .outputUnwritable(path: target, reason: Self.systemError())
            }
            paths.append(target)
        }
        committed = true
        try? FileManager.default.removeItem(atPath: staging)
        return paths
    }
}
