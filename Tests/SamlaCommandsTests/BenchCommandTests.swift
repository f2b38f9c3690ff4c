import Foundation
import Testing

/// `samla bench`, run as the built binary: generated CSV files imported as `samla import` does.
@Suite struct BenchCommandTests {
    static let root = ExportCommandTests.root

    final class Workspace {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-bench-cli-\(UUID().uuidString)")
        var db: String { folder.appendingPathComponent("db.sqlite").path }
        var csv: String { folder.appendingPathComponent("esem.csv").path }

        init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: folder) }

        func bench(_ extra: [String]) throws -> SamlaBinary.Run {
            try SamlaBinary.run([
                "bench", "--db", db,
                "--survey", BenchCommandTests.root.appendingPathComponent("surveys/esem-se.yaml").path,
                "--framework", BenchCommandTests.root.appendingPathComponent("frameworks/msi-toc.yaml").path,
            ] + extra)
        }
    }

    /// The lines of a generated CSV file (CRLF; its texts hold no line breaks), header first.
    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
    }

    @Test func importsTheGeneratedFilesAndTimesEachStage() throws {
        let workspace = try Workspace()
        let run = try workspace.bench(["--responses", "61", "--csv", workspace.csv])
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("stage") == true)
        #expect(lines.dropFirst().map { $0.prefix(6) } == ["genera", "import", "comput", "export"])
        // Rows per stage: 61 generated, imported and read by compute; the first round's 31 exported.
        #expect(lines.count == 5 && [lines[1], lines[2], lines[3]].allSatisfy { $0.contains(" 61 ") } && lines[4].contains(" 31 "))

        // Every generated response went in through the importer, complete, in its round.
        let list = try SamlaBinary.run(["round", "list", "--db", workspace.db])
        #expect(list.status == 0, "\(list.errors)")
        let counts = list.output.components(separatedBy: "\n\n")[0].split(separator: "\n").dropFirst().map { line in
            line.split(separator: " ").map(String.init)
        }.map { fields in fields.count > 8 ? [fields[0], fields[7], fields[8]] : fields }
        #expect(counts == [["esem-se-2025", "31", "31"], ["esem-se-2027", "30", "30"]])

        // The combined CSV: a round column, then the import columns; the same responses.
        let csv = try Self.lines(workspace.csv)
        #expect(csv.first?.hasPrefix("round,language,submitted_at,consent,") == true)
        #expect(csv.count == 62)
        #expect(csv.filter { $0.hasPrefix("esem-se-2025,") }.count == 31)
        #expect(csv.filter { $0.hasPrefix("esem-se-2027,") }.count == 30)
    }

    @Test func theSameSeedGeneratesTheSameResponses() throws {
        let first = try Workspace()
        let second = try Workspace()
        #expect(try first.bench(["--responses", "20", "--csv", first.csv, "--seed", "7"]).status == 0)
        #expect(try second.bench(["--responses", "20", "--csv", second.csv, "--seed", "7"]).status == 0)
        let a = try Self.lines(first.csv)
        #expect(a.count == 21)
        #expect(a == (try Self.lines(second.csv)))
    }

    @Test func refusesAnExistingDatabase() throws {
        let workspace = try Workspace()
        _ = FileManager.default.createFile(atPath: workspace.db, contents: Data("x".utf8))
        let run = try workspace.bench(["--responses", "4"])
        #expect(run.status == 1)
        #expect(run.errors.contains("the bench database exists already"))
        #expect(try String(contentsOfFile: workspace.db, encoding: .utf8) == "x")
    }

    /// A `--csv` file that cannot be made is refused before the timed stages, in the words every
    /// command uses for a file it cannot write, and no database is made.
    @Test func anUnwritableCSVIsRefusedBeforeTheStages() throws {
        let workspace = try Workspace()
        let csv = workspace.folder.appendingPathComponent("nowhere/esem.csv").path
        let run = try workspace.bench(["--responses", "4", "--csv", csv])
        #expect(run.status == 1)
        #expect(run.errors == "\(csv): error[E430]: cannot write the responses: the folder \(workspace.folder.appendingPathComponent("nowhere").path) does not exist; "
            + "make it first, or give --csv a file in a folder that exists\n", "\(run.errors)")
        #expect(run.output.isEmpty, "\(run.output)")
        #expect(!FileManager.default.fileExists(atPath: workspace.db))
    }
}
