import Diagnostics
import Foundation

/// The output folder of an export. Files are written into a hidden staging folder inside it and
/// moved into place only when all are complete, so a failed export leaves the folder as it was
/// and a reader never sees half a file under its final name.
final class ExportFolder {
    let path: String
    let staging: String
    private var names: [String]
    /// Files of an earlier export that this one does not write, removed when it is committed.
    private var stale: [String]
    /// The folders this export made for `path`, deepest first: removed again if it fails.
    private let made: [String]
    private var committed = false

    /// Creates the folder if needed and refuses (E601) when a file of `names` exists there and
    /// `overwrite` is off. The files named in `replacing` (an earlier export's that this one does
    /// not write) are removed once the export is committed.
    init(path: String, names: [String], overwrite: Bool, replacing stale: [String] = []) throws(ExportError) {
        self.path = path
        self.names = names
        self.stale = stale
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .outputUnwritable(path: path, reason: "it is a file, not a folder; give --out a folder") }
            made = []
        } else {
            var missing: [String] = []
            var folder = path
            while !folder.isEmpty, folder != "/", !manager.fileExists(atPath: folder) {
                missing.append(folder)
                folder = PathText.folder(of: folder)
            }
            // Removed by an interrupt (Ctrl-C) while they hold nothing but the staging folder.
            TemporaryPaths.shared.register(missing, ifEmpty: true)
            do { try manager.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                TemporaryPaths.shared.unregister(missing)
                let inside = (path as NSString).appendingPathComponent("responses.csv")
                throw .outputUnwritable(path: path, reason: UnwritableFolder.reason(
                    writing: inside, option: "--out", makesFolders: true, system: "the folder cannot be created: \(error.localizedDescription)"))
            }
            made = missing
        }
        if !overwrite {
            for name in names {
                let target = (path as NSString).appendingPathComponent(name)
                if manager.fileExists(atPath: target) { throw .outputExists(path: target) }
            }
        }
        // Made and registered in one step, so that an interrupt (Ctrl-C) removes it with what it holds.
        var failure: Int32 = 0
        let madeStaging = TemporaryPaths.shared.make { () -> String? in
            var template = Array(((path as NSString).appendingPathComponent(".samla-export-XXXXXX")).utf8CString)
            guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
                failure = errno
                return nil
            }
            return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        guard let madeStaging else {
            if DiskFull.isSystemCode(failure), let first = names.first {
                Self.remove(made)
                throw .outputDiskFull(path: (path as NSString).appendingPathComponent(first))
            }
            let reason = UnwritableFolder.reason(writing: (path as NSString).appendingPathComponent("responses.csv"), option: "--out", system: Self.systemError(failure))
            Self.remove(made)
            throw .outputUnwritable(path: path, reason: reason)
        }
        staging = madeStaging
    }

    private static func systemError(_ code: Int32 = errno) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)), as: UTF8.self)
    }

    /// Removes `folders` (deepest first) while they are empty, and unregisters them.
    private static func remove(_ folders: [String]) {
        TemporaryPaths.shared.unregister(folders)
        for folder in folders where rmdir(folder) != 0 { return }
    }

    deinit {
        guard !committed else { return }
        TemporaryPaths.shared.remove([staging])
        Self.remove(made)
    }

    /// Adds `name` after `earlier` to the files of the export, once it is known that the export writes it; refuses
    /// (E601) when the folder holds such a file and `overwrite` is off.
    func announce(_ name: String, after earlier: String, overwrite: Bool) throws(ExportError) {
        let target = (path as NSString).appendingPathComponent(name)
        if !overwrite && FileManager.default.fileExists(atPath: target) { throw .outputExists(path: target) }
        names.insert(name, at: names.firstIndex(of: earlier).map { $0 + 1 } ?? names.count)
        stale.removeAll { $0 == name }
    }

    /// Where to write `name` until the export is committed.
    func stagedPath(_ name: String) -> String {
        precondition(names.contains(name), "\(name) was not announced")
        return (staging as NSString).appendingPathComponent(name)
    }

    /// The final path of the file staged at `staged`: its name in the output folder, which holds
    /// the staging folder.
    static func target(ofStaged staged: String) -> String {
        let url = URL(fileURLWithPath: staged)
        return url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(url.lastPathComponent).path
    }

    /// The size of a staged file in bytes.
    func size(_ name: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: stagedPath(name)))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Moves every staged file to its final name (replacing an earlier export's), removes the
    /// earlier export's other files and the staging folder. Returns the final paths.
    func commit() throws(ExportError) -> [String] {
        // One step with respect to an interrupt (Ctrl-C): it comes before anything is moved,
        // leaving the earlier export as it was, or once the staging folder is gone.
        let paths = try TemporaryPaths.shared.settle(staging) { () throws(ExportError) -> [String] in
            // The earlier export's other files go into the staging folder first (and back, if one
            // cannot be moved), so that they are removed with it.
            var setAside: [(target: String, aside: String)] = []
            for name in stale {
                let target = (path as NSString).appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: target) else { continue }
                let aside = (staging as NSString).appendingPathComponent(".replaced-\(name)")
                guard rename(target, aside) == 0 else {
                    let reason = Self.systemError()
                    for moved in setAside.reversed() { _ = rename(moved.aside, moved.target) }
                    throw .outputUnwritable(path: target, reason: "this file of an earlier export cannot be replaced (\(reason))")
                }
                setAside.append((target, aside))
            }
            var paths: [String] = []
            for name in names {
                let target = (path as NSString).appendingPathComponent(name)
                guard rename(stagedPath(name), target) == 0 else {
                    throw .outputUnwritable(path: target, reason: Self.systemError())
                }
                paths.append(target)
            }
            try? FileManager.default.removeItem(atPath: staging)
            return paths
        }
        committed = true
        TemporaryPaths.shared.unregister(made)
        return paths
    }
}
