import Foundation
import Testing

/// A database the service user cannot write because a command run as root made it (`samla round
/// open` before the service user existed), or in a folder that user cannot write, is refused with
/// the file or folder, its owner and the `chown` that gives it back. The refusal said only that
/// "the file, or its folder" was read-only for this user.
@Suite(.enabled(if: geteuid() == 0, "only root can make a file another user cannot write"))
struct DatabaseOwnershipCommandTests {
    @Test func aDatabaseMadeByRootIsRefusedWithTheChownThatGivesItBack() throws {
        let workspace = try ReadOnlyDatabaseCommandTests.Workspace()
        let folder = try workspace.outputFolder("live")
        let database = folder + "/samla.sqlite"
        let opened = try workspace.run(["round", "open", StoreCLI.fixture("forum-v1.yaml"), "--name", "forum-2026", "--opens", "2026-01-01", "--closes", "2026-12-31", "--db", database])
        #expect(opened.status == 0, "\(opened.errors)")

        let refused = try workspace.runUnprivileged(["round", "close", "forum-2026", "--db", database])
        #expect(refused.status == 1)
        #expect(refused.errors == "\(database): error[E434]: the database cannot be written: \(database) belongs to root, and this user, nobody, may not write it "
            + "(a command run as root made it so, such as `samla round open` or the `cp` of a restored backup); give it to the user the server and the commands run as: "
            + "chown nobody: \(database)*; nothing was written\n")

        // Given to nobody, in a folder nobody cannot write, where SQLite makes the -wal and -shm files.
        chown(database, 65534, 65534)
        for file in [database + "-wal", database + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
        chmod(folder, 0o755)
        let inFolder = try workspace.runUnprivileged(["round", "close", "forum-2026", "--db", database])
        #expect(inFolder.status == 1)
        #expect(inFolder.errors == "\(database): error[E434]: the database cannot be written: the folder \(folder) belongs to root, and this user, nobody, "
            + "may not write in it, where SQLite makes samla.sqlite-wal and -shm beside the database; give it to the user the server and the commands run as: "
            + "chown nobody: \(folder); nothing was written\n")

        chown(folder, 65534, 65534)
        let closed = try workspace.runUnprivileged(["round", "close", "forum-2026", "--db", database])
        #expect(closed.status == 0, "\(closed.errors)")
    }
}
