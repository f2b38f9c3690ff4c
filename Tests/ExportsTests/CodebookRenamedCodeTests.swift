import Expressions
import Foundation
import Store
import SurveyDefinition
import Testing
@testable import Exports

/// A choice code renamed for the next year, its label kept: export-test-next-year.yaml with the
/// cooperative stored as `ekonomisk` instead of `ek`, and `export_as: ek` keeping the partners' code.
@Suite struct CodebookRenamedCodeTests {
    static func twoYears() throws -> ExportFixture {
        let fixture = try ExportFixture()
        try fixture.insert([ExportFixture.sample[0]])
        let file = ExportFixture.fixtures.appendingPathComponent("export-test-next-year.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)
        let renamed = original.replacingOccurrences(of: "{value: ek, label:", with: "{value: ekonomisk, export_as: ek, label:")
        #expect(renamed != original)
        let next = try #require(SurveyLoader.load(text: renamed, path: file.path).document)
        try fixture.store.openRound(RoundRequest(
            name: "ex-2026", document: next, opens: CalendarDate(year: 2026, month: 10, day: 1)!,
            closes: CalendarDate(year: 2027, month: 1, day: 31)!, anonymous: true))
        let answers: [String: AnswerValue] = ["legal_form": .choice("ekonomisk"), "founded": .integer(2026), "has_board": .choice("no")]
        try fixture.store.insertCompleteResponses(round: "ex-2026", document: next, source: .import) { inserter in
            _ = try inserter.insert(next.survey.variables.map { answers[$0.name] }, info: ImportedResponseInfo(language: "en"))
        }
        return fixture
    }

    @Test func msisCodebookNamesTheRenameAndThePartnersSaysNothingOfIt() throws {
        let fixture = try Self.twoYears()
        try fixture.export(ExportOptions(language: "en"), to: "msi", round: "ex-2026")
        let own = CodebookChangesTests.marked(try fixture.table("codebook.csv", in: "msi").rows)
        #expect(own["legal_form"] == ["ex-2025", "changed", "label reworded (en, sv); choices added: stiftelse; choice codes renamed, their labels kept: ek → ekonomisk"])
        #expect(try fixture.read("codebook.md", in: "msi").contains(
            "- `legal_form`: label reworded (en, sv); choices added: stiftelse; choice codes renamed, their labels kept: ek → ekonomisk\n"))

        // The partner reads ek in both years: the rename is not theirs to see.
        try fixture.export(ExportOptions(language: "en", profile: .euclid), to: "euclid", round: "ex-2026")
        let partner = CodebookChangesTests.marked(try fixture.table("codebook.csv", in: "euclid").rows)
        #expect(partner["EX_FORM"] == ["ex-2025", "changed", "label reworded (en, sv); choices added: foundation"])
    }
}
