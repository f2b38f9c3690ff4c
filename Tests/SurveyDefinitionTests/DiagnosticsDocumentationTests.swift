import Diagnostics
import Foundation
import Testing

/// docs/diagnostics.md describes every code of the catalogue, and only codes that exist.
@Suite struct DiagnosticsDocumentationTests {
    static let page = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/diagnostics.md")

    private func headings() throws -> [String: String] {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("### ") {
            let heading = line.dropFirst(4)
            guard let colon = heading.firstIndex(of: ":") else { continue }
            result[String(heading[..<colon])] = String(heading[heading.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    @Test func everyCodeHasASection() throws {
        let documented = try headings()
        let missing = DiagnosticCode.catalogue.filter { documented[$0.id] == nil }.map(\.id)
        #expect(missing.isEmpty, "docs/diagnostics.md has no `### CODE: summary` section for \(missing)")
    }

    @Test func sectionsMatchTheCatalogue() throws {
        for (id, summary) in try headings() {
            let code = DiagnosticCode.named(id)
            #expect(code != nil, "docs/diagnostics.md describes \(id), which the catalogue does not have")
            #expect(code.map { $0.summary == summary } ?? true, "the summary of \(id) differs from the catalogue")
        }
    }

    @Test func everySectionHasAnExampleOfItsCode() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        for code in DiagnosticCode.catalogue {
            #expect(text.contains("\(code.severity.rawValue)[\(code.id)]:"), "no example line for \(code.id)")
        }
    }
}
