import Crypto
import Foundation
import GRDB
import Testing
@testable import Store

/// `BACKUP.sha256`: the SHA-256 `samla backup` writes beside a backup, in the form of `sha256sum`,
/// and `samla restore`'s check of it, which finds what SQLite's integrity check does not: a value
/// changed within a row.
@Suite struct BackupChecksumTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-checksum-\(UUID().uuidString)")
        for name in ["lost", "new", "backups"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    func removeFolder() { try? FileManager.default.removeItem(at: folder) }
    func files(_ name: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path(name)).sorted() }
    func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    /// The SHA-256 of the file's bytes as hex, computed here apart from the code under test.
    static func sha256(_ path: String) throws -> String {
        SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))).map { String(format: "%02x", $0) }.joined()
    }

    /// A database of 12 complete and 3 partial responses, and a reader of it.
    func database() throws -> SQLiteStore {
        try BackupTests.fill(try SQLiteStore(path: path("lost/samla.sqlite")), complete: 12, partial: 3)
        return try SQLiteStore(readingOnly: path("lost/samla.sqlite"))
    }

    /// Changes one letter inside the stored text of the round's definition in the file at `path`,
    /// where SQLite's integrity check does not look: found by its bytes, 32 of them at a time.
    static func changeOneLetterOfTheDefinition(in path: String) throws {
        let source = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "SELECT source FROM definitions") ?? "" }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let utf8 = Array(source.utf8)
        #expect(utf8.count > 64, "the definition's text is \(utf8.count) bytes")
        for start in stride(from: utf8.count / 2, to: utf8.count - 32, by: 16) {
            guard let found = bytes.firstRange(of: Data(utf8[start..<start + 32])),
                  let letter = bytes[found].firstIndex(where: { (0x61...0x7a).contains($0) }) else { continue }
            bytes[letter] = bytes[letter] == 0x78 ? 0x79 : 0x78
            try bytes.write(to: URL(fileURLWithPath: path))
            return
        }
        Issue.record("no 32 bytes of the definition's text found in \(path)")
    }

    @Test func theChecksumFileIsTheLineSha256sumPrints() throws {
        defer { removeFolder() }
        let backup = try database().backup(to: path("backups/samla-2027-02-14.sqlite"))

        let digest = try Self.sha256(path("backups/samla-2027-02-14.sqlite"))
        #expect(try text("backups/samla-2027-02-14.sqlite.sha256") == "\(digest)  samla-2027-02-14.sqlite\n")
        #expect(backup.sha256 == digest && backup.checksumFile == path("backups/samla-2027-02-14.sqlite.sha256"))
        #expect(try files("backups") == ["samla-2027-02-14.sqlite", "samla-2027-02-14.sqlite.sha256"], "no temporary file left")

        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["sha256sum", "-c", "samla-2027-02-14.sqlite.sha256"]
        check.currentDirectoryURL = folder.appendingPathComponent("backups")
        let output = Pipe()
        check.standardOutput = output
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
        #expect(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "samla-2027-02-14.sqlite: OK\n")
    }

    @Test func forceReplacesTheChecksumWithTheNewBackups() throws {
        defer { removeFolder() }
        let store = try database()
        let file = path("backups/samla.sqlite")
        let first = try store.backup(to: file)
        _ = try RestoreTests.nextResponseID(path("lost/samla.sqlite"))

        let second = try store.backup(to: file, replacing: true)
        #expect(second.completeResponses == first.completeResponses + 1)
        #expect(second.sha256 != first.sha256)
        #expect(try text("backups/samla.sqlite.sha256") == "\(try Self.sha256(file))  samla.sqlite\n")
        #expect(second.sha256 == (try Self.sha256(file)))
        #expect(try files("backups") == ["samla.sqlite", "samla.sqlite.sha256"])
    }

    /// The checksum file cannot be written (its temporary file in a folder that does not exist):
    /// the backup is in place and complete, the refusal gives its SHA-256, and the earlier backup's
    /// checksum file is gone, not left beside a file it is not the checksum of.
    @Test func aChecksumThatCannotBeWrittenLeavesTheBackupAndNoStaleChecksum() throws {
        defer { removeFolder() }
        let store = try database()
        let file = path("backups/samla.sqlite")
        _ = try store.backup(to: file)
        let earlier = try text("backups/samla.sqlite.sha256")
        _ = try RestoreTests.nextResponseID(path("lost/samla.sqlite"))

        do {
            _ = try store.backup(to: file, replacing: true, pageLimit: nil, checksumTemporary: path("missing/.checksum.part"))
            Issue.record("the backup's checksum file was written")
        } catch let StoreError.backupChecksumUnwritable(refused, checksumFile, sha256, reason) {
            #expect(refused == file && checksumFile == file + ".sha256")
            #expect(sha256 == (try Self.sha256(file)) && !earlier.hasPrefix(sha256))
            #expect(reason.contains("No such file or directory"), "\(reason)")
        }
        #expect(try files("backups") == ["samla.sqlite"])
        #expect(try BackupTests.dump(file) == BackupTests.dump(path("lost/samla.sqlite")), "the backup is complete")

        // The message, as docs/diagnostics.md shows it under E813.
        let digest = "1f6465828676945cb9b98f62bfd37b7ec623727dc0abc83fe47fe6d38685945a"
        let refusal = StoreError.backupChecksumUnwritable(path: "/var/backups/samla/samla-2026-12-01.sqlite",
            checksumFile: "/var/backups/samla/samla-2026-12-01.sqlite.sha256", sha256: digest, reason: "the disk has no room left for it")
        #expect(refusal.diagnostics(database: "samla.sqlite").map(\.description) == ["/var/backups/samla/samla-2026-12-01.sqlite.sha256: error[E813]: "
            + "the backup /var/backups/samla/samla-2026-12-01.sqlite is complete and in place, but its checksum file cannot be written: the disk has no room "
            + "left for it; without it, samla restore checks the backup with SQLite's integrity check alone, which does not see a value changed within a row; "
            + "the backup's SHA-256 is \(digest): once the cause is fixed, write the file in the backup's folder (sha256sum samla-2026-12-01.sqlite > "
            + "samla-2026-12-01.sqlite.sha256), or back up again"])
    }

    @Test func aFolderWhereTheChecksumGoesIsRefusedBeforeAnythingIsCopied() throws {
        defer { removeFolder() }
        try FileManager.default.createDirectory(atPath: path("backups/samla.sqlite.sha256"), withIntermediateDirectories: true)
        #expect(throws: StoreError.backupUnwritable(path: path("backups/samla.sqlite"),
            reason: "\(path("backups/samla.sqlite.sha256")), where the backup's checksum goes, is a folder; move it aside, or give --to another name")) {
            try database().backup(to: path("backups/samla.sqlite"))
        }
        #expect(try files("backups") == ["samla.sqlite.sha256"])
    }

    @Test func aRestoreSaysTheChecksumMatchedOrThatThereWasNone() throws {
        defer { removeFolder() }
        let backup = try database().backup(to: path("backups/samla.sqlite"))
        let restored = try SQLiteStore.restore(from: path("backups/samla.sqlite"), to: path("new/samla.sqlite"))
        #expect(restored.sha256 == backup.sha256)
        #expect(restored.checksumFile == path("backups/samla.sqlite.sha256"))

        try FileManager.default.copyItem(atPath: path("backups/samla.sqlite"), toPath: path("backups/plain.sqlite"))
        let plain = try SQLiteStore.restore(from: path("backups/plain.sqlite"), to: path("new/plain.sqlite"))
        #expect(plain.sha256 == nil && plain.checksumFile == path("backups/plain.sqlite.sha256"))
        #expect(try BackupTests.dump(path("new/plain.sqlite")) == BackupTests.dump(path("new/samla.sqlite")))

        // sha256sum run from the folder above names the file with its folder: the same name.
        try FileManager.default.copyItem(atPath: path("backups/samla.sqlite"), toPath: path("backups/moved.sqlite"))
        try Data("\(backup.sha256)  backups/moved.sqlite\n".utf8).write(to: URL(fileURLWithPath: path("backups/moved.sqlite.sha256")))
        #expect(try SQLiteStore.restore(from: path("backups/moved.sqlite"), to: path("new/moved.sqlite")).sha256 == backup.sha256)
    }

    /// One letter changed in the definition's text passes SQLite's integrity check (as it did for
    /// the restore before the checksum), and the checksum refuses it: nothing is written.
    @Test func oneLetterChangedInARowIsRefusedAlthoughItPassesTheIntegrityCheck() throws {
        defer { removeFolder() }
        let file = path("backups/samla.sqlite")
        let backup = try database().backup(to: file)
        try Self.changeOneLetterOfTheDefinition(in: file)
        let changed = try Self.sha256(file)
        #expect(changed != backup.sha256)
        let reader = try SQLiteStore(readingOnly: file)
        #expect(try SQLiteStore.integrityProblems(reader.pool) == [], "SQLite's integrity check does not see the change")
        try reader.close()

        #expect(throws: StoreError.backupChecksumMismatch(path: file, checksumFile: file + ".sha256", expected: backup.sha256, actual: changed)) {
            try SQLiteStore.restore(from: file, to: path("new/samla.sqlite"))
        }
        #expect(try files("new") == [])

        try FileManager.default.removeItem(atPath: file + ".sha256")
        let unchecked = try SQLiteStore.restore(from: file, to: path("new/samla.sqlite"))
        #expect(unchecked.sha256 == nil, "without the checksum, the changed backup is restored")
    }

    @Test(arguments: [
        ("", nil, "it is empty"),
        ("not a checksum\n", "not a checksum", "it does not begin with the 64 hex digits of a SHA-256 (it begins with 0)"),
        ("\(String(repeating: "ab", count: 31))  samla.sqlite\n", "\(String(repeating: "ab", count: 31))  samla.sqlite",
         "it does not begin with the 64 hex digits of a SHA-256 (it begins with 62)"),
        ("\(String(repeating: "0", count: 64)) samla.sqlite\n", "\(String(repeating: "0", count: 64)) samla.sqlite",
         "the digest is not followed by two spaces and the name of the file, as sha256sum writes it"),
        ("\(String(repeating: "0", count: 64))  samla.sqlite\n\(String(repeating: "1", count: 64))  other.sqlite\n", "\(String(repeating: "0", count: 64))  samla.sqlite",
         "it has more than one line, and samla backup writes one, for the backup alone"),
        ("\(String(repeating: "0", count: 64))  other.sqlite\n", "\(String(repeating: "0", count: 64))  other.sqlite",
         "it is the checksum of other.sqlite, not of samla.sqlite: the checksum file of another backup, or of this one under an earlier name"),
    ] as [(String, String?, String)])
    func aChecksumFileNotInSha256sumsFormOrOfAnotherFileIsRefused(text: String, line: String?, reason: String) throws {
        defer { removeFolder() }
        let file = path("backups/samla.sqlite")
        _ = try database().backup(to: file)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file + ".sha256"))
        #expect(throws: StoreError.backupChecksumUnusable(path: file, checksumFile: file + ".sha256", line: line, reason: reason)) {
            try SQLiteStore.restore(from: file, to: path("new/samla.sqlite"))
        }
        #expect(try files("new") == [])
    }

    /// The forms `sha256sum` writes and reads: binary mode (` *`), capital hex digits, no final
    /// newline, and a name with a backslash, escaped.
    @Test func theLinesSha256sumWritesAreRead() throws {
        let digest = String(repeating: "0123456789abcdef", count: 4)
        #expect(try BackupChecksum(parsing: "\(digest)  samla.sqlite\n") == BackupChecksum(digest: digest, name: "samla.sqlite"))
        #expect(try BackupChecksum(parsing: "\(digest.uppercased()) *samla.sqlite") == BackupChecksum(digest: digest, name: "samla.sqlite"))
        #expect(try BackupChecksum(parsing: "\(digest)  two  spaces.sqlite\r\n").name == "two  spaces.sqlite")
        let odd = BackupChecksum(digest: digest, name: "back\\slash\nline.sqlite")
        #expect(odd.line == "\\\(digest)  back\\\\slash\\nline.sqlite\n")
        #expect(try BackupChecksum(parsing: odd.line) == odd)
        #expect(BackupChecksum(digest: digest, name: "samla.sqlite").line == "\(digest)  samla.sqlite\n")
    }
}
