import Foundation
import Testing

/// A command whose standard output is a file on a full disk (`samla compute --format csv > FILE`):
/// `/dev/full` answers every write with ENOSPC, as a full disk does. Foundation's
/// `FileHandle.write(_:)` stopped the process then with "Fatal error" and a stack trace (status 132);
/// the command says E801 and exits with 1, so that the truncated output is not taken for a whole one.
@Suite struct StandardOutputTests {
    private func fullDisk() throws -> FileHandle {
        try #require(FileHandle(forWritingAtPath: "/dev/full"))
    }

    @Test func computeToAFullDiskSaysSoAndExitsWithOne() throws {
        let cli = try ComputeCommandTests.forumRound(contacts: 3)
        let framework = cli.folder.appendingPathComponent("forum-toc.yaml")
        try ComputeCommandTests.framework(indicator: """
                kind: mean
                value: "${new_contacts}"
            """).write(to: framework, atomically: true, encoding: .utf8)
        let handle = try fullDisk()
        defer { try? handle.close() }
        let run = try SamlaBinary.run(["compute", "--framework", framework.path, "--format", "csv"], in: cli.folder, standardOutput: handle)
        #expect(run.status == 1)
        #expect(!run.errors.contains("Fatal error"))
        #expect(run.errors.contains("standard output: error[E801]: the command's output could not be written (the disk it goes to is full), "
            + "so what it printed there is incomplete: do not use it; free space on that disk and run the command again, or send its output to a file on another disk"))
    }

    @Test func validateToAFullDiskSaysSoOnceAndExitsWithOne() throws {
        let handle = try fullDisk()
        defer { try? handle.close() }
        let run = try SamlaBinary.run(["validate", SamlaBinary.fixture("valid/complete.yaml")], standardOutput: handle)
        #expect(run.status == 1)
        #expect(run.errors.components(separatedBy: "E801").count == 2, "\(run.errors)")
    }
}
