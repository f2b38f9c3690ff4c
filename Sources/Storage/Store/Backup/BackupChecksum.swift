import Crypto
import Diagnostics
import Foundation
import SurveyDefinition
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The SHA-256 of a backup file as `samla backup` wrote it, kept beside it in `FILE.sha256` in the
/// form of coreutils `sha256sum` (`DIGEST  NAME`), so that `sha256sum -c FILE.sha256` checks a copy
/// by hand and `samla restore` refuses a file changed since: a value changed within a row, which
/// SQLite's integrity check does not see, as well as a file cut short.
struct BackupChecksum: Hashable, Sendable {
    /// 64 lowercase hex digits.
    let digest: String
    /// The name of the file it is the checksum of, as the line gives it (a base name, no folder).
    let name: String

    /// The checksum file of the backup `backup`: `backup.sha256`.
    static func file(of backup: String) -> String { backup + ".sha256" }

    /// The SHA-256 of the file at `path`, read a mebibyte at a time (a database may be gigabytes).
    static func digest(ofFileAt path: String) throws(OutputFile.Failure) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OutputFile.Failure(code: errno) }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputFile.Failure(code: errno)
            }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return hasher.finalize().lowercaseHex
    }

    /// The line `sha256sum NAME` prints, newline included: a name with a backslash or a line break
    /// is escaped and the line begins with a backslash, as coreutils writes it.
    var line: String {
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        return (escaped == name ? "" : "\\") + "\(digest)  \(escaped)\n"
    }

    init(digest: String, name: String) {
        self.digest = digest
        self.name = name
    }

    /// The checksum a checksum file's text gives: one line, `DIGEST  NAME` (or `DIGEST *NAME`, the
    /// binary mode of `sha256sum -b`), with or without its final newline. Throws why it is not.
    init(parsing text: String) throws(Malformed) {
        var body = Substring(text)
        if body.last == "\n" || body.last == "\r\n" { body = body.dropLast() }  // "\r\n" is one Character
        guard !body.isEmpty else { throw Malformed(line: nil, reason: "it is empty") }
        if let end = body.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
            throw Malformed(line: String(body[..<end]), reason: "it has more than one line, and samla backup writes one, for the backup alone")
        }
        var rest = body
        let escaped = rest.first == "\\"
        if escaped { rest = rest.dropFirst() }
        let hex = rest.prefix { $0.isASCII && $0.isHexDigit }
        guard hex.count == 64 else {
            throw Malformed(line: String(body), reason: "it does not begin with the 64 hex digits of a SHA-256 (it begins with \(hex.count))")
        }
        rest = rest.dropFirst(64)
        guard rest.hasPrefix("  ") || rest.hasPrefix(" *"), rest.count > 2 else {
            throw Malformed(line: String(body), reason: "the digest is not followed by two spaces and the name of the file, as sha256sum writes it")
        }
        var name = String(rest.dropFirst(2))
        if escaped {
            name = name.replacingOccurrences(of: "\\\\", with: "\u{0}").replacingOccurrences(of: "\\n", with: "\n")
                .replacingOccurrences(of: "\\r", with: "\r").replacingOccurrences(of: "\u{0}", with: "\\")
        }
        self.init(digest: hex.lowercased(), name: name)
    }

    /// A checksum file's text that is not one `sha256sum` line: the line (nil for an empty file) and why.
    struct Malformed: Error, Hashable {
        let line: String?
        let reason: String
    }

    // MARK: Writing, for `samla backup`

    /// Refuses a backup whose checksum file would be a folder that is there, before anything is copied.
    static func checkPlace(of backup: BackupFile) throws {
        var isFolder: ObjCBool = false
        let checksumFile = file(of: backup.path)
        if FileManager.default.fileExists(atPath: checksumFile, isDirectory: &isFolder), isFolder.boolValue {
            throw StoreError.backupUnwritable(path: backup.path, reason: folderInTheWay(checksumFile))
        }
    }

    /// Why a backup is refused when its checksum file `checksumFile` would be a folder that is there.
    static func folderInTheWay(_ checksumFile: String) -> String {
        "\(checksumFile), where the backup's checksum goes, is a folder; move it aside, or give --to another name"
    }

    /// The checksum of the finished copy `backup.temporary`, under the backup's name.
    static func of(_ backup: BackupFile) throws -> BackupChecksum {
        let digest: String
        do {
            digest = try Self.digest(ofFileAt: backup.temporary)
        } catch {
            throw StoreError.backupUnwritable(path: backup.path, reason: "the copy could not be read back for its SHA-256 (\(error))")
        }
        return BackupChecksum(digest: digest, name: URL(fileURLWithPath: backup.path).lastPathComponent)
    }

    /// Writes the checksum file's line into a temporary file beside the backup `backup` and to the
    /// disk, for ``BackupFile/install(permissions:replacing:checksum:)`` to move into place with the
    /// backup; `temporary` is a short name of its own in the same folder by default, so that a
    /// backup's name that fits fits here too. When it cannot be written, the refusal to throw
    /// once the backup is in place (`StoreError.backupChecksumUnwritable`).
    func stage(beside backup: String, temporary: String? = nil) -> Result<OutputFile, StoreError> {
        let checksumFile = Self.file(of: backup)
        let folder = URL(fileURLWithPath: checksumFile).deletingLastPathComponent()
        do {
            let output = try OutputFile(path: checksumFile, temporary: temporary
                ?? folder.appendingPathComponent(".samla-sha256-\(String(format: "%08x", UInt32.random(in: .min ... .max))).part").path)
            do {
                try output.fill(with: Data(line.utf8))
                try output.synchronize()
            } catch {
                output.discard()
                throw error
            }
            return .success(output)
        } catch {
            return .failure(unwritable(beside: backup, error))
        }
    }

    /// The refusal for a checksum file that could not be written beside the backup `backup` in place.
    func unwritable(beside backup: String, _ error: any Error) -> StoreError {
        let checksumFile = Self.file(of: backup)
        return .backupChecksumUnwritable(path: backup, checksumFile: checksumFile, sha256: digest, reason: Self.reason(error, writing: checksumFile))
    }

    private static func reason(_ error: any Error, writing path: String) -> String {
        let code = (error as? OutputFile.Failure)?.code ?? ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).map { Int32($0.code) }
        if let code, code == ENOSPC || code == EDQUOT { return "the disk has no room left for it" }
        return UnwritableFolder.reason(writing: path, option: "--to", system: code.map { String(cString: strerror($0)) } ?? "\(error)")
    }

    // MARK: Checking, for `samla restore`

    /// The checksum in the checksum file beside `backup`, once the backup's SHA-256 is found to be
    /// it; nil when there is no checksum file (a backup of `sqlite3 .backup`, or of an earlier
    /// Samla), or no file at `backup` (which the restore then refuses for itself).
    ///
    /// Refused: a checksum file that is not one `sha256sum` line or names another file
    /// (`StoreError.backupChecksumUnusable`), and a backup whose SHA-256 differs (`.backupChecksumMismatch`).
    static func verify(backup: String) throws -> BackupChecksum? {
        let checksumFile = file(of: backup)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: checksumFile, isDirectory: &isFolder),
              FileManager.default.fileExists(atPath: backup, isDirectory: nil) else { return nil }
        func unusable(_ line: String?, _ reason: String) -> StoreError {
            .backupChecksumUnusable(path: backup, checksumFile: checksumFile, line: line, reason: reason)
        }
        guard !isFolder.boolValue else { throw unusable(nil, "it is a folder") }
        let text: String
        do {
            text = try readText(checksumFile)
        } catch {
            throw unusable(nil, error.reason)
        }
        let checksum: BackupChecksum
        do {
            checksum = try BackupChecksum(parsing: text)
        } catch {
            throw unusable(error.line, error.reason)
        }
        // A line of `sha256sum` run from another folder names the file with a path (`backups/NAME`): it is the same name.
        let name = URL(fileURLWithPath: backup).lastPathComponent
        guard checksum.name.split(separator: "/").last.map(String.init) == name else {
            throw unusable(text.trimmingCharacters(in: .newlines),
                "it is the checksum of \(checksum.name), not of \(name): the checksum file of another backup, or of this one under an earlier name")
        }
        let actual: String
        do {
            actual = try digest(ofFileAt: backup)
        } catch {
            throw StoreError.backupNotRestorable(path: backup, reason: "it cannot be read (\(error))")
        }
        guard actual == checksum.digest else {
            throw StoreError.backupChecksumMismatch(path: backup, checksumFile: checksumFile, expected: checksum.digest, actual: actual)
        }
        return checksum
    }

    /// The text of a checksum file: UTF-8, and at most 4 KiB (one line of a digest and a name).
    private static func readText(_ path: String) throws(Malformed) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Malformed(line: nil, reason: "it cannot be read (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 4097)
        var length = 0
        while length < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + length, $0.count - length) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw Malformed(line: nil, reason: "it cannot be read (\(String(cString: strerror(errno))))")
            }
            length += count
        }
        guard length < bytes.count else { throw Malformed(line: nil, reason: "it is longer than 4 KiB, and the line samla backup writes is about 100 bytes") }
        guard let text = String(validating: bytes[0..<length], as: UTF8.self) else {
            throw Malformed(line: nil, reason: "it is not text (not UTF-8)")
        }
        return text
    }
}

extension RestoreSummary {
    /// The summary with the checksum the backup was found to match, or none.
    func checked(by checksum: BackupChecksum?) -> RestoreSummary {
        var summary = self
        summary.sha256 = checksum?.digest
        return summary
    }
}
