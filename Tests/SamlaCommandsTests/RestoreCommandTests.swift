import Foundation
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
        #expect(lines.first?.hasSuffix("4 rounds, 960 responses (898 complete, 62 partial); it passed SQLite's integrity check") == true, "\(lines)")
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
}
