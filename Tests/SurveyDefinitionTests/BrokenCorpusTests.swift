import Diagnostics
import Foundation
import SurveyDefinition
import Testing

/// Each file under Fixtures/broken holds one mistake and says on its first line what it must
/// give: `# expect: E107 12:9` (several separated by commas; `file` for a whole-file diagnostic).
@Suite struct BrokenCorpusTests {
    struct Expectation: Hashable, CustomStringConvertible {
        var code: String
        var line: Int?
        var column: Int?

        var description: String { line.map { "\(code) \($0):\(column ?? 0)" } ?? "\(code) file" }

        init(code: String, line: Int?, column: Int?) {
            self.code = code
            self.line = line
            self.column = column
        }

        init(_ diagnostic: Diagnostic) {
            code = diagnostic.code.id
            if case .source(let location) = diagnostic.location {
                line = location.line
                column = location.column
            }
        }

        /// Parses `# expect: E107 12:9, W102 6:3`.
        static func parse(firstLine: String) -> [Expectation]? {
            guard firstLine.hasPrefix("# expect: ") else { return nil }
            return firstLine.dropFirst("# expect: ".count).split(separator: ",").map { item in
                let parts = item.split(separator: " ")
                let code = String(parts[0])
                guard parts.count > 1, parts[1] != "file" else { return Expectation(code: code, line: nil, column: nil) }
                let position = parts[1].split(separator: ":").compactMap { Int($0) }
                return Expectation(code: code, line: position[0], column: position[1])
            }
        }
    }

    static func expectations(of file: String) throws -> [Expectation] {
        let text = try String(contentsOfFile: Fixtures.path("broken/\(file)"), encoding: .utf8)
        let firstLine = String(text.prefix { $0 != "\n" })
        return try #require(Expectation.parse(firstLine: firstLine), "\(file) has no `# expect:` first line")
    }

    @Test func corpusIsLargeEnough() {
        #expect(Fixtures.brokenFiles.count >= 40)
    }

    @Test(arguments: Fixtures.brokenFiles)
    func eachFileGivesExactlyItsDiagnostics(file: String) throws {
        let expected = try Self.expectations(of: file)
        let result = SurveyLoader.load(contentsOf: Fixtures.path("broken/\(file)"))
        let actual = result.diagnostics.map(Expectation.init)
        #expect(Set(actual) == Set(expected), "\(file): \(result.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(actual.count == expected.count)
        for diagnostic in result.diagnostics {
            #expect(diagnostic.location.file == Fixtures.path("broken/\(file)"))
            #expect(!diagnostic.message.isEmpty)
        }
        let refused = expected.contains { $0.code.hasPrefix("E") }
        #expect((result.document == nil) == refused, "a file with errors gives no survey; one with only warnings does")
    }

    /// Every survey check, and every YAML and file check a file can show, has a file in the corpus.
    @Test func corpusCoversEveryCheck() throws {
        var covered = Set<String>()
        for file in Fixtures.brokenFiles { covered.formUnion(try Self.expectations(of: file).map(\.code)) }
        // E125 (a round's name reused for a later period) is `samla round open`'s, against the
        // database: no definition file shows it; StoreTests' CompatibilityTests cover it.
        let surveyCodes = DiagnosticCode.catalogue.map(\.id).filter { ($0.hasPrefix("E1") || $0.hasPrefix("W1")) && $0 != "E125" }
        // E001 (unreadable), E002 (not text) and E012 (no known kind) need files that cannot carry a
        // comment or are not surveys; RobustnessTests and the validate tests cover them.
        let fileCodes = DiagnosticCode.catalogue.map(\.id).filter { $0.hasPrefix("E0") && !["E001", "E002", "E012"].contains($0) }
        let missing = (surveyCodes + fileCodes).filter { !covered.contains($0) }
        #expect(missing.isEmpty, "no broken definition shows \(missing)")
        let expressionCodes = covered.filter { $0.hasPrefix("E2") }
        #expect(expressionCodes.count >= 8, "expression errors in the corpus: \(expressionCodes.sorted())")
    }
}
