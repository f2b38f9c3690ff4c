import Diagnostics
import Foundation
import Testing
@testable import Reports

/// Report definitions found by fuzzing (scripts/fuzz/run.sh SECONDS reports) that stopped the process.
struct ReportFuzzFindingsTests {
    /// `text` loaded as a report definition from a file of its own.
    static func load(_ text: String) throws -> ReportLoadResult {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-finding-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return ReportLoader.load(contentsOf: path)
    }

    /// A comment ended by a lone carriage return, which YAML takes for a line break: libyaml's
    /// line 3 (`id: club-report`, stumbling on its `:`) is line 3 of the text split at line feeds
    /// only (`sv`), and the advice on an over-indented key read past that shorter line's end.
    @Test func aLoneCarriageReturnIsAYAMLSyntaxErrorNotACrash() throws {
        let loaded = try Self.load("# Klubbens rapport\rKlubb\nid: club-report\nsv")
        #expect(loaded.definition == nil)
        #expect(loaded.diagnostics.map(\.code) == [.yamlSyntax])
        #expect(loaded.diagnostics.first?.message.hasPrefix("YAML syntax: mapping values are not allowed") == true, "\(loaded.diagnostics)")
    }
}
