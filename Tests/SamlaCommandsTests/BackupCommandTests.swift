import Crypto
import Diagnostics
import Foundation
import GRDB
import Store
import Testing

/// `samla backup`: a copy of the database in one file that every command reads as it reads the
/// database, made from a database this user cannot write too, and refusals that leave nothing behind.
/// Runs the built `samla` with the kit of `ReadOnlyDatabaseCommandTests` (as user nobody when the
/// tests run as root, for whom file modes mean nothing).
@Suite struct BackupCommandTests {
    typealias Workspace = ReadOnlyDatabaseCommandTests.Workspace

    static func size(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? -1
    }

    /// The SHA-256 of the file's bytes as hex, computed here apart from the code under test.
    static func sha256(_ path: String) throws -> String {
        SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))).map { String(format: "%02x", $0) }.joined()
    }

    /// `samla backup --force` replaces the checksum file with the new backup's, which `sha256sum -c`
    /// takes; a backup made without it has none to replace.
    @Test func forceReplacesTheChecksumFileWithTheNewBackups() throws {
        let workspace = try Workspace()
        let database = try workspace.demoDatabase()
        let backups = try workspace.outputFolder("backups")
        let backup = backups + "/samla.sqlite"
        #expect(try workspace.run(["backup", "--db", database, "--to", backup]).status == 0)
        let first = try String(contentsOfFile: backup + ".sha256", encoding: .utf8)
        let generated = try workspace.run(["generate", "surveys/msi-forum.yaml", "--rows", "5", "--out", workspace.path("forum.csv")])
        #expect(generated.status == 0, "\(generated.errors)")
        let imported = try workspace.run(["import", "--round", "forum-2025", "--again", "--db", database, workspace.path("forum.csv")])
        #expect(imported.status == 0, "\(imported.errors)")

        let replaced = try workspace.run(["backup", "--db", database, "--to", backup, "--force", "--format", "json"])
        #expect(replaced.status == 0, "\(replaced.errors)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(replaced.output.utf8)) as? [String: Any])
        let digest = try Self.sha256(backup)
        #expect(summary["sha256"] as? String == digest && summary["responses"] as? Int == 965)
        #expect(try String(contentsOfFile: backup + ".sha256", encoding: .utf8) == "\(digest)  samla.sqlite\n")
        #expect(!first.hasPrefix(digest), "the new backup's checksum, not the first one's")

        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["sha256sum", "-c", "samla.sqlite.sha256"]
        check.currentDirectoryURL = URL(fileURLWithPath: backups)
        let output = Pipe()
        check.standardOutput = output
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
        #expect(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "samla.sqlite: OK\n")
    }

    @Test func theBackupReadsAsTheDatabaseInEveryCommand() throws {
        let workspace = try Workspace()
        let database = try workspace.demoDatabase()
        let links = workspace.path("contacts-links.csv")
        let backup = try workspace.outputFolder("backups") + "/samla-2027-02-14.sqlite"

        let made = try workspace.run(["backup", "--db", database, "--to", backup])
        #expect(made.status == 0, "\(made.errors)")
        #expect(made.errors == "")
        let lines = made.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(made.output)")
        #expect(lines.first?.hasPrefix("backed up \(database) to \(backup): \(ByteCount.text(try Self.size(backup))), "
            + "4 rounds, 960 responses (898 complete, 62 partial), in ") == true, "\(made.output)")
        #expect(lines.first?.hasSuffix(" s") == true)
        let digest = try Self.sha256(backup)
        #expect(lines.last == "its SHA-256, \(digest), is in \(backup).sha256: samla restore checks the backup against it, "
            + "and so does sha256sum -c samla-2027-02-14.sqlite.sha256 in its folder")
        #expect(try String(contentsOfFile: backup + ".sha256", encoding: .utf8) == "\(digest)  samla-2027-02-14.sqlite\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("backups")).sorted()
            == ["samla-2027-02-14.sqlite", "samla-2027-02-14.sqlite.sha256"])

        // The copy, archived read-only, reads as the database: the same outputs, and no warning,
        // since it is one file in rollback-journal mode that needs no -wal or -shm.
        let original = try ReadOnlyDatabaseCommandTests.reads(database, into: try workspace.outputFolder("original"), run: workspace.run, links: links)
        let copy = try workspace.archive([backup], as: "archive")
        let restored = try ReadOnlyDatabaseCommandTests.reads(copy, into: try workspace.outputFolder("restored"), run: workspace.runUnprivileged, links: links)
        #expect(restored.outputs == original.outputs)
        #expect(restored.errors == original.errors)
    }

    /// Backups taken while `samla import` processes commit one after another, as a running server's
    /// writes would be: every import succeeds and is stored, and every backup holds whole imports.
    @Test func backupsWhileAnotherProcessWritesHoldWholeCommitsAndLoseNoWrite() throws {
        let workspace = try Workspace()
        let database = try workspace.demoDatabase()
        let generated = try workspace.run(["generate", "surveys/msi-forum.yaml", "--rows", "50", "--out", workspace.path("forum.csv")])
        #expect(generated.status == 0, "\(generated.errors)")
        let backups = try workspace.outputFolder("backups")

        let importer = Process()
        importer.executableURL = URL(fileURLWithPath: "/bin/sh")
        importer.arguments = ["-c", "for i in 1 2 3 4 5 6; do \"$0\" import --round forum-2025 --again --db \"$1\" \"$2\" >/dev/null || exit 1; done",
                              workspace.kit.appendingPathComponent("samla").path, database, workspace.path("forum.csv")]
        try importer.run()
        var copies: [Int] = []
        while importer.isRunning || copies.count < 3 {
            let made = try workspace.run(["backup", "--db", database, "--to", backups + "/copy-\(copies.count).sqlite", "--format", "json"])
            #expect(made.status == 0, "\(made.errors)")
            let summary = try JSONSerialization.jsonObject(with: Data(made.output.utf8)) as? [String: Any]
            copies.append(try #require(summary?["responses"] as? Int))
        }
        importer.waitUntilExit()

        #expect(importer.terminationStatus == 0, "every import succeeded")
        let listed = try workspace.run(["round", "list", "--db", database, "--format", "json"])
        #expect(listed.output.contains("\"started\" : \(260 + 6 * 50)"), "every import is stored: \(listed.output)")
        for responses in copies {
            #expect(responses >= 960 && responses <= 960 + 6 * 50 && (responses - 960) % 50 == 0, "whole imports only: \(responses)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups).sorted()
            == copies.indices.flatMap { ["copy-\($0).sqlite", "copy-\($0).sqlite.sha256"] }.sorted())
    }

    /// A backup of an archived copy that this user cannot write, made as that user: the archive is
    /// read as it is and stays as it was; a folder this user cannot write is refused, leaving nothing.
    @Test func aReadOnlyDatabaseIsBackedUpAndAnUnwritableFolderRefused() throws {
        let workspace = try Workspace()
        let database = try workspace.demoDatabase()
        let archive = try workspace.archive([database], as: "archive")
        let before = try ReadOnlyDatabaseCommandTests.state(archive)
        let backup = try workspace.outputFolder("backups") + "/samla.sqlite"

        let made = try workspace.runUnprivileged(["backup", "--db", archive, "--to", backup, "--format", "json"])
        #expect(made.status == 0, "\(made.errors)")
        #expect(made.errors.contains("warning[W444]"), "the archive is read as an unchanging file: \(made.errors)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(made.output.utf8)) as? [String: Any])
        #expect(summary["file"] as? String == backup)
        #expect(summary["database"] as? String == archive)
        #expect(summary["bytes"] as? Int == (try Self.size(backup)))
        #expect(summary["rounds"] as? Int == 4)
        #expect(summary["responses"] as? Int == 960)
        #expect(summary["complete_responses"] as? Int == 898)
        #expect(summary["partial_responses"] as? Int == 62)
        #expect(summary["seconds"] is Double)
        #expect(summary["checksum_file"] as? String == backup + ".sha256")
        #expect(summary["sha256"] as? String == (try Self.sha256(backup)))
        #expect(try ReadOnlyDatabaseCommandTests.state(archive) == before)
        let listed = try workspace.run(["round", "list", "--db", backup])
        #expect(listed.status == 0)
        #expect(listed.output == (try workspace.run(["round", "list", "--db", database])).output)

        let closed = workspace.path("closed")
        try FileManager.default.createDirectory(atPath: closed, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o555])
        let refused = try workspace.runUnprivileged(["backup", "--db", archive, "--to", closed + "/samla.sqlite"])
        #expect(refused.status == 1)
        #expect(refused.errors.hasSuffix("\(closed)/samla.sqlite: error[E492]: the backup cannot be written here: this user may not write in the folder \(closed) "
            + "(Permission denied); choose a folder you may write, or ask for write access to it; nothing was written\n"), "\(refused.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: closed).isEmpty, "no temporary file")
    }

    /// A folder of the system's own, where the system answers "No such file or directory" (`/proc`)
    /// or "Permission denied" (`/sys`, even to root), or a path through a file: the reason in plain
    /// words and what to do.
    @Test func anUnusualFolderIsRefusedInPlainWords() throws {
        let workspace = try Workspace()
        let database = workspace.path("samla.sqlite")
        _ = try SQLiteStore(path: database)
        let notes = workspace.path("notes.txt")
        try Data("notes".utf8).write(to: URL(fileURLWithPath: notes))
        var cases = [(notes + "/samla.sqlite", UnwritableWords.fileInTheWay(notes, option: "--to"))]
        if UnwritableWords.systemFoldersKnown {
            for (folder, kind) in [("/proc", "its processes (proc)"), ("/sys", "its devices and drivers (sysfs)")] {
                cases.append((folder + "/samla-backup.sqlite", UnwritableWords.systemFolder(folder, kind: kind, option: "--to")))
            }
        }
        for (backup, reason) in cases {
            let run = try workspace.run(["backup", "--db", database, "--to", backup])
            #expect(run.status == 1)
            #expect(run.errors == "\(backup): error[E492]: the backup cannot be written here: \(reason); nothing was written\n")
            #expect(!FileManager.default.fileExists(atPath: backup))
        }
    }

    @Test func refusalsNameTheFileAndLeaveNothingBehind() throws {
        let workspace = try Workspace()
        let database = try workspace.demoDatabase()
        let backups = try workspace.outputFolder("backups")
        let backup = backups + "/samla.sqlite"
        try Data("last week's backup".utf8).write(to: URL(fileURLWithPath: backup))

        let exists = try workspace.run(["backup", "--db", database, "--to", backup])
        #expect(exists.status == 1)
        #expect(exists.output == "")
        #expect(exists.errors == "\(backup): error[E490]: the file exists already, and a backup replaces a file only with --force; nothing was written; "
            + "choose a new file name (with the date, say) or add --force to replace it\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == Data("last week's backup".utf8))

        let itself = try workspace.run(["backup", "--db", database, "--to", database, "--force"])
        #expect(itself.status == 1)
        #expect(itself.errors == "\(database): error[E491]: this is the database itself (--db \(database)) or one of its files, which a backup must not replace; "
            + "nothing was written; give --to another file, on another disk if you can\n")

        let missing = try workspace.run(["backup", "--db", database, "--to", workspace.path("nowhere/samla.sqlite")])
        #expect(missing.status == 1)
        #expect(missing.errors == "\(workspace.path("nowhere/samla.sqlite")): error[E492]: the backup cannot be written here: the folder \(workspace.path("nowhere")) "
            + "does not exist; make it first, or give --to a file in a folder that exists; nothing was written\n")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("nowhere")))

        let noDatabase = try workspace.run(["backup", "--db", workspace.path("typo.sqlite"), "--to", backups + "/other.sqlite"])
        #expect(noDatabase.status == 1)
        #expect(noDatabase.errors.hasPrefix("\(workspace.path("typo.sqlite")): error[E460]: there is no database here"), "\(noDatabase.errors)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("typo.sqlite")))

        let usage = try workspace.run(["backup", "--db", database])
        #expect(usage.status == 2)

        #expect(try FileManager.default.contentsOfDirectory(atPath: backups) == ["samla.sqlite"])
        let replaced = try workspace.run(["backup", "--db", database, "--to", backup, "--force"])
        #expect(replaced.status == 0, "\(replaced.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups).sorted() == ["samla.sqlite", "samla.sqlite.sha256"])
        #expect(try Self.size(backup) == Self.size(database))
    }

    /// The backup an operator makes before upgrading Samla: of a database that an earlier Samla
    /// made (`Tests/StoreTests/Fixtures/samla-9274605-schema-v2.sql`), it is the database as that
    /// version left it, and it leaves the database so; from a read-only archive of it too. It used to
    /// bring the database up to date first, so that the backup could not be restored for the earlier
    /// version, and to refuse the archive (E460).
    @Test func aBackupBeforeAnUpgradeIsTheDatabaseAsTheEarlierSamlaLeftIt() throws {
        let workspace = try Workspace()
        let database = workspace.path("samla.sqlite")
        let dump = ExportCommandTests.root.appendingPathComponent("Tests/StoreTests/Fixtures/samla-9274605-schema-v2.sql")
        try DatabaseQueue(path: database).writeWithoutTransaction { db in try db.execute(sql: String(contentsOf: dump, encoding: .utf8)) }
        func migrations(_ path: String) throws -> Int {
            try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0 }
        }
        let backup = try workspace.outputFolder("backups") + "/before-upgrade.sqlite"
        let made = try workspace.run(["backup", "--db", database, "--to", backup])
        #expect(made.status == 0, "\(made.errors)")
        #expect(made.output.hasPrefix("backed up \(database) to \(backup): "))
        #expect(made.output.contains("3 rounds, 14 responses (12 complete, 2 partial), in "))
        #expect(made.output.contains(#"; the copy has the schema of the earlier Samla that made the database (its latest migration is "v2-collection: response tokens, idempotency keys, secrets"), as the database has it: not brought up to date"#), "\(made.output)")
        #expect(try migrations(database) == 3 && migrations(backup) == 3, "neither is brought up to date")

        let archive = try workspace.archive([database], as: "archive")
        let before = try ReadOnlyDatabaseCommandTests.state(archive)
        let fromArchive = try workspace.runUnprivileged(["backup", "--db", archive, "--to", workspace.path("backups/archive.sqlite"), "--format", "json"])
        #expect(fromArchive.status == 0, "\(fromArchive.errors)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(fromArchive.output.utf8)) as? [String: Any])
        #expect(summary["earlier_schema"] as? String == "v2-collection: response tokens, idempotency keys, secrets")
        #expect(try ReadOnlyDatabaseCommandTests.state(archive) == before)

        // The first command of this version that writes brings it up to date; a backup after says nothing of it.
        #expect(try workspace.run(["round", "list", "--db", database]).status == 0)
        #expect(try migrations(database) == SQLiteStore(path: workspace.path("current.sqlite")).appliedMigrations().count)
        let after = try workspace.run(["backup", "--db", database, "--to", workspace.path("backups/after-upgrade.sqlite")])
        #expect(after.status == 0 && !after.output.contains("earlier"), "\(after.output)")
    }
}
