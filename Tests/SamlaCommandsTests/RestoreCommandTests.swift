import Foundation
import GRDB
import Testing

/// `samla restore`: the built binary puts a backup in place as a new server's database, which reads
/// as the lost one did and says what it lacks; it refuses a database in the way and a cut-short backup.
@Suite struct RestoreCommandTests {
    typealias Workspace = ReadOnlyDatabaseCommandTests.Workspace

    @Test func aBackupIsRestoredOnANewServerAndSaysWhatItLacks() throws {
        let workspace = try Workspace()
        let database = try workspace.demoDatabase()
        let backup = try workspace.outputFolder("backups") + "/samla.sqlite"
        #expect(try workspace.run(["backup", "--db", database, "--to", backup]).status == 0)
        let restoredDatabase = try workspace.outputFolder("new") + "/samla.sqlite"

        let restored = try workspace.run(["restore", "--from", backup, "--db", restoredDatabase])
        #expect(restored.status == 0, "\(restored.errors)")
        let lines = restored.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("restored \(backup) to \(restoredDatabase): ") == true)
        #expect(lines.first?.hasSuffix("4 rounds, 960 responses (898 complete, 62 partial); its SHA-256 matched \(backup).sha256 "
            + "(\(try BackupCommandTests.sha256(backup))), the one samla backup wrote, and it passed SQLite's integrity check") == true, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("- responses: new ones are numbered from ") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("- partner systems: ask each to send again, unchanged and under the same Idempotency-Key") })
        let listed = try workspace.run(["round", "list", "--db", database])
        #expect(try workspace.run(["round", "list", "--db", restoredDatabase]).output == listed.output)

        let again = try workspace.run(["restore", "--from", backup, "--db", restoredDatabase])
        #expect(again.status == 1)
        #expect(again.errors.contains("error[E806]: there is a database here already"), "\(again.errors)")

        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        let cut = workspace.path("backups/cut.sqlite")
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: cut))
        let refused = try workspace.run(["restore", "--from", cut, "--db", try workspace.outputFolder("other") + "/samla.sqlite"])
        #expect(refused.status == 1)
        #expect(refused.errors.hasPrefix("\(cut): error[E807]: this backup cannot be restored: "), "\(refused.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("other")) == [])
    }

    /// Changes one letter inside the stored text of a round's definition in the file at `path`,
    /// where SQLite's integrity check does not look: found by its bytes, 32 of them at a time.
    static func changeOneLetterOfADefinition(in path: String) throws {
        let source = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "SELECT source FROM definitions ORDER BY hash") ?? "" }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let utf8 = Array(source.utf8)
        for start in stride(from: utf8.count / 2, to: utf8.count - 32, by: 16) {
            guard let found = bytes.firstRange(of: Data(utf8[start..<start + 32])),
                  let letter = bytes[found].firstIndex(where: { (0x61...0x7a).contains($0) }) else { continue }
            bytes[letter] = bytes[letter] == 0x78 ? 0x79 : 0x78
            try bytes.write(to: URL(fileURLWithPath: path))
            return
        }
        Issue.record("no 32 bytes of the definition's text found in \(path)")
    }

    /// A backup with one letter changed in a definition's text, which passes SQLite's integrity
    /// check (and was restored before the checksum), is refused, and so is a checksum file of
    /// another form; one without a checksum file is restored with SQLite's check alone, and says so.
    @Test func theChecksumFileRefusesAChangedBackupAndItsAbsenceIsNamed() throws {
        let workspace = try Workspace()
        let database = try workspace.demoDatabase()
        let backup = try workspace.outputFolder("backups") + "/samla.sqlite"
        #expect(try workspace.run(["backup", "--db", database, "--to", backup]).status == 0)
        let written = try BackupCommandTests.sha256(backup)
        let target = try workspace.outputFolder("new") + "/samla.sqlite"

        try Self.changeOneLetterOfADefinition(in: backup)
        let changed = try BackupCommandTests.sha256(backup)
        #expect(changed != written)
        let integrity = try DatabaseQueue(path: backup).read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"], "SQLite's integrity check does not see the change")
        let refused = try workspace.run(["restore", "--from", backup, "--db", target])
        #expect(refused.status == 1)
        #expect(refused.output == "")
        #expect(refused.errors == "\(backup): error[E807]: this backup cannot be restored: its SHA-256 is \(changed), but its checksum file \(backup).sha256 "
            + "gives \(written), the one samla backup wrote: the file was changed or damaged since; nothing was restored; copy it again from where it was made, "
            + "or restore an earlier backup\n", "\(refused.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("new")) == [])

        try Data("\(written)  samla-2027-02-14.sqlite\n".utf8).write(to: URL(fileURLWithPath: backup + ".sha256"))
        let another = try workspace.run(["restore", "--from", backup, "--db", target])
        #expect(another.status == 1)
        #expect(another.errors == "\(backup).sha256: error[E814]: the checksum file of the backup \(backup) cannot be used: it is the checksum of "
            + "samla-2027-02-14.sqlite, not of samla.sqlite: the checksum file of another backup, or of this one under an earlier name "
            + "(its line: \"\(written)  samla-2027-02-14.sqlite\"); nothing was restored; samla backup writes one line, the backup's SHA-256, two spaces "
            + "and its name: take the backup and its checksum file again from where they were made, or move the checksum file aside to restore "
            + "with SQLite's integrity check alone\n", "\(another.errors)")
        try Data("\(written) samla.sqlite\n".utf8).write(to: URL(fileURLWithPath: backup + ".sha256"))
        let malformed = try workspace.run(["restore", "--from", backup, "--db", target])
        #expect(malformed.status == 1)
        #expect(malformed.errors.hasPrefix("\(backup).sha256: error[E814]: the checksum file of the backup \(backup) cannot be used: the digest is not "
            + "followed by two spaces and the name of the file, as sha256sum writes it (its line: \"\(written) samla.sqlite\"); nothing was restored"),
            "\(malformed.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("new")) == [])

        try FileManager.default.removeItem(atPath: backup + ".sha256")
        let unchecked = try workspace.run(["restore", "--from", backup, "--db", target, "--format", "json"])
        #expect(unchecked.status == 0, "\(unchecked.errors)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(unchecked.output.utf8)) as? [String: Any])
        #expect(summary["checks"] as? [String] == ["integrity_check"])
        #expect(summary["sha256"] == nil && summary["checksum_file"] == nil)
        let text = try workspace.run(["restore", "--from", backup, "--db", try workspace.outputFolder("text") + "/samla.sqlite"])
        #expect(text.output.split(separator: "\n").first?.hasSuffix("partial); it passed SQLite's integrity check, the only check made: there is no "
            + "checksum file \(backup).sha256 beside it (a backup of sqlite3 .backup or of an earlier Samla), so a value changed within a row since "
            + "it was made would not be found") == true, "\(text.output)")
    }

    @Test func aMatchedChecksumIsInTheJSON() throws {
        let workspace = try Workspace()
        let database = try workspace.demoDatabase()
        let backup = try workspace.outputFolder("backups") + "/samla.sqlite"
        #expect(try workspace.run(["backup", "--db", database, "--to", backup]).status == 0)
        let restored = try workspace.run(["restore", "--from", backup, "--db", try workspace.outputFolder("new") + "/samla.sqlite", "--format", "json"])
        #expect(restored.status == 0, "\(restored.errors)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(restored.output.utf8)) as? [String: Any])
        #expect(summary["checks"] as? [String] == ["sha256", "integrity_check"])
        #expect(summary["checksum_file"] as? String == backup + ".sha256")
        #expect(summary["sha256"] as? String == (try BackupCommandTests.sha256(backup)))
    }
}
