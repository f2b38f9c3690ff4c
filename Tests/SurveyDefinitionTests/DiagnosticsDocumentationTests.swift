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

    /// A hand merge that left `<<<<<<<`, `=======` or `>>>>>>>` lines shows both sides to readers.
    @Test func noPageHoldsMergeConflictMarkers() throws {
        let root = Self.page.deletingLastPathComponent().deletingLastPathComponent()
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        for page in docs + ["README.md"] {
            let text = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false)
            where line.hasPrefix("<<<<<<< ") || line == "=======" || line.hasPrefix(">>>>>>> ") {
                Issue.record("\(page) has a merge conflict marker: \(line)")
            }
        }
    }

    /// The other pages name codes the catalogue has: each code, and each code of a range
    /// (`E500–E509`, `E70x` aside), so that a reader who looks one up finds it.
    @Test func theOtherPagesNameOnlyCodesOfTheCatalogue() throws {
        let root = Self.page.deletingLastPathComponent().deletingLastPathComponent()
        let pages = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") && $0 != "diagnostics.md" }.sorted().map { "docs/" + $0 }
        let code = /\b([EW])(\d{3})(?:–[EW]?(\d{3}))?\b/
        for page in ["README.md"] + pages {
            let text = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for match in line.matches(of: code) {
                    let first = Int(match.output.2)!
                    for value in first...max(first, match.output.3.flatMap { Int($0) } ?? first) {
                        let digits = String(value)
                        let id = "\(match.output.1)\(String(repeating: "0", count: 3 - digits.count))\(digits)"
                        #expect(DiagnosticCode.named(id) != nil, "\(page):\(number + 1) names \(id) (in \(match.output.0)), which the catalogue does not have")
                    }
                }
            }
        }
    }

    /// Codes are described in number order, each under the `##` section whose heading names its
    /// letter and hundred (`E484` under "Reminders: links files (E484–E485)", not under "Reports (E5xx, W5xx)").
    @Test func sectionsAreInNumberOrderUnderTheirArea() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        var area = ""
        var previous: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("## ") { area = String(line) }
            guard line.hasPrefix("### ") else { continue }
            let id = String(line.dropFirst(4).prefix { $0 != ":" })
            guard DiagnosticCode.named(id) != nil else { continue }
            let range = area.split(separator: "(").last ?? ""
            #expect(range.contains(id.prefix(2)), "docs/diagnostics.md describes \(id) under \(area)")
            if let previous, previous.prefix(2) == id.prefix(2) {
                #expect(previous < id, "docs/diagnostics.md describes \(id) after \(previous)")
            }
            previous = id
        }
    }
}
