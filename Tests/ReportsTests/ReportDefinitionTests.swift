import Diagnostics
import Foundation
import Frameworks
import Testing
@testable import Reports

/// Loading report definitions: the model, the shipped reports, and every diagnostic with its place.
struct ReportDefinitionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theClubReportLoadsWithItsSectionsAndPathsFromItsFolder() throws {
        let fixture = try ClubFixture()
        let definition = try fixture.definition()
        #expect(definition.id == "club-report")
        #expect(definition.language == "sv")
        #expect(definition.rounds == ["club-2024", "club-2025", "year-2025"])
        #expect(definition.frameworkPath == ClubFixture.path("club-toc.yaml"))
        #expect(definition.outputPath == ClubFixture.path("output/club-report.html"))
        #expect(definition.sections == [.summary, .theoryOfChange, .indicators(only: nil, breakdowns: true), .methods,
                                        .topline(round: "club-2025", openAnswers: 10)])
    }

    /// Every file under reports/, so that a report added there is checked without listing it here.
    static var shippedReports: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("reports").path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "reports/" + $0 }
    }

    @Test func theShippedReportsAreFound() {
        #expect(Self.shippedReports == ["reports/esem-se-topline.yaml", "reports/msi-impact.yaml", "reports/samverkansforum.yaml"])
    }

    @Test(arguments: shippedReports)
    func theShippedReportsLoadWithoutDiagnostics(_ file: String) {
        let loaded = ReportLoader.load(contentsOf: Self.root.appendingPathComponent(file).path)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.description))")
        #expect(loaded.definition != nil)
        #expect(loaded.framework != nil)
    }

    /// The ESEM topline withholds a number's mean that one firm dominates (its staff, its volunteers).
    @Test func theShippedToplineAppliesThePPercentRule() throws {
        let loaded = ReportLoader.load(contentsOf: Self.root.appendingPathComponent("reports/esem-se-topline.yaml").path)
        #expect(loaded.definition?.sections.first == .topline(round: "esem-se-2025", openAnswers: 10, pPercent: 10))
    }

    @Test func theForumReportDeclaresItsPopulation() throws {
        let loaded = ReportLoader.load(contentsOf: Self.root.appendingPathComponent("reports/samverkansforum.yaml").path)
        let population = try #require(loaded.definition?.population)
        #expect(population.resolved("en") == "all participants in Samverkansforum 2026")
        #expect(population.resolved("sv") == "alla deltagare i Samverkansforum 2026")
    }

    @Test func everyProblemOfShapeIsReportedAtItsPlace() {
        let loaded = ReportLoader.load(contentsOf: ClubFixture.path("broken-report.yaml"))
        let found = loaded.diagnostics.map { "\($0.code.id) \($0.location.sortLine)" }
        #expect(loaded.definition == nil)
        #expect(found.contains("E500 1"))   // id not a slug
        #expect(found.contains("E501 3"))   // language de
        #expect(found.contains("E507 5"))   // output not .html
        #expect(found.contains("E504 7"))   // summry
        #expect(found.contains("E008 8"))   // topline without a round
        #expect(found.contains("E509 9"))   // open_answers: many
        #expect(found.contains("E117 10"))  // only: [], an indicators section without indicators
        #expect(found.contains("E509 11"))  // p_percent: 150
        #expect(found.contains("E510 11"))  // club-2025's topline a second time
        let p = loaded.diagnostics.first { $0.code == .invalidReportOption && $0.location.sortLine == 11 }
        #expect(p?.message.contains("a percentage from 0 (the rule off) to 100, such as 10, not '150'") == true)
        let misspelt = loaded.diagnostics.first { $0.code == .unknownReportSection }
        #expect(misspelt?.message.contains("did you mean summary?") == true)
    }

    /// E510: a section that shows again what one before it shows would print it twice, with the
    /// same ids twice in the page; the toplines of two rounds, and indicators sections of their own
    /// indicators, are kept.
    @Test func aSectionShownTwiceIsRefused() throws {
        func messages(_ sections: String) throws -> [String] {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("samla-twice-\(UUID().uuidString).yaml")
            defer { try? FileManager.default.removeItem(at: file) }
            try ("id: club-report\ntitle: {sv: \"R\", en: \"R\"}\nlanguage: sv\nframework: \(ClubFixture.path("club-toc.yaml"))\nsections:\n" + sections)
                .write(to: file, atomically: true, encoding: .utf8)
            return ReportLoader.load(contentsOf: file.path).diagnostics.map { "\($0.code.id) \($0.location.sortLine): \($0.message)" }
        }
        #expect(try messages("  - methods\n  - summary\n  - methods\n") == [
            "E510 8: section 3 is a second methods section, after section 1; a report shows it once: remove one of them",
        ])
        #expect(try messages("  - {type: topline, round: club-2025}\n  - {type: topline, round: club-2025, open_answers: 3}\n") == [
            "E510 7: section 2 is the topline of club-2025, as section 1 is; a report shows it once: remove one of them",
        ])
        #expect(try messages("  - indicators\n  - {type: indicators, only: [happy]}\n") == [
            "E510 7: section 2 shows indicators that section 1 shows already (a section without `only` shows them all); give each indicators section an `only` list of its own indicators, or remove one",
        ])
        #expect(try messages("  - {type: indicators, only: [happy]}\n  - {type: indicators, only: [mean_score, happy]}\n") == [
            "E510 7: section 2 shows the indicator `happy`, which section 1 shows already; a report shows each indicator once: remove it from one of the two `only` lists",
        ])
        #expect(try messages("  - {type: topline, round: club-2024}\n  - {type: topline, round: club-2025}\n") == [])
    }

    @Test func checksAgainstTheFrameworkNameRoundsAndIndicators() {
        let loaded = ReportLoader.load(contentsOf: ClubFixture.path("mismatched-report.yaml"))
        let found = loaded.diagnostics.map { "\($0.code.id) \($0.location.sortLine)" }
        #expect(loaded.definition == nil)
        #expect(found.contains("E503 5"))   // club-2026 is not declared
        #expect(found.contains("E505 7"))   // a topline of a reporting period
        #expect(found.contains("E506 8"))   // hapy
        let round = loaded.diagnostics.first { $0.code == .unknownReportRound }
        #expect(round?.message.contains("its rounds are club-2024, club-2025, year-2025") == true)
        #expect(round?.message.contains("did you mean") == false, "club-2026 is another year to declare, not a misspelling of club-2025")
        #expect(round?.description.hasPrefix(ClubFixture.path("mismatched-report.yaml") + ":5:") == true)
    }

    @Test func aFrameworkThatIsNotThereIsNamed() {
        let loaded = ReportLoader.load(contentsOf: ClubFixture.path("missing-framework.yaml"))
        #expect(loaded.diagnostics.map(\.code) == [.reportFrameworkUnusable])
        #expect(loaded.diagnostics.first?.message.contains("nowhere/toc.yaml") == true)
    }

    @Test func theReportCodesAreInTheCatalogueAndDocumented() throws {
        let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        for code in DiagnosticCode.catalogue where code.id.dropFirst().hasPrefix("5") {
            #expect(doc.contains("### \(code.id): \(code.summary)"), "\(code.id) is not described in docs/diagnostics.md")
        }
        #expect(DiagnosticCode.catalogue.filter { $0.id.dropFirst().hasPrefix("5") }.count == 13, "E520 is no longer reported: a topline round the database does not have is E441")
    }
}

extension DiagnosticLocation {
    /// The line of a source location (0 otherwise), for compact expectations.
    var sortLine: Int {
        if case .source(let location) = self { return location.line }
        return 0
    }
}
