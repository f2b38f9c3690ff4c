import Foundation
import SurveyDefinition
import Testing
@testable import Exports

/// Global recoding before local suppression: a partner export writes an integer or decimal
/// quasi-identifier with `export_bands` as its band, in every row, declares the bands in the
/// schema and the codebook, and suppresses on the bands; the standard export keeps the numbers.
@Suite struct ExportBandsTests {
    /// One row per band edge: a value equal to a limit is in the band that starts there.
    static let edges: [[String: AnswerValue]] = [
        ["form": .choice("ab"), "founded": .integer(1989), "result": .decimal(-1.5), "staff": .integer(1)],
        ["form": .choice("ab"), "founded": .integer(1990), "result": .decimal(-1), "staff": .integer(2)],
        ["form": .choice("ab"), "founded": .integer(1999), "result": .decimal(-0.25), "staff": .integer(3)],
        ["form": .choice("ab"), "founded": .integer(2000), "result": .decimal(0), "staff": .integer(4)],
        ["form": .choice("ek"), "founded": .integer(2001), "result": .decimal(0.5), "staff": .integer(5)],
        ["form": .choice("ek"), "founded": .integer(2009), "result": .decimal(9.99), "staff": .integer(6)],
        ["form": .choice("ek"), "founded": .integer(2010), "result": .decimal(10), "staff": .integer(7)],
        ["form": .choice("ek"), "staff": .integer(8)],
    ]

    private func fixture(_ rows: [[String: AnswerValue]] = edges) throws -> ExportFixture {
        let fixture = try ExportFixture(survey: "export-bands.yaml")
        try fixture.insert(rows)
        return fixture
    }

    private func field(_ name: String, of package: [String: Any]) throws -> [String: Any] {
        let resources = try #require(package["resources"] as? [[String: Any]])
        let fields = try #require((resources[0]["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        return try #require(fields.first { $0["name"] as? String == name })
    }

    @Test func aValueOnALimitIsInTheBandThatStartsThere() {
        let years = ExportBands(limits: [1990, 2000, 2001, 2010], isWhole: true)
        #expect(years.codes == ["<1990", "1990-<2000", "2000-<2001", "2001-<2010", ">=2010"])
        #expect([1989, 1990, 1999, 2000, 2001, 2009, 2010, 3000].map { years.band(of: $0) } == [0, 1, 1, 2, 3, 3, 4, 4])
        #expect(years.codes.indices.map { years.label($0, language: "en") } == ["under 1990", "1990 to 1999", "2000", "2001 to 2009", "2010 or more"])
        let result = ExportBands(limits: [-1, 0, 0.5, 10], isWhole: false)
        #expect(result.codes == ["<-1", "-1-<0", "0-<0.5", "0.5-<10", ">=10"])
        #expect([-1.5, -1, -0.0001, 0, 0.4999, 0.5, 9.99, 10].map { result.band(of: $0) } == [0, 1, 1, 2, 2, 3, 3, 4])
        #expect(result.codes.indices.map { result.label($0, language: "sv") } == ["under -1", "-1 till under 0", "0 till under 0,5", "0,5 till under 10", "10 eller mer"])
        // A code that starts like a formula gets the apostrophe every such text cell gets.
        #expect(result.writtenCodes == ["<-1", "'-1-<0", "0-<0.5", "0.5-<10", ">=10"])
    }

    @Test func aPartnerExportWritesEveryBandedNumberAsItsBand() throws {
        let fixture = try fixture()
        try fixture.export(ExportOptions(profile: .euclid, kAnonymity: 1))
        let rows = try fixture.table("responses.csv").rows
        #expect(rows.map { $0["QB_FOUNDED"]! } == ["<1990", "1990-<2000", "1990-<2000", "2000-<2001", "2001-<2010", "2001-<2010", ">=2010", ""])
        #expect(rows.map { $0["QB_RESULT"]! } == ["<-1", "'-1-<0", "'-1-<0", "0-<0.5", "0.5-<10", "0.5-<10", ">=10", ""])
        #expect(rows.map { $0["QB_STAFF"]! } == (1...8).map(String.init))

        try fixture.export(ExportOptions(shape: .long, profile: .euclid, kAnonymity: 1), to: "long")
        let long = try fixture.table("responses-long.csv", in: "long").rows
        #expect(long.filter { $0["variable"] == "QB_FOUNDED" }.map { $0["value"]! } == ["<1990", "1990-<2000", "1990-<2000", "2000-<2001", "2001-<2010", "2001-<2010", ">=2010"])
    }

