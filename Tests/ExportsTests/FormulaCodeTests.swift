import CSV
import Foundation
import Testing
@testable import Exports

/// A code that starts like a formula (`@home`, `=x`, `+46`) is written with an apostrophe in the data
/// file; the codebook and the data package show it in that same form, so that every data cell can be
/// found in its codebook row and the package's `enum` holds what the file holds.
@Suite struct FormulaCodeTests {
    static let codes = ["office", "'@home", "'=x", "'+46", "-1"]

    private func exported(_ options: ExportOptions = ExportOptions()) throws -> ExportFixture {
        let fixture = try ExportFixture(survey: "formula-codes.yaml")
        try fixture.insert([
            ["place": .choice("@home"), "places_often": .choices(["@home", "=x"]), "sure": .choice("@yes")],
            ["place": .choice("=x"), "places_often": .choices(["+46"]), "sure": .choice("-1")],
            ["place": .choice("+46"), "places_often": .choices(["office", "-1"])],
            ["place": .choice("-1")],
        ])
        try fixture.export(options)
        return fixture
    }

    /// The codes of a codebook `choices_*` cell: `code, label | code, label`.
    private func codes(in cell: String?) -> [String] {
        (cell ?? "").components(separatedBy: " | ").map { $0.components(separatedBy: ", ")[0] }
    }

    @Test func dataCellsAreTheCodebooksCodes() throws {
        let fixture = try exported()
        let data = try fixture.table("responses.csv").rows
        #expect(data.map { $0["place"] } == ["'@home", "'=x", "'+46", "-1"])
        let codebook = try fixture.table("codebook.csv").rows
        let place = try #require(codebook.first { $0["column"] == "place" })
        #expect(codes(in: place["choices_sv"]) == Self.codes)
        #expect(place["choices_en"] == "office, The office | '@home, At home | '=x, '=Same | '+46, Sweden | -1, Don't know",
                "labels are written as a labelled data file writes them")
        let options = codebook.filter { $0["variable"] == "places_often" }
        #expect(options.map { $0["option"] } == Self.codes)
        #expect(options.map { $0["column"] } == ["places_often_office", "places_often_@home", "places_often_=x", "places_often_+46", "places_often_-1"])
    }

    /// A cell that would start with a negative code is not a number to a spreadsheet but a formula:
    /// the cell gets the apostrophe, as every text cell does.
    @Test func aChoicesCellThatStartsWithANegativeCodeIsGuardedAsACell() throws {
        let fixture = try exported()
        let sure = try #require(try fixture.table("codebook.csv").rows.first { $0["column"] == "sure" })
        #expect(sure["choices_sv"] == "'-1, Vet ej | '@yes, Ja")
    }

    @Test func thePackageListsTheCodesAsWritten() throws {
        let fixture = try exported()
        let field = try SpreadsheetSafetyTests.field("place", in: fixture.json("datapackage.json"))
        let constraints = try #require(field["constraints"] as? [String: Any])
        #expect(constraints["enum"] as? [String] == Self.codes)
        let categories = try #require(field["categories"] as? [[String: Any]])
        #expect(categories.map { $0["value"] as? String } == Self.codes)
        // The export is in Swedish (the survey's first language), and so is the rule.
        #expect((field["description"] as? String)?.contains(SpreadsheetRule.text("sv")) == true)
        let plain = try SpreadsheetSafetyTests.field("sure", in: fixture.json("datapackage.json"))
        #expect((plain["description"] as? String)?.contains(SpreadsheetRule.text("sv")) == true)
    }

    @Test func labelsAreListedAsWrittenToo() throws {
        let fixture = try exported(ExportOptions(values: .labels, language: "en"))
        #expect(try fixture.table("responses.csv").rows.map { $0["place"] } == ["At home", "'=Same", "Sweden", "Don't know"])
        let field = try SpreadsheetSafetyTests.field("place", in: fixture.json("datapackage.json"))
        let constraints = try #require(field["constraints"] as? [String: Any])
        #expect(constraints["enum"] as? [String] == ["The office", "At home", "'=Same", "Sweden", "Don't know"])
    }

    /// The Markdown codebook is read as a page, not opened in a spreadsheet: it shows the code as
    /// defined, and the form the CSV files write beside it.
    @Test func theMarkdownCodebookShowsBothForms() throws {
        let fixture = try exported(ExportOptions(language: "en"))
        let text = try fixture.read("codebook.md")
        #expect(text.contains("| `@home` (CSV: `'@home`) | Hemma | At home |"))
        #expect(text.contains("| `-1` | Vet ej | Don't know |"))
        #expect(text.contains("| `office` | Kontoret | The office |"))
        #expect(text.contains("- Codes such as `@home` are shown here as defined; in the CSV files (data and codebook.csv) they have the apostrophe in front, `'@home`, as the lists below show."))
    }

    @Test func withoutSuchCodesTheMarkdownHasNoNote() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(language: "en"))
        #expect(try !fixture.read("codebook.md").contains("Codes such as"))
    }
}
