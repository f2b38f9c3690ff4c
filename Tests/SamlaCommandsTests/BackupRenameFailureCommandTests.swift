import Crypto
import Foundation
import Testing

#if os(Linux)
/// `samla backup` when one of its last two renames fails, as a disk error would have it: the
/// backup's, or its checksum file's. Neither a read-only folder (root writes in it) nor a folder in
/// the way (refused before anything is copied, E492) stops only one of them, so the built `samla`
/// runs with a small library in `LD_PRELOAD` that makes `rename(2)` onto a path ending in
/// `$FAIL_RENAME_ONTO` fail with EIO, and changes nothing else.
@Suite struct BackupRenameFailureCommandTests {
    typealias Workspace = ReadOnlyDatabaseCommandTests.Workspace

    static let library = """
        #define _GNU_SOURCE
        #include <dlfcn.h>
        #include <errno.h>
        #include <stdlib.h>
        #include <string.h>

        int rename(const char *from, const char *to) {
            static int (*next)(const char *, const char *);
            if (!next) next = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
            const char *suffix = getenv("FAIL_RENAME_ONTO");
            size_t length = strlen(to), suffixLength = suffix ? strlen(suffix) : 0;
            if (suffixLength > 0 && length >= suffixLength && strcmp(to + length - suffixLength, suffix) == 0) {
                errno = EIO;
                return -1;
            }
            return next(from, to);
        }
        """

    /// The library, compiled with the Swift toolchain's clang (no other C compiler is needed) into the workspace.
    static func failingRename(in workspace: Workspace) throws -> String {
        let source = workspace.path("failing-rename.c")
        let library = workspace.path("failing-rename.so")
        try Self.library.write(toFile: source, atomically: true, encoding: .utf8)
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compiler.arguments = ["clang", "-shared", "-fPIC", "-o", library, source, "-ldl"]
        let errors = Pipe()
        compiler.standardError = errors
        try compiler.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        compiler.waitUntilExit()
        try #require(compiler.terminationStatus == 0, "clang could not build the library: \(String(decoding: said, as: UTF8.self))")
        return library
    }

    /// The demo's database, and a folder for its backups.
    static func database(_ workspace: Workspace) throws -> (database: String, backups: String) {
        let demo = try SamlaBinary.run(["demo", "--folder", workspace.path("demo")], in: ReadOnlyDatabaseCommandTests.root)
        try #require(demo.status == 0, "\(demo.errors)")
        return (workspace.path("demo/samla.sqlite"), try workspace.outputFolder("backups"))
    }

    static func names(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    static func sha256sumCheck(_ checksumFile: String, in folder: String) throws -> (status: Int32, output: String) {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["sha256sum", "-c", checksumFile]
        check.currentDirectoryURL = URL(fileURLWithPath: folder)
        let output = Pipe()
        check.standardOutput = output
        try check.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        check.waitUntilExit()
        return (check.terminationStatus, String(decoding: text, as: UTF8.self))
    }

    /// E813 from the command line: the checksum file's rename fails. The command exits 1 with the
    /// message that gives the backup's SHA-256 and the command that writes the file by hand; the
    /// backup is in place and complete, alone (no checksum file, no temporary file); the command
    /// given writes the checksum file, which `samla restore` then checks.
    @Test func aChecksumFileThatCannotBeRenamedLeavesTheCompleteBackupAndSaysSo() throws {
        let workspace = try Workspace()
        let library = try Self.failingRename(in: workspace)
        let (database, backups) = try Self.database(workspace)
        let backup = backups + "/samla-2027-02-14.sqlite"

        let run = try SamlaBinary.run(["backup", "--db", database, "--to", backup],
                                      environment: ["LD_PRELOAD": library, "FAIL_RENAME_ONTO": ".sqlite.sha256"])
        #expect(run.status == 1)
        let digest = try BackupCommandTests.sha256(backup)
        #expect(run.errors == "\(backup).sha256: error[E813]: the backup \(backup) is complete and in place, but its checksum file cannot be written: "
            + "the system refused to make the file in \(backups) (Input/output error); give --to a file in another folder; without it, samla restore "
            + "checks the backup with SQLite's integrity check alone, which does not see a value changed within a row; the backup's SHA-256 is \(digest): "
            + "once the cause is fixed, write the file in the backup's folder (sha256sum samla-2027-02-14.sqlite > samla-2027-02-14.sqlite.sha256), "
            + "or back up again\n", "\(run.errors)")
        #expect(try Self.names(backups) == ["samla-2027-02-14.sqlite"], "the backup alone: no checksum file, no temporary file")
        let listed = try SamlaBinary.run(["round", "list", "--db", backup])
        let original = try SamlaBinary.run(["round", "list", "--db", database])
        #expect(listed.status == 0 && listed.output == original.output, "the backup is complete")

        // The command the message gives, run in the backup's folder, writes the checksum file.
        let byHand = Process()
        byHand.executableURL = URL(fileURLWithPath: "/bin/sh")
        byHand.arguments = ["-c", "sha256sum samla-2027-02-14.sqlite > samla-2027-02-14.sqlite.sha256"]
        byHand.currentDirectoryURL = URL(fileURLWithPath: backups)
        try byHand.run()
        byHand.waitUntilExit()
        #expect(byHand.terminationStatus == 0)
        let restoredDatabase = try workspace.outputFolder("new") + "/samla.sqlite"
        let restored = try SamlaBinary.run(["restore", "--from", backup, "--db", restoredDatabase])
        #expect(restored.status == 0, "\(restored.errors)")
        #expect(restored.output.contains("its SHA-256 matched \(backup).sha256 (\(digest))"), "\(restored.output)")
    }

