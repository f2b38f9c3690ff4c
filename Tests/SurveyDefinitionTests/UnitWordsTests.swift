import Foundation
import SurveyDefinition
import Testing

/// The common units shown in Swedish: one list for the form and the reports, and the one
/// docs/survey-format.md gives authors.
@Suite struct UnitWordsTests {
    static let page = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/survey-format.md")

    @Test func commonUnitsAreSwedishAndOthersAsWritten() {
        #expect(UnitWords.swedish("hours") == "timmar")
        #expect(UnitWords.swedish("years") == "år")
        #expect(UnitWords.swedish("persons") == "personer")
        #expect(UnitWords.swedish("SEK") == nil)
    }

    @Test func theDocumentedTableListsEveryUnit() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        let start = try #require(text.range(of: "### Units\n"))
        let section = String(text[start.upperBound...].prefix { $0 != "#" })
        for (unit, swedish) in UnitWords.known {
            #expect(section.contains("`\(unit)`"), "docs/survey-format.md, Units, does not list \(unit)")
            #expect(section.contains(swedish), "docs/survey-format.md, Units, does not give \(unit) as \(swedish)")
        }
    }
}
