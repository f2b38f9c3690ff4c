import Foundation
import GRDB
import Store
import Testing

/// Commands against a database that is missing or cannot take their write, run as the built binary:
/// one clear line naming the file and what to do, exit status 1, and nothing made or written.
@Suite struct DatabaseFailureCommandTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-db-failure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Import, invite and round close need a round, and round list only reads, so a --db path that
    /// names no database (a typing error) is refused as such, and leaves no empty database or folder behind.
    @Test func commandsThatNeedARoundRefuseADatabaseThatIsNotThere() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = path("in.csv")
        try "a,b\n1,2\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let db = path("typo/samla.sqlite")
        for arguments in [["import", "--round", "r", csv], ["invite", "--round", "r", "--base-url", "https://enkat.example.se", csv], ["round", "close", "r"], ["round", "list"]] {
            let run = try SamlaBinary.run(arguments + ["--db", db])
            #expect(run.status == 1, "\(arguments)")
            #expect(run.errors.hasPrefix("\(db): error[E460]: there is no database here; give --db the path of the Samla database, which `samla round open` creates"),
                    "\(arguments): \(run.errors)")
            #expect(!FileManager.default.fileExists(atPath: path("typo")), "\(arguments) made the folder")
        }
    }

    /// A --db path ending in / names a folder. SQLite dropped the slash: `round open --db data/` made
    /// a database file named `data`, which `--db data/` then did not find.
    @Test func aPathEndingInASlashIsRefusedAsAFolder() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = path("data") + "/"
        let example = path("data/samla.sqlite")
        let opened = try SamlaBinary.run(["round", "open", ImportCommandTests.esem, "--name", "esem-se-2025", "--opens", "2025-01-01", "--closes", "2025-12-31", "--db", db])
        #expect(opened.status == 1)
        #expect(opened.errors == "\(db): error[E460]: the path ends in /, so it names a folder; --db names the database file, e.g. \(example)\n")
        #expect(!FileManager.default.fileExists(atPath: path("data")), "nothing was made")
        let listed = try SamlaBinary.run(["round", "list", "--db", db])
        #expect(listed.status == 1)
        #expect(listed.errors.hasPrefix("\(db): error[E460]: the path ends in /"), "\(listed.errors)")
    }

    /// A device or a pipe is no database file: SQLite answered `--db /dev/null` with "disk I/O error".
    @Test func aDeviceIsRefusedAsNoFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        for arguments in [["round", "open", ImportCommandTests.esem, "--name", "esem-se-2025", "--opens", "2025-01-01", "--closes", "2025-12-31"], ["round", "list"]] {
            let run = try SamlaBinary.run(arguments + ["--db", "/dev/null"])
            #expect(run.status == 1)
            #expect(run.errors == "/dev/null: error[E460]: this is a device or a pipe, not a file; --db names the database file, e.g. .samla/samla.sqlite\n", "\(arguments)")
        }
    }

    /// A database whose tables another program changed: the command says what SQLite found, and
    /// never shows the statement (it printed GRDB's `… - while executing `SELECT r.id, …``).
    @Test func aChangedTableIsReportedWithoutSQL() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = path("samla.sqlite")
        let opened = try SamlaBinary.run(["round", "open", ImportCommandTests.esem, "--name", "esem-se-2025", "--opens", "2025-01-01", "--closes", "2025-12-31", "--db", db])
        #expect(opened.status == 0, "\(opened.errors)")
        try DatabaseQueue(path: db).write { db in try db.execute(sql: "ALTER TABLE answers_esem_se RENAME TO kept_aside") }
        let exported = try SamlaBinary.run(["export", "--round", "esem-se-2025", "--out", path("out"), "--db", db])
        #expect(exported.status == 1)
        #expect(exported.errors == "\(db): error[E460]: the database failed: SQLite error 1: no such table: answers_esem_se\n")
    }

    /// While another process holds the write lock (a long import, say) for longer than Samla waits,
    /// an import is refused as E432, says the file is not to blame, and writes nothing.
    @Test func anImportWhileAnotherProcessHoldsTheWriteLockIsRefusedAsBusy() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = path("samla.sqlite")
        let survey = ImportCommandTests.esem
        let opened = try SamlaBinary.run(["round", "open", survey, "--name", "esem-se-2025", "--opens", "2025-01-01", "--closes", "2099-12-31", "--anonymous", "--db", db])
        #expect(opened.status == 0, "\(opened.errors)")
        let generated = try SamlaBinary.run(["generate", survey, "--rows", "3", "--out", path("rows.csv")])
        #expect(generated.status == 0, "\(generated.errors)")

        struct Release: Error {}
        let store = try SQLiteStore(path: db)
        var run: SamlaBinary.Run?
        // The store's bulk insert holds the write lock while its body runs: the other process.
        _ = try? store.insertCompleteResponses(round: "esem-se-2025", document: try store.pinnedDefinition(round: "esem-se-2025"), source: .import) { _ in
            run = try SamlaBinary.run(["import", "--round", "esem-se-2025", "--db", db, path("rows.csv")])
            throw Release()
        }
        let refused = try #require(run)
        #expect(refused.status == 1)
        #expect(refused.errors.hasPrefix("\(db): error[E432]: another process (an import, `samla round open`, or another server on this file) held the database's write lock for longer than Samla waits; nothing was written; try again when it has finished\n"),
                "\(refused.errors)")
        #expect(!refused.errors.contains("SQLite"))
        #expect(refused.output.contains("no row of the file was refused: the database did not take them (see above); import the file again once it does"), "\(refused.output)")
        #expect(try store.roundSummaries().first?.complete == 0)

        let again = try SamlaBinary.run(["import", "--round", "esem-se-2025", "--db", db, path("rows.csv")])
        #expect(again.status == 0, "\(again.errors)")
    }
}
