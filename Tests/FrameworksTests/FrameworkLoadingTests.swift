import Diagnostics
import Foundation
import Frameworks
import SurveyDefinition
import Testing

struct FrameworkLoadingTests {
    @Test func validFixtureReadsIntoTheModel() throws {
        let result = FrameworkLoader.load(contentsOf: Fixtures.valid.path, surveys: Fixtures.catalogue)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let framework = try #require(result.framework)
        #expect(framework.id == "shop-toc")
        #expect(framework.languages == ["sv", "en"])
        #expect(framework.rounds.map(\.name) == ["shop-2024", "shop-2025", "year-2025"])
        #expect(framework.rounds[2].survey == nil)
        #expect(framework.nodes.map(\.level) == [.impact, .outcome, .output, .activity])
        let satisfied = try #require(framework.indicators.first { $0.id == "satisfied" })
        #expect(satisfied.kind == .proportion)
        #expect(satisfied.numerator?.text == "${score} >= 4")
        #expect(satisfied.disaggregate == ["region", "member"])
        #expect(satisfied.baseline?.round == "shop-2024" && satisfied.baseline?.value == 0.5)
        #expect(satisfied.target(forRound: "shop-2025") == 0.6)
        #expect(satisfied.threshold(defaults: framework.suppression) == 10)
        let spend = try #require(framework.indicators.first { $0.id == "mean_spend" })
        #expect(spend.threshold(defaults: framework.suppression) == 5)
        #expect(spend.weight == "weight")
        let courses = try #require(framework.indicators.first { $0.id == "courses" })
        #expect(courses.reportedValues.map(\.value) == [4])
        let rules = framework.cleaningRules(forRound: "shop-2025")
        #expect(rules.minCompleteness == 0.5)
        #expect(rules.duplicateKey == ["name"])
        #expect(framework.cleaningRules(forRound: "year-2025").isEmpty)
    }

    @Test func percentOnAMeanIsAWarningOnly() throws {
        let text = try String(contentsOf: Fixtures.valid, encoding: .utf8)
            .replacingOccurrences(of: "    weight: weight\n", with: "    weight: weight\n    unit: percent\n")
        let result = FrameworkLoader.load(text: text, path: "percent.yaml", surveys: Fixtures.catalogue)
        #expect(result.framework != nil)
        #expect(result.diagnostics.map(\.code.id) == ["W301"])
    }

    @Test func problemsFoundAgainstADefinitionFromElsewhereNameIt() throws {
        let text = try String(contentsOf: Fixtures.valid, encoding: .utf8)
            .replacingOccurrences(of: "${score} >= 4", with: "${scor} >= 4")
            .replacingOccurrences(of: "duplicate_key: [name]", with: "duplicate_key: [nam]")
            .replacingOccurrences(of: "    direction: up\n", with: "")
        var catalogue = Fixtures.catalogue
        catalogue.origins["shop"] = "shop version 2, the latest definition of it in the database"
        let result = FrameworkLoader.load(text: text, path: "stored.yaml", surveys: catalogue)
        let byCode = Dictionary(grouping: result.errors, by: \.code.id).mapValues { $0.map(\.message) }
        #expect(byCode.keys.sorted() == ["E212", "E311", "E320"])
        for code in ["E212", "E311"] {
            #expect(byCode[code]?.allSatisfy { $0.hasSuffix(" (checked against shop version 2, the latest definition of it in the database)") } == true,
                    "\(byCode[code] ?? [])")
        }
        // A problem of the framework alone does not name the definition.
        #expect(byCode["E320"]?.first?.contains("checked against") == false)
    }

    @Test func aSurveyGivenAsTheFrameworkIsNamedAsSuch() throws {
        let path = Fixtures.folder.appendingPathComponent("surveys/shop.yaml").path
        let result = FrameworkLoader.load(contentsOf: path, surveys: Fixtures.catalogue)
        #expect(result.framework == nil)
        #expect(result.diagnostics.map(\.description) == [
            "\(path):1:1: error[E012]: this is a survey definition (it has `pages`), not a framework; a framework has `impact` and `indicators`",
        ])
    }

    @Test func surveysAreFoundBesideTheFramework() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("frameworks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("frameworks"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("surveys"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.folder.appendingPathComponent("surveys/shop.yaml"), to: folder.appendingPathComponent("surveys/shop.yaml"))
        try FileManager.default.copyItem(at: Fixtures.valid, to: folder.appendingPathComponent("frameworks/shop-toc.yaml"))
        let result = FrameworkLoader.load(contentsOf: folder.appendingPathComponent("frameworks/shop-toc.yaml").path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func theShippedFrameworkIsClean() throws {
        let path = Fixtures.repository.appendingPathComponent("frameworks/msi-toc.yaml").path
        let result = FrameworkLoader.load(contentsOf: path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let framework = try #require(result.framework)
        #expect((18...25).contains(framework.indicators.count))
        #expect(Set(framework.indicators.map(\.kind)) == Set(IndicatorKind.allCases))
        for indicator in framework.indicators {
            #expect(indicator.title["sv"] != nil && indicator.title["en"] != nil)
        }
        #expect(framework.indicators.contains { $0.baseline != nil })
        #expect(framework.indicators.contains { !$0.targets.isEmpty })
    }
}
