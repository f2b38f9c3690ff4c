import CSV
import Foundation
import Testing
@testable import Exports

/// Cells a spreadsheet would run as formulas are neutralised; numbers stay numbers.
@Suite struct SpreadsheetSafetyTests {
    @Test func formulaLikeTextsGetAnApostrophe() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(includePII: true))
        let rows = try fixture.table("responses.csv").rows
        #expect(rows[0]["barriers_other"] == "'=HYPERLINK(\"http://x\")")
        #expect(rows[1]["org_name"] == "'+46 70 123 45 67")
        #expect(rows[1]["story"] == "'-minus först")
        #expect(rows[2]["org_name"] == "'@handle")
        #expect(rows[2]["story"] == "'\tindragen")
        #expect(rows[0]["org_name"] == "Kaffe & Co, \"AB\"", "other texts are unchanged")
    }

    @Test func aCarriageReturnAtTheStartIsNeutralisedToo() throws {
        let fixture = try ExportFixture()
        var answers = ExportFixture.sample[1]
        answers["story"] = .text("\rstart")
        try fixture.insert([answers])
        try fixture.export()
        #expect(try fixture.table("responses.csv").rows[0]["story"] == "'\rstart")
    }

    @Test func numbersAndDatesAreNeverPrefixed() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export()
        let text = String(decoding: try fixture.bytes("responses.csv"), as: UTF8.self)
        let rows = try fixture.table("responses.csv").rows
        #expect(rows[0]["balance"] == "-5", "a negative number stays a number")
        #expect(rows[0]["women_share"] == "37.5" && rows[1]["women_share"] == "0.1" && rows[2]["women_share"] == "100")
        #expect(rows[0]["started"] == "2020-02-29")
        #expect(!text.contains("'-5"))
    }

    /// A negative code such as `-1` ("don't know") is a number to a spreadsheet, not a formula: it
    /// is written as the codebook lists it.
    @Test func aNegativeCodeReadsTheSameInDataSchemaAndCodebook() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export()
        #expect(try fixture.table("responses.csv").rows[1]["has_board"] == "-1")
        let field = try Self.field("has_board", in: fixture.json("datapackage.json"))
        let constraints = try #require(field["constraints"] as? [String: Any])
        #expect(constraints["enum"] as? [String] == ["yes", "no", "-1"])
        let codebook = try fixture.table("codebook.csv").rows.first { $0["column"] == "has_board" }
        #expect(codebook?["choices_sv"] == "yes, Ja | no, Nej | -1, Vet ej")
    }

    @Test func aTextThatIsANegativeNumberIsLeftAloneButNotAFormulaAfterIt() throws {
        let fixture = try ExportFixture()
        var first = ExportFixture.sample[1], second = ExportFixture.sample[1]
        first["story"] = .text("-3")
        second["story"] = .text("-3+1")
        try fixture.insert([first, second])
        try fixture.export(ExportOptions(shape: .long))
        let stories = try fixture.table("responses-long.csv").rows.filter { $0["variable"] == "story" }.map { $0["value"] }
        #expect(stories == ["-3", "'-3+1"])
    }

    @Test func theCodebookSaysSo() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(language: "en"))
        #expect(try fixture.read("codebook.md").contains(FormulaNeutralization.summary))
        let story = try Self.field("story", in: fixture.json("datapackage.json"))
        #expect((story["description"] as? String)?.contains(FormulaNeutralization.summary) == true)
    }

    /// A Swedish export says the rule in Swedish, in the codebook and in the data package alike.
    @Test func aSwedishExportSaysSoInSwedish() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(language: "sv"))
        let rule = "Textvärden som börjar med =, +, -, @, tabb eller vagnretur har en apostrof (') först"
        #expect(try fixture.read("codebook.md").contains(rule))
        let story = try #require(try Self.field("story", in: fixture.json("datapackage.json"))["description"] as? String)
        #expect(story.contains(rule) && !story.contains(FormulaNeutralization.summary), "\(story)")
    }

    static func field(_ name: String, in package: [String: Any], resource: String = "responses") throws -> [String: Any] {
        let resources = try #require(package["resources"] as? [[String: Any]])
        let data = try #require(resources.first { $0["name"] as? String == resource })
        let schema = try #require(data["schema"] as? [String: Any])
        let fields = try #require(schema["fields"] as? [[String: Any]])
        return try #require(fields.first { $0["name"] as? String == name })
    }
}
