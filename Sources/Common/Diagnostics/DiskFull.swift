import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A disk with no room left for a file, recognised in the errors that say so and worded alike by
/// every command that writes a file (E800).
public enum DiskFull {
    /// Whether `code` is a C `errno` for a disk or quota with no room (`ENOSPC`, `EDQUOT`).
    public static func isSystemCode(_ code: Int32) -> Bool {
        code == ENOSPC || code == EDQUOT
    }

    /// Whether `error` says the disk had no room: Foundation's "There isn't enough space"
    /// (`CocoaError.fileWriteOutOfSpace`), a POSIX error `ENOSPC` or `EDQUOT` (also as the error
    /// underlying another), or an ``OutputFile/Failure`` of one.
    public static func isReason(_ error: any Error) -> Bool {
        if let failure = error as? OutputFile.Failure { return isSystemCode(failure.code) }
        if let error = error as? CocoaError, error.code == .fileWriteOutOfSpace { return true }
        if let error = error as? POSIXError { return isSystemCode(error.code.rawValue) }
        let bridged = error as NSError
        if bridged.domain == NSCocoaErrorDomain && bridged.code == CocoaError.fileWriteOutOfSpace.rawValue { return true }
        if bridged.domain == NSPOSIXErrorDomain && isSystemCode(Int32(bridged.code)) { return true }
        if let underlying = bridged.userInfo[NSUnderlyingErrorKey] as? NSError { return isReason(underlying) }
        return false
    }

    /// Why `path` could not be written, in plain words with what to do: the disk that holds its
    /// folder ran out of room (with the room on it now, once the unfinished file is removed),
    /// nothing was written under the name, an earlier
    /// file of that name is kept when `keepsEarlier`, and `option` (the command's option for the
    /// path, or nil when the command has none) may name a path on another disk.
    public static func reason(writing path: String, option: String?, keepsEarlier: Bool = true) -> String {
        let folder = PathText.folder(of: path).isEmpty ? "." : PathText.folder(of: path)
        let free = freeBytes(folder).map { " (\(ByteCount.text($0)) free now)" } ?? ""
        let earlier = keepsEarlier && FileManager.default.fileExists(atPath: path) ? ", and the earlier file of that name is kept as it was" : ""
        let elsewhere = option.map { ", or give \($0) a path on another disk" } ?? ""
        return "the disk that holds \(folder) ran out of room while the file was written\(free); the unfinished file was removed, "
            + "so nothing was written under this name\(earlier); free space on that disk and run the command again\(elsewhere)"
    }

    /// The bytes this user may still write on the disk that holds `folder`.
    static func freeBytes(_ folder: String) -> Int? {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }
}
