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

    @Test func usageErrorsExitWithTwo() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let badRows = try SamlaBinary.run(["generate", Self.esem, "--rows=-1"])
        #expect(badRows.status == 2)
        #expect(badRows.errors.contains("--rows must be 0 or more"))
        let missing = try SamlaBinary.run(["generate", path("missing.yaml")])
        #expect(missing.status == 1)
        #expect(missing.errors.contains("error[E001]"))
    }
}