    /// The backup's own rename fails, over an earlier backup with its checksum file (`--force`):
    /// the earlier checksum file, set aside for the rename, is put back, so the pair is the earlier
    /// one, which `sha256sum -c` takes, and nothing else is left in the folder. (The earlier
    /// checksum file was removed before the rename, which left the earlier backup without it.)
    @Test func aBackupThatCannotBeRenamedLeavesTheEarlierBackupWithItsChecksumFile() throws {
        let workspace = try Workspace()
        let library = try Self.failingRename(in: workspace)
        let (database, backups) = try Self.database(workspace)
        let backup = backups + "/samla.sqlite"
        let first = try SamlaBinary.run(["backup", "--db", database, "--to", backup])
        try #require(first.status == 0, "\(first.errors)")
        let earlier = try Data(contentsOf: URL(fileURLWithPath: backup))
        let earlierChecksum = try String(contentsOfFile: backup + ".sha256", encoding: .utf8)
        let round = try SamlaBinary.run(["round", "open", StoreCLI.fixture("forum-v1.yaml"), "--name", "forum-later",
                                         "--opens", "2025-01-01", "--closes", "2099-12-31", "--db", database])
        try #require(round.status == 0, "\(round.errors)")

        let run = try SamlaBinary.run(["backup", "--db", database, "--to", backup, "--force"],
                                      environment: ["LD_PRELOAD": library, "FAIL_RENAME_ONTO": "/samla.sqlite"])
        #expect(run.status == 1)
        #expect(run.errors == "\(backup): error[E492]: the backup cannot be written here: the system refused to make the file in \(backups) "
            + "(Input/output error); give --to a file in another folder; nothing was written\n", "\(run.errors)")
        #expect(try Self.names(backups) == ["samla.sqlite", "samla.sqlite.sha256"], "no temporary file, no checksum file set aside")
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == earlier, "the earlier backup")
        #expect(try String(contentsOfFile: backup + ".sha256", encoding: .utf8) == earlierChecksum, "with its own checksum file")
        let check = try Self.sha256sumCheck("samla.sqlite.sha256", in: backups)
        #expect(check.status == 0 && check.output == "samla.sqlite: OK\n")

        // Without the failure, the new pair replaces it.
        let replaced = try SamlaBinary.run(["backup", "--db", database, "--to", backup, "--force"])
        #expect(replaced.status == 0, "\(replaced.errors)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) != earlier)
        #expect(try Self.sha256sumCheck("samla.sqlite.sha256", in: backups).status == 0)
    }
}
#endif