    @Test func theSchemaAndTheCodebookListTheBands() throws {
        let fixture = try fixture()
        try fixture.export(ExportOptions(language: "sv", profile: .euclid, kAnonymity: 1))
        let package = try fixture.json("datapackage.json")
        let founded = try field("QB_FOUNDED", of: package)
        #expect(founded["type"] as? String == "string")
        #expect((founded["constraints"] as? [String: Any])?["enum"] as? [String] == ["<1990", "1990-<2000", "2000-<2001", "2001-<2010", ">=2010"])
        #expect((founded["categories"] as? [[String: String]])?.map { $0["label"]! } == ["under 1990", "1990 till 1999", "2000", "2001 till 2009", "2010 eller mer"])
        #expect(founded["categoriesOrdered"] as? Bool == true, "band codes do not sort as text; the categories' order is theirs")
        #expect((founded["description"] as? String)?.contains("publicerad i klasser (export_bands 1990, 2000, 2001, 2010)") == true)
        let result = try field("QB_RESULT", of: package)
        #expect((result["constraints"] as? [String: Any])?["enum"] as? [String] == ["<-1", "'-1-<0", "0-<0.5", "0.5-<10", ">=10"])
        #expect(result["decimalChar"] == nil)
        let recoded = try #require(((package["samla"] as? [String: Any])?["disclosure"] as? [String: Any])?["recodedInBands"] as? [[String: Any]])
        #expect(recoded.map { $0["column"] as? String } == ["QB_FOUNDED", "QB_RESULT"])
        #expect(recoded.map { $0["limits"] as? [Double] } == [[1990, 2000, 2001, 2010], [-1, 0, 0.5, 10]])

        let codebook = try fixture.table("codebook.csv").rows.first { $0["column"] == "QB_FOUNDED" }
        #expect(codebook?["type"] == "band")
        #expect(codebook?["choices_en"] == "<1990, under 1990 | 1990-<2000, 1990 to 1999 | 2000-<2001, 2000 | 2001-<2010, 2001 to 2009 | >=2010, 2010 or more")
        let markdown = try fixture.read("codebook.md")
        #expect(markdown.contains("| `QB_FOUNDED` | klass | Grundat år | Year founded | [QB_FOUNDED](#qb_founded) |"))
        #expect(markdown.contains("## Klasser\n\n### QB_FOUNDED\n\n| kod | från och med | till (ej med) | sv | en |\n| --- | --- | --- | --- | --- |\n| `<1990` |  | 1990 | under 1990 | under 1990 |\n| `1990-<2000` | 1990 | 2000 | 1990 till 1999 | 1990 to 1999 |"))
        #expect(markdown.contains("| `-1-<0` (CSV: `'-1-<0`) | -1 | 0 | -1 till under 0 | -1 to under 0 |"))
        #expect(markdown.contains("Global omkodning: `QB_FOUNDED`, `QB_RESULT` skrivs i klasser"))
    }

    /// Three companies founded in different years of the 1990s, with results in one band, share
    /// their banded combination and keep it; exact years would single each out. The two
    /// cooperatives share theirs with no third row and lose every quasi-identifier.
    @Test func localSuppressionCountsCombinationsOfBands() throws {
        let fixture = try fixture([
            ["form": .choice("ab"), "founded": .integer(1991), "result": .decimal(1), "staff": .integer(1)],
            ["form": .choice("ab"), "founded": .integer(1995), "result": .decimal(2.5), "staff": .integer(2)],
            ["form": .choice("ab"), "founded": .integer(1999), "result": .decimal(9), "staff": .integer(3)],
            ["form": .choice("ek"), "founded": .integer(2005), "result": .decimal(1), "staff": .integer(4)],
            ["form": .choice("ek"), "founded": .integer(2006), "result": .decimal(1), "staff": .integer(5)],
        ])
        let summary = try fixture.export(ExportOptions(profile: .euclid))
        let rows = try fixture.table("responses.csv").rows
        #expect(rows.map { [$0["QB_FORM"]!, $0["QB_FOUNDED"]!, $0["QB_RESULT"]!] } == [
            ["company", "1990-<2000", "0.5-<10"], ["company", "1990-<2000", "0.5-<10"], ["company", "1990-<2000", "0.5-<10"],
            ["", "", ""], ["", "", ""],
        ])
        #expect(try fixture.table("disclosure.csv").rows.map { [$0["column"]!, $0["suppressed"]!] } == [
            ["QB_FORM", "2"], ["QB_FOUNDED", "2"], ["QB_RESULT", "2"],
        ])
        #expect(summary.warnings.map(\.code.id) == ["W601"])
    }

    @Test func theStandardExportKeepsTheNumbers() throws {
        let fixture = try fixture()
        try fixture.export(ExportOptions())
        let rows = try fixture.table("responses.csv").rows
        #expect(rows.map { $0["founded"]! } == ["1989", "1990", "1999", "2000", "2001", "2009", "2010", ""])
        #expect(rows.map { $0["result"]! } == ["-1.5", "-1", "-0.25", "0", "0.5", "9.99", "10", ""])
        let founded = try field("founded", of: try fixture.json("datapackage.json"))
        #expect(founded["type"] as? String == "integer")
        #expect((founded["constraints"] as? [String: Any])?["minimum"] as? Int == 1850)
        #expect(try fixture.table("codebook.csv").rows.first { $0["column"] == "founded" }?["type"] == "integer")
        #expect(try !fixture.read("codebook.md").contains("## Klasser"))
    }

    /// Bands, then suppression on them, give the same bytes in every file each time.
    @Test func theSamePackageEveryTime() throws {
        let fixture = try fixture()
        try fixture.export(ExportOptions(profile: .euclid, kAnonymity: 2))
        try fixture.export(ExportOptions(profile: .euclid, kAnonymity: 2), to: "again")
        #expect(try fixture.allFiles() == fixture.allFiles(in: "again"))
        #expect(try fixture.table("responses.csv").rows.map { $0["QB_FOUNDED"]! } == ["", "1990-<2000", "1990-<2000", "", "2001-<2010", "2001-<2010", "", ""])
    }
}
