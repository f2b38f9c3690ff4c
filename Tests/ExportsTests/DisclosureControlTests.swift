import Foundation
import Store
import SurveyDefinition
import Testing
@testable import Exports

/// A partner export blanks quasi-identifier values (local suppression) until every row shares its
/// combination with at least k - 1 others; it says how many, never which rows; the standard export
/// is unchanged.
@Suite struct DisclosureControlTests {
    /// Rows 1-3 share (company, 2000, local). Rows 4-5
    /// share (cooperative, 2001, local), two rows; rows 6, 7 and 8 are each alone (8 has no year).
    static let round: [[String: AnswerValue]] = [
        ["form": .choice("ab"), "founded": .integer(2000), "markets": .choices(["local"]), "staff": .integer(1)],
        ["form": .choice("ab"), "founded": .integer(2000), "markets": .choices(["local"]), "staff": .integer(2)],
        ["form": .choice("ab"), "founded": .integer(2000), "markets": .choices(["local"]), "staff": .integer(3)],
        ["form": .choice("ek"), "founded": .integer(2001), "markets": .choices(["local"]), "staff": .integer(4)],
        ["form": .choice("ek"), "founded": .integer(2001), "markets": .choices(["local"]), "staff": .integer(5)],
        ["form": .choice("ideell"), "founded": .integer(2002), "markets": .choices(["national"]), "staff": .integer(6)],
        ["form": .choice("ideell"), "founded": .integer(2003), "markets": .choices(["local", "national"]), "staff": .integer(7)],
        ["form": .choice("ek"), "markets": .choices(["local"]), "staff": .integer(8)],
    ]

    private func fixture() throws -> ExportFixture {
        let fixture = try ExportFixture(survey: "quasi-identifiers.yaml")
        try fixture.insert(Self.round)
        return fixture
    }

    private static let columns = ["QI_FORM", "QI_FOUNDED", "QI_MARKETS_LOCAL", "QI_MARKETS_NATIONAL", "QI_STAFF"]

    /// The round's cells in those columns as a partner receives them without suppression.
    private static let unprotected = [
        ["company", "2000", "1", "0", "1"],
        ["company", "2000", "1", "0", "2"],
        ["company", "2000", "1", "0", "3"],
        ["cooperative", "2001", "1", "0", "4"],
        ["cooperative", "2001", "1", "0", "5"],
        ["association", "2002", "0", "1", "6"],
        ["association", "2003", "1", "1", "7"],
        ["cooperative", "", "1", "0", "8"],
    ]

    private func cells(_ fixture: ExportFixture, in folder: String = "out") throws -> [[String]] {
        try fixture.table("responses.csv", in: folder).rows.map { row in Self.columns.map { row[$0]! } }
    }

