import Foundation
import GRDB
import Store
import Testing

/// The commands that only read (`round list`, `compute`, `export`, `report`, `remind`) on an archived
/// copy that the user running them cannot write: a read-only file in a read-only folder. They print
/// and write the same as from the writable original, and leave the copy's bytes, modification time
/// and folder as they were.
///
/// Tests may run as root (CI does), whom file modes do not stop. `samla` then runs as user nobody
/// (`setpriv`), for whom the copy is truly read-only; as any other user it runs as that user.
/// Nobody may not reach the checkout (a clone under `/root`), so the read commands run a link to
/// (or copy of) the built `samla` and copies of the shipped definitions in the test's own folder.
@Suite struct ReadOnlyDatabaseCommandTests {
    static let root = ReportCommandTests.root

    final class Workspace {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-read-only-cli-\(UUID().uuidString)")
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        /// The folder the read commands run in: `samla` and the shipped `surveys`, `frameworks` and `reports`.
        var kit: URL { folder.appendingPathComponent("kit") }

        init() throws {
            try FileManager.default.createDirectory(at: kit, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            let binary = kit.appendingPathComponent("samla")
            do { try FileManager.default.linkItem(at: SamlaBinary.url, to: binary) } catch { try FileManager.default.copyItem(at: SamlaBinary.url, to: binary) }
            for definitions in ["surveys", "frameworks", "reports"] {
                try FileManager.default.copyItem(at: ReadOnlyDatabaseCommandTests.root.appendingPathComponent(definitions), to: kit.appendingPathComponent(definitions))
            }
        }

        /// Runs the kit's `samla` in the kit as the user running the tests.
        func run(_ arguments: [String]) throws -> SamlaBinary.Run {
            try SamlaBinary.run(arguments, in: kit, binary: kit.appendingPathComponent("samla"))
        }

        /// Runs the kit's `samla` in the kit as a user that cannot write what the test made read-only.
        func runUnprivileged(_ arguments: [String]) throws -> SamlaBinary.Run {
            try SamlaBinary.run(arguments, in: kit, binary: kit.appendingPathComponent("samla"),
                                through: geteuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [])
        }

        deinit {
            if let items = FileManager.default.enumerator(atPath: folder.path) {
                for case let item as String in items { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path(item)) }
            }
            try? FileManager.default.removeItem(at: folder)
        }

        /// A folder that every user may write, for the outputs of a command run as nobody.
        func outputFolder(_ name: String) throws -> String {
            try FileManager.default.createDirectory(atPath: path(name), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: path(name))
            return path(name)
        }

        /// The demo's database with one more round, invitation-only and collecting today, and its
        /// links file (`contacts-links.csv`), for `samla remind`.
        func demoDatabase() throws -> String {
            let demo = try SamlaBinary.run(["demo", "--folder", path("demo")], in: ReadOnlyDatabaseCommandTests.root)
            #expect(demo.status == 0, "\(demo.errors)")
            let database = path("demo/samla.sqlite")
            let opened = try SamlaBinary.run(["round", "open", StoreCLI.fixture("forum-v1.yaml"), "--name", "forum-now", "--opens", day(-1), "--closes", day(30), "--db", database])
            #expect(opened.status == 0, "\(opened.errors)")
            try "name,email\nAnna Svensson,anna@example.se\nBo Ek,bo@example.org\n".write(toFile: path("contacts.csv"), atomically: true, encoding: .utf8)
            let invited = try SamlaBinary.run(["invite", "--round", "forum-now", path("contacts.csv"), "--base-url", "https://enkat.example.se", "--db", database])
            #expect(invited.status == 0, "\(invited.errors)")
            // samla invite makes it readable to its owner alone; nobody reads it here.
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path("contacts-links.csv"))
            return database
        }

