import Foundation
import Testing

/// `samla generate`, run as the built binary.
@Suite struct GenerateCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let esem = root.appendingPathComponent("surveys/esem-se.yaml").path

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-import-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @Test func generateWritesTheSameFileForTheSameSeed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = try SamlaBinary.run(["generate", Self.esem, "--rows", "50", "--seed", "3", "--out", path("a.csv")])
        let b = try SamlaBinary.run(["generate", Self.esem, "--rows", "50", "--seed", "3", "--out", path("b.csv")])
        let c = try SamlaBinary.run(["generate", Self.esem, "--rows", "50", "--seed", "4", "--out", path("c.csv")])
        #expect(a.status == 0 && b.status == 0 && c.status == 0, "\(a.errors)")
        let first = try Data(contentsOf: URL(fileURLWithPath: path("a.csv")))
        #expect(first == (try Data(contentsOf: URL(fileURLWithPath: path("b.csv")))))
        #expect(first != (try Data(contentsOf: URL(fileURLWithPath: path("c.csv")))))
        let lines = String(decoding: first.dropFirst(3), as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("language,submitted_at,consent,") == true)
        #expect(lines.count == 52) // header, 50 rows, the empty string after the last line end
    }

    /// As `samla export` writes, with a byte order mark so that Excel reads å, ä and ö; with
    /// semicolons for Excel in a Swedish locale. `samla import` reads both.
    @Test func generateWritesAByteOrderMarkAndSemicolonsWhenAsked() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let comma = try SamlaBinary.run(["generate", Self.esem, "--rows", "5", "--out", path("comma.csv")])
        let semicolon = try SamlaBinary.run(["generate", Self.esem, "--rows", "5", "--delimiter", ";", "--out", path("semicolon.csv")])
        #expect(comma.status == 0 && semicolon.status == 0, "\(comma.errors) \(semicolon.errors)")
        let commaBytes = try Data(contentsOf: URL(fileURLWithPath: path("comma.csv")))
        let semicolonBytes = try Data(contentsOf: URL(fileURLWithPath: path("semicolon.csv")))
        #expect(Array(commaBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(semicolonBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: commaBytes.dropFirst(3), as: UTF8.self).hasPrefix("language,submitted_at,consent,"))
        #expect(String(decoding: semicolonBytes.dropFirst(3), as: UTF8.self).hasPrefix("language;submitted_at;consent;"))
        let bad = try SamlaBinary.run(["generate", Self.esem, "--delimiter", "|"])
        #expect(bad.status == 2)
    }

    /// For Excel in a Swedish locale a `;` file needs decimal commas too (`3.5` is read as text or a
    /// date there). The same seed gives the same responses either way, and `samla import` stores the
    /// same answers from both files.
    @Test func generateWritesDecimalCommasForASwedishExcel() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = try SamlaBinary.run(["generate", Self.esem, "--rows", "40", "--delimiter", ";", "--out", path("plain.csv")])
        let excel = try SamlaBinary.run(["generate", Self.esem, "--rows", "40", "--delimiter", ";", "--decimal-comma", "--out", path("excel.csv")])
        #expect(plain.status == 0 && excel.status == 0, "\(plain.errors) \(excel.errors)")
        func rows(_ name: String) throws -> [[String]] {
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path(name))).dropFirst(3), as: UTF8.self)
            return text.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
        }
        let plainRows = try rows("plain.csv")
        let excelRows = try rows("excel.csv")
        let fte = try #require(plainRows.first?.firstIndex(of: "fte"))
        let decimals = plainRows.dropFirst().map { $0[fte] }.filter { $0.contains(".") }
        #expect(!decimals.isEmpty, "some FTE counts have a fraction")
        #expect(excelRows.dropFirst().map { $0[fte] } == plainRows.dropFirst().map { $0[fte].replacingOccurrences(of: ".", with: ",") })
        #expect(!excelRows.dropFirst().contains { $0[fte].contains(".") })

        let alone = try SamlaBinary.run(["generate", Self.esem, "--decimal-comma"])
        #expect(alone.status == 2)
        #expect(alone.errors.contains("--decimal-comma needs --delimiter \";\""), "\(alone.errors)")

        for round in ["plain", "excel"] {
            let db = path("\(round).sqlite")
            let opened = try SamlaBinary.run(["round", "open", Self.esem, "--name", "esem", "--opens", "2025-01-01", "--closes", "2099-12-31", "--db", db])
            #expect(opened.status == 0, "\(opened.errors)")
            let imported = try SamlaBinary.run(["import", "--round", "esem", path("\(round).csv"), "--db", db])
            #expect(imported.status == 0, "\(imported.errors)")
            let exported = try SamlaBinary.run(["export", "--round", "esem", "--out", path("export-\(round)"), "--db", db])
            #expect(exported.status == 0, "\(exported.errors)")
        }
        let plainExport = try String(contentsOfFile: path("export-plain/responses.csv"), encoding: .utf8)
        let excelExport = try String(contentsOfFile: path("export-excel/responses.csv"), encoding: .utf8)
        #expect(!plainExport.isEmpty && plainExport == excelExport, "the same answers stored from both files")
    }

    @Test func usageErrorsExitWithTwo() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let badRows = try SamlaBinary.run(["generate", Self.esem, "--rows=-1"])
        #expect(badRows.status == 2)
        #expect(badRows.errors.contains("--rows must be 0 or more"))
        let missing = try SamlaBinary.run(["generate", path("missing.yaml")])
        #expect(missing.status == 1)
        #expect(missing.errors.contains("error[E001]"))
    }

    /// A file that cannot be made says why in plain words and what to do, as every command that
    /// writes a file does, not the system's "No such file or directory".
    @Test func anUnwritableOutputSaysWhyAndWhatToDo() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try "notes\n".write(toFile: path("notes.txt"), atomically: true, encoding: .utf8)
        let cases = [
            (path("nowhere") + "/esem.csv", "the folder \(path("nowhere")) does not exist; make it first, or give --out a file in a folder that exists"),
            (path("notes.txt") + "/esem.csv", UnwritableWords.fileInTheWay(path("notes.txt"), option: "--out")),
            (folder.path, "\(folder.path) is a folder, not a file; give --out the path of a file, such as one inside that folder"),
        ]
        for (out, reason) in cases {
            let run = try SamlaBinary.run(["generate", Self.esem, "--rows", "2", "--out", out])
            #expect(run.status == 1)
            #expect(run.errors == "\(out): error[E430]: cannot write the responses: \(reason)\n", "\(run.errors)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left == ["notes.txt"], "no temporary file is left: \(left)")
    }
}
