import Foundation
import Frameworks
import Store
import SurveyDefinition
import Testing
@testable import Exports

/// An export cleaned by a framework holds exactly the rows its results were computed from, so that
/// an analyst can reproduce every figure from the export alone (scripts/stats/reproduce-demo.py).
@Suite struct CleanedRowsTests {
    /// A framework of one count over the fixture survey, published from one response up.
    static func framework(cleaning: String) throws -> ExportFramework {
        let text = """
            id: ex-toc
            title: {sv: "Test", en: "Test"}
            languages: [sv, en]
            rounds:
              - {name: ex-2025, survey: export-test, label: {sv: "2025", en: "2025"}}
            suppression: {min_cell: 1, min_base: 1}
            cleaning:
              export-test:
            \(cleaning)
            impact: {id: goal, title: {sv: "Mål", en: "Goal"}}
            outcomes:
              - {id: reached, title: {sv: "Nått", en: "Reached"}, contributes_to: [goal]}
            indicators:
              - id: organisations
                node: reached
                kind: count
                survey: export-test
                title: {sv: "Organisationer", en: "Organisations"}
                unit: organisations
            """
        let fixture = SurveyLoader.load(contentsOf: ExportFixture.fixtures.appendingPathComponent("export-test.yaml").path)
        let loaded = FrameworkLoader.load(text: text, path: "ex-toc.yaml", surveys: SurveyCatalogue([try #require(fixture.document).survey]))
        return ExportFramework(framework: try #require(loaded.framework, "\(loaded.diagnostics)"), source: "ex-toc.yaml")
    }

    /// The completeness rule reads partial responses and keeps those complete enough: the figures
    /// count them, so the export holds them too, marked `partial`, and leaves out the one it removed.
    @Test func aPartialResponseTheCompletenessRuleKeptIsExported() throws {
        let fixture = try ExportFixture()
        let complete = try fixture.insert([ExportFixture.sample[0], ExportFixture.sample[2]])
        var nearlyAll = ExportFixture.sample[0]
        nearlyAll["contact"] = nil
        let kept = try fixture.insertPartial(nearlyAll)
        let removed = try fixture.insertPartial(["org_name": .text("Bara namnet")])

        let options = try Self.framework(cleaning: "    min_completeness: 0.5")
            .apply(to: ExportOptions(), round: fixture.round, store: fixture.store)
        try fixture.export(options)

        let data = try fixture.table("responses.csv").rows
        #expect(data.map { $0["response_id"] } == (complete + [kept]).map { String($0) })
        #expect(data.map { $0["status"] } == ["complete", "complete", "partial"])
        #expect(try fixture.table("cleaning-log.csv").rows.map { $0["response_id"] } == [String(removed)])
        let total = try #require(try fixture.table("results.csv").rows.first { $0["indicator"] == "organisations" && $0["breakdown"] == "" })
        #expect(total["n"] == String(data.count), "the figure's base is the export's rows")
        let provenance = try fixture.json("provenance.json")
        #expect((provenance["options"] as? [String: Any])?["responses"] as? String == "complete and partial")
    }

    /// Without a completeness rule the results read submitted responses only, and so does the export.
    @Test func withoutTheCompletenessRuleOnlySubmittedResponsesAreExported() throws {
        let fixture = try ExportFixture()
        let complete = try fixture.insert([ExportFixture.sample[0], ExportFixture.sample[2]])
        try fixture.insertPartial(ExportFixture.sample[1])

        let options = try Self.framework(cleaning: "    eligible: \"${founded} >= 1850\"")
            .apply(to: ExportOptions(), round: fixture.round, store: fixture.store)
        try fixture.export(options)

        let data = try fixture.table("responses.csv")
        #expect(!data.header.contains("status"))
        #expect(data.rows.map { $0["response_id"] } == complete.map { String($0) })
        let total = try #require(try fixture.table("results.csv").rows.first { $0["indicator"] == "organisations" && $0["breakdown"] == "" })
        #expect(total["n"] == "2")
    }
}