    /// Rows 4-8 are in combinations of fewer than 3. No single blank puts any of them with 3
    /// others, so they lose founded (4 distinct values, ranked first), then form, then markets,
    /// and meet with every quasi-identifier blank: five rows, at least k.
    @Test func rowsInCombinationsOfFewerThanKLoseTheirQuasiIdentifiers() throws {
        let fixture = try fixture()
        let summary = try fixture.export(ExportOptions(language: "sv", profile: .euclid))
        let blank = ["", "", "", ""]
        #expect(try cells(fixture) == Array(Self.unprotected[0...2]) + (4...8).map { blank + ["\($0)"] })
        #expect(summary.warnings.map(\.description) == [
            "\(fixture.outputPath())/disclosure.csv: warning[W601]: to make every combination of quasi-identifiers shared by at least 3 rows (k-anonymity), 14 values were blanked in 5 of 8 rows: QI_FORM 5, QI_MARKETS 5, QI_FOUNDED 4; the package's disclosure.csv records the counts per column, never which rows",
        ])
        let disclosure = try fixture.table("disclosure.csv")
        #expect(disclosure.header == ["column", "variable", "k", "suppression_rank", "suppressed", "rows"])
        #expect(disclosure.rows.map { [$0["column"]!, $0["variable"]!, $0["k"]!, $0["suppression_rank"]!, $0["suppressed"]!, $0["rows"]!] } == [
            ["QI_FORM", "form", "3", "2", "5", "8"],
            ["QI_FOUNDED", "founded", "3", "1", "4", "8"],
            ["QI_MARKETS_LOCAL", "markets", "3", "3", "5", "8"],
            ["QI_MARKETS_NATIONAL", "markets", "3", "3", "5", "8"],
        ])
        let samla = try #require(try fixture.json("datapackage.json")["samla"] as? [String: Any])
        let recorded = try #require(samla["disclosure"] as? [String: Any])
        #expect(recorded["k"] as? Int == 3)
        #expect(recorded["valuesSuppressed"] as? Int == 14)
        #expect(recorded["rowsWithSuppression"] as? Int == 5)
        #expect(recorded["quasiIdentifiers"] as? [String] == ["QI_FORM", "QI_FOUNDED", "QI_MARKETS_LOCAL", "QI_MARKETS_NATIONAL"])
        let provenance = try #require(try fixture.json("provenance.json")["disclosure"] as? [String: Any])
        #expect(provenance["valuesSuppressed"] as? Int == 14)
        #expect(try fixture.read("codebook.md").contains("Röjandeskydd (lokal undertryckning, k = 3): `QI_FORM`, `QI_FOUNDED`, `QI_MARKETS_LOCAL`, `QI_MARKETS_NATIONAL` är kvasi-identifierare."))
    }

    /// A pooling script that reads only the schema learns which columns' blanks may be suppressed values, not missing answers.
    @Test func theSchemaSaysWhichColumnsBlanksMayBeSuppressedValues() throws {
        let fixture = try fixture()
        try fixture.export(ExportOptions(profile: .euclid))
        let package = try fixture.json("datapackage.json")
        let note = "disclosure control: an empty cell may also be a value blanked to k-anonymity (k = 3), not only a missing answer; disclosure.csv counts them"
        for column in Self.columns {
            let description = try SpreadsheetSafetyTests.field(column, in: package)["description"] as? String
            #expect(description?.contains(note) == (column != "QI_STAFF"), "\(column): \(description ?? "")")
        }
        let suppressed = try SpreadsheetSafetyTests.field("suppressed", in: package, resource: "disclosure")
        #expect(suppressed["description"] as? String == "How many values of the column local suppression blanked: empty cells in the data file that are not missing answers")
        try fixture.export(ExportOptions(), to: "own")
        #expect(try !fixture.read("datapackage.json", in: "own").contains("disclosure control:"))
    }

    /// The same round exported twice gives the same bytes: the blanks do not depend on chance or order.
    @Test func theSameRoundIsProtectedAlikeEveryTime() throws {
        let fixture = try fixture()
        try fixture.export(ExportOptions(profile: .euclid))
        try fixture.export(ExportOptions(profile: .euclid), to: "again")
        #expect(try fixture.bytes("responses.csv") == fixture.bytes("responses.csv", in: "again"))
        #expect(try fixture.bytes("disclosure.csv") == fixture.bytes("disclosure.csv", in: "again"))
    }

    @Test func kOfOneChangesNoValue() throws {
        let fixture = try fixture()
        let summary = try fixture.export(ExportOptions(profile: .euclid, kAnonymity: 1))
        #expect(try cells(fixture) == Self.unprotected)
        #expect(summary.warnings.isEmpty)
        #expect(try fixture.table("disclosure.csv").rows.map { $0["suppressed"]! } == ["0", "0", "0", "0"])
    }

    /// k = 2 leaves the pair of cooperatives as they are; the three single rows still meet blank.
    @Test func kIsTheSmallestCombinationLeft() throws {
        let fixture = try fixture()
        try fixture.export(ExportOptions(profile: .euclid, kAnonymity: 2))
        #expect(try cells(fixture)[0...4] == Self.unprotected[0...4])
        #expect(try cells(fixture)[5...7].allSatisfy { $0[0...3].allSatisfy(\.isEmpty) })
    }

    /// The long form leaves a suppressed cell out, as it leaves out every empty cell.
    @Test func theLongFormLeavesSuppressedCellsOut() throws {
        let fixture = try fixture()
        try fixture.export(ExportOptions(shape: .long, profile: .euclid))
        let rows = try fixture.table("responses-long.csv").rows
        #expect(rows.filter { $0["variable"] == "QI_FOUNDED" }.map { $0["value"]! } == ["2000", "2000", "2000"])
        #expect(rows.filter { $0["variable"] == "QI_STAFF" }.count == 8)
    }

    @Test func theStandardExportIsUnchanged() throws {
        let fixture = try fixture()
        let summary = try fixture.export(ExportOptions())
        #expect(summary.warnings.isEmpty)
        #expect(try !fixture.allFiles().keys.contains("disclosure.csv"))
        let rows = try fixture.table("responses.csv").rows
        #expect(rows.map { $0["form"]! } == ["ab", "ab", "ab", "ek", "ek", "ideell", "ideell", "ek"])
        #expect(rows.map { $0["founded"]! } == ["2000", "2000", "2000", "2001", "2001", "2002", "2003", ""])
        #expect(try fixture.json("provenance.json")["disclosure"] == nil)
    }

    @Test func aPartnerExportOfADefinitionWithoutQuasiIdentifiersSaysSo() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        let summary = try fixture.export(ExportOptions(profile: .euclid))
        #expect(summary.warnings.map(\.code.id) == ["W602"])
        #expect(try fixture.table("disclosure.csv").rows.isEmpty)
    }

    /// A value that is blanked is not written, but a code the definition does not list still
    /// stops the export (E604), as it does when it is written.
    @Test func aBlankedCodeMissingFromTheDefinitionStillStopsTheExport() throws {
        let fixture = try fixture()
        let ids = try fixture.insert([["form": .choice("gmbh"), "founded": .integer(1999), "staff": .integer(9)]])
        #expect(throws: ExportError.unknownCode(response: ids[0], variable: "form", code: "gmbh")) {
            try fixture.export(ExportOptions(profile: .euclid))
        }
    }

    /// Named to be blanked last, founding year moves to the end of the rank (disclosure.csv) and the
    /// package records what was asked; a name that is no quasi-identifier column is refused (E608).
    @Test func columnsNamedToBeSuppressedLastAreBlankedLast() throws {
        let fixture = try fixture()
        try fixture.export(ExportOptions(profile: .euclid, suppressLast: ["QI_FOUNDED"]))
        let disclosure = try fixture.table("disclosure.csv").rows
        #expect(disclosure.map { [$0["column"]!, $0["suppression_rank"]!] } == [
            ["QI_FORM", "1"], ["QI_FOUNDED", "3"], ["QI_MARKETS_LOCAL", "2"], ["QI_MARKETS_NATIONAL", "2"],
        ])
        let samla = try #require(try fixture.json("datapackage.json")["samla"] as? [String: Any])
        #expect((samla["disclosure"] as? [String: Any])?["suppressedLast"] as? [String] == ["QI_FOUNDED"])

        let unknown = ExportError.suppressLastUnknown("QI_FOUNDE", quasiIdentifiers: ["QI_FORM", "QI_FOUNDED", "QI_MARKETS"])
        #expect(throws: unknown) { try fixture.export(ExportOptions(profile: .euclid, suppressLast: ["QI_FOUNDE"]), to: "refused") }
        #expect(!FileManager.default.fileExists(atPath: fixture.outputPath("refused")))
        #expect(unknown.diagnostics(database: "db").map(\.description) == [
            "field --suppress-last: error[E608]: QI_FOUNDE is not a quasi-identifier column of this export (did you mean QI_FOUNDED?); its quasi-identifier columns are QI_FORM, QI_FOUNDED, QI_MARKETS (nothing was exported)",
        ])
    }

    @Test func kBelowOneIsRefused() throws {
        let fixture = try fixture()
        #expect(throws: ExportError.kAnonymityInvalid(0)) { try fixture.export(ExportOptions(profile: .euclid, kAnonymity: 0)) }
        #expect(!FileManager.default.fileExists(atPath: fixture.outputPath()))
        #expect(ExportError.kAnonymityInvalid(0).diagnostics(database: "db").map(\.description) == [
            "field --k-anonymity: error[E607]: k must be a whole number of at least 1 (every row shares its quasi-identifiers with at least k - 1 others), not 0; use 3, the default, or 1 to suppress nothing",
        ])
    }
}