        /// Copies `files` (a database, and its `-wal` file when given) into a new folder `name`, then
        /// makes the copies and the folder read-only.
        func archive(_ files: [String], as name: String) throws -> String {
            try FileManager.default.createDirectory(atPath: path(name), withIntermediateDirectories: true)
            let copies = files.map { file in (file, path("\(name)/samla.sqlite" + (file.hasSuffix("-wal") ? "-wal" : ""))) }
            for (file, copy) in copies {
                try FileManager.default.copyItem(atPath: file, toPath: copy)
                try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: copy)
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: path(name))
            return path("\(name)/samla.sqlite")
        }
    }

    /// What the read commands print and write from `database`, each output by name (the export's
    /// time of writing left out), and what they print to standard error.
    static func reads(_ database: String, into out: String, run: ([String]) throws -> SamlaBinary.Run, links: String) throws -> (outputs: [String: String], errors: [String]) {
        var outputs: [String: String] = [:]
        var errors: [String] = []
        func command(_ name: String, _ arguments: [String]) throws {
            let result = try run(arguments + ["--db", database])
            #expect(result.status == 0, "\(name): \(result.errors)")
            outputs[name] = result.output.replacingOccurrences(of: out, with: "OUT")
            errors.append(result.errors)
        }
        try command("round list", ["round", "list"])
        try command("compute", ["compute", "--framework", "frameworks/msi-toc.yaml", "--format", "csv"])
        try command("export", ["export", "--round", "esem-se-2025", "--out", out + "/export"])
        try command("report", ["report", "reports/esem-se-topline.yaml", "--out", out + "/report.html"])
        try command("remind", ["remind", "--round", "forum-now", links, "--out", out + "/reminders.csv"])

        let provenance = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/export/provenance.json"))) as? [String: Any]
        let exportedAt = try #require(provenance?["exportedAt"] as? String)
        for file in try FileManager.default.subpathsOfDirectory(atPath: out).sorted() where !file.hasSuffix("export") {
            outputs[file] = try String(contentsOfFile: out + "/" + file, encoding: .utf8).replacingOccurrences(of: exportedAt, with: "TIME")
        }
        return (outputs, errors)
    }

    struct FileState: Equatable {
        var bytes: Data
        var modified: Date
        var folder: [String]
    }

    static func state(_ database: String) throws -> FileState {
        FileState(
            bytes: try Data(contentsOf: URL(fileURLWithPath: database)),
            modified: try #require(try FileManager.default.attributesOfItem(atPath: database)[.modificationDate] as? Date),
            folder: try FileManager.default.contentsOfDirectory(atPath: (database as NSString).deletingLastPathComponent).sorted())
    }

    @Test func readCommandsWorkOnACopyTheyCannotWriteAndChangeNothing() throws {
        let workspace = try Workspace()
        let database = try workspace.demoDatabase()
        let links = workspace.path("contacts-links.csv")
        let original = try Self.reads(database, into: try workspace.outputFolder("original"), run: workspace.run, links: links)
        #expect(original.errors.filter { !$0.isEmpty }.count == 1 && original.errors[1].hasPrefix("anm.: "), "only compute's notes: \(original.errors)")
        #expect(original.outputs.keys.sorted().contains("export/provenance.json"))
        #expect(original.outputs["reminders.csv"]?.contains("not started") == true)

        let copy = try workspace.archive([database], as: "archive")
        let before = try Self.state(copy)
        #expect(before.folder == ["samla.sqlite"])
        let archived = try Self.reads(copy, into: try workspace.outputFolder("archived"), run: workspace.runUnprivileged, links: links)
        #expect(archived.outputs == original.outputs)
        let warning = "\(copy): warning[W444]: the database's folder cannot be written (SQLite keeps samla.sqlite-wal and -shm there), so it is read as an "
            + "unchanging file, without locks: if another program changes it meanwhile, what is read may be wrong; nothing is written\n"
        #expect(archived.errors == original.errors.map { warning + $0 }, "the warning once from each command, before what it says from the original")
        #expect(try Self.state(copy) == before, "the copy's bytes, modification time and folder are as they were")

        // A partner export reads the round's pseudonym key, which the demo's partner export made; a
        // round without one would need a write to make it, and is refused.
        let partner = ["export", "--round", "esem-se-2025", "--profile", "euclid"]
        let originalPartner = try workspace.run(partner + ["--out", workspace.path("original/partner"), "--db", database])
        let archivedPartner = try workspace.runUnprivileged(partner + ["--out", workspace.path("archived/partner"), "--db", copy])
        #expect(archivedPartner.status == 0, "\(archivedPartner.errors)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.path("archived/partner/responses.csv")))
            == Data(contentsOf: URL(fileURLWithPath: workspace.path("original/partner/responses.csv"))), "the same pseudonyms")
        #expect(originalPartner.status == 0)
        let keyless = try workspace.runUnprivileged(["export", "--round", "esem-se-2027", "--profile", "euclid", "--out", workspace.path("archived/keyless"), "--db", copy])
        #expect(keyless.status == 1)
        #expect(keyless.errors.hasSuffix("\(copy): error[E434]: round esem-se-2027 has no pseudonym key yet: the round's first partner export makes it and keeps it "
            + "in the database, so that its pseudonyms stay the same in every export, and this user cannot write the database; nothing was exported; "
            + "make the partner export once where the database can be written (and hand out a new copy), or export without --profile\n"), "\(keyless.errors)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("archived/keyless")))
        #expect(try Self.state(copy) == before)

        // A command that writes is refused, and writes nothing either.
        let close = try workspace.runUnprivileged(["round", "close", "forum-now", "--db", copy])
        #expect(close.status == 1)
        #expect(close.errors.contains("error[E434]"), "\(close.errors)")
        #expect(try Self.state(copy) == before)

        // samla erase says what it would erase and lists its log from the copy, and erases nothing in it.
        let preview = try workspace.runUnprivileged(["erase", "--response", "1", "--withdraw", "--db", copy])
        #expect(preview.status == 0, "\(preview.errors)")
        #expect(preview.output.hasPrefix("would withdraw response 1 (round "), "\(preview.output)")
        #expect(try workspace.runUnprivileged(["erase", "--log", "--db", copy]).output == "no erasures in \(copy)\n")
        let erase = try workspace.runUnprivileged(["erase", "--response", "1", "--withdraw", "--yes", "--db", copy])
        #expect(erase.status == 1)
        #expect(erase.errors.contains("error[E434]"), "\(erase.errors)")
        #expect(try Self.state(copy) == before)

        // samla access shows a respondent's data from the copy, and writes nothing in it.
        let access = try workspace.runUnprivileged(["access", "--response", "1", "--db", copy])
        #expect(access.status == 0, "\(access.errors)")
        #expect(access.output.contains("\nResponse 1 of round "), "\(access.output)")
        #expect(try Self.state(copy) == before)

        // samla round dispositions previews from the copy, and records nothing in it.
        let dispositions = workspace.path("dispositions.csv")
        try "email,disposition\nbo@example.org,refused\n".write(toFile: dispositions, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dispositions)
        let plan = try workspace.runUnprivileged(["round", "dispositions", "--round", "forum-now", dispositions, "--db", copy])
        #expect(plan.status == 0, "\(plan.errors)")
        #expect(plan.output.hasSuffix("1 invitation of round forum-now (by email): would record 1 refused\nnothing was recorded; add --yes to record it\n"), "\(plan.output)")
        let record = try workspace.runUnprivileged(["round", "dispositions", "--round", "forum-now", dispositions, "--yes", "--db", copy])
        #expect(record.status == 1)
        #expect(record.errors.contains("error[E434]"), "\(record.errors)")
        #expect(try Self.state(copy) == before)
    }

    /// A copy of the database taken with its `-wal` file, which holds a commit the database file
    /// does not: read with it where SQLite can make the `-shm` file, refused where it cannot.
    @Test func aCopyWithCommitsInItsWALIsReadWithThemOrRefused() throws {
        let workspace = try Workspace()
        let database = try workspace.demoDatabase()
        let links = workspace.path("contacts-links.csv")
        let store = try SQLiteStore(path: database)
        _ = try store.closeRound(named: "esem-se-2027")
        let walCopy = try workspace.archive([database, database + "-wal"], as: "with-wal")
        let writableFolder = try workspace.outputFolder("with-wal-writable-folder")
        for suffix in ["", "-wal"] { try FileManager.default.copyItem(atPath: walCopy + suffix, toPath: writableFolder + "/samla.sqlite" + suffix) }
        withExtendedLifetime(store) {}
        #expect(try FileManager.default.attributesOfItem(atPath: walCopy + "-wal")[.size] as? Int ?? 0 > 0)

        let original = try Self.reads(database, into: try workspace.outputFolder("original"), run: workspace.run, links: links)
        #expect(original.outputs["round list"]?.contains("esem-se-2027") == true)

        // Where SQLite can make the -shm file, the copy is read with the commit of its -wal file.
        let readable = try Self.reads(writableFolder + "/samla.sqlite", into: try workspace.outputFolder("readable"), run: workspace.runUnprivileged, links: links)
        #expect(readable.outputs == original.outputs)
        #expect(readable.errors == original.errors, "no warning")

        // Where it cannot, an immutable read would miss the commit: refused, nothing read or written.
        let before = try Self.state(walCopy)
        let out = try workspace.outputFolder("refused")
        let export = try workspace.runUnprivileged(["export", "--round", "esem-se-2025", "--out", out + "/export", "--db", walCopy])
        #expect(export.status == 1)
        #expect(export.errors.hasPrefix("\(walCopy): error[E434]: samla.sqlite-wal holds "), "\(export.errors)")
        #expect(export.errors.contains("copy the database together with its -wal file to a writable folder (cp \(walCopy) \(walCopy)-wal FOLDER/)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
        #expect(try Self.state(walCopy) == before)
    }

    /// A database of an earlier Samla: a command that only reads brings it up to date where this
    /// user can write it, as every command did before, and refuses it, changing nothing, where not.
    @Test func aDatabaseOfAnEarlierSchemaIsBroughtUpToDateOnlyWhereItCanBeWritten() throws {
        let workspace = try Workspace()
        let database = workspace.path("samla.sqlite")
        let opened = try SamlaBinary.run(["round", "open", StoreCLI.fixture("forum-v1.yaml"), "--name", "forum-2025", "--opens", day(-1), "--closes", day(30), "--db", database])
        #expect(opened.status == 0, "\(opened.errors)")
        try DatabaseQueue(path: database).write { db in
            try db.execute(sql: String(contentsOfFile: ExportCommandTests.root.appendingPathComponent("Tests/StoreTests/Fixtures/back-to-schema-v4.sql").path, encoding: .utf8))
        }
        let copy = try workspace.archive([database], as: "archive")
        let before = try Self.state(copy)

        let refused = try workspace.runUnprivileged(["round", "list", "--db", copy])
        #expect(refused.status == 1)
        #expect(refused.errors == "\(copy): error[E460]: the database was made by an earlier version of Samla (its latest migration is \"v4: ended admin sessions\"; "
            + "this version adds \"v5: API clients\", \"v6: erasures\", \"v7: invitation dispositions\", \"v8: suppressions\"), and bringing it up to date needs to write it, which this user cannot (the file or its folder is read-only); "
            + "nothing was changed; copy it to a writable folder and give --db the copy, which is then brought up to date, or read it with the version of Samla that wrote it\n")
        #expect(try Self.state(copy) == before)

        let listed = try SamlaBinary.run(["round", "list", "--db", database])
        #expect(listed.status == 0, "\(listed.errors)")
        #expect(listed.output.contains("forum-2025"))
        #expect(try SQLiteStore(readingOnly: database).appliedMigrations() == SQLiteStore(path: workspace.path("current.sqlite")).appliedMigrations(),
                "brought up to date: the migrations of a new store")
    }
}
