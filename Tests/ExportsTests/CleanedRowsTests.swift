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
    /// `round`: more keys of the round (a weighting); `indicators`: more indicators.
    static func framework(cleaning: String, round: String = "", indicators: String = "") throws -> ExportFramework {
        let text = """
            id: ex-toc
            title: {sv: "Test", en: "Test"}
            languages: [sv, en]
            rounds:
              - name: ex-2025
                survey: export-test
                label: {sv: "2025", en: "2025"}
            \(round)
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
            \(indicators)
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
        // The codebook says why partial rows are there and that the figures count them.
        let codebook = try fixture.read("codebook.md")
        #expect(codebook.contains("- Även påbörjade svar som inte skickades in, där rensningens regel om fullständighet behöll dem (minst 50"), "\(codebook)")
        #expect(codebook.contains("frågor som gällde svaret besvarade): de räknas i resultaten som de inskickade; kolumnen `status` skiljer dem åt"), "\(codebook)")
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

    /// A weighted round's data file holds no weights: the provenance file gives the population
    /// figures, method and bounds they are computed with, so that an analyst can compute them again
    /// (R's `calibrate`) and reproduce the weighted figures.
    @Test func theProvenanceGivesTheRoundsWeighting() throws {
        let fixture = try ExportFixture()
        let forms: [(String, Int64)] = [("ab", 1990), ("ab", 2001), ("ek", 1995), ("ek", 2010), ("ideell", 1985), ("ideell", 2020)]
        try fixture.insert(forms.map { form, year in
            var answers = ExportFixture.sample[0]
            answers["legal_form"] = .choice(form)
            answers["founded"] = .integer(year)
            return answers
        })
        let framework = try Self.framework(cleaning: "    eligible: \"${founded} >= 1850\"", round: """
                calibrate:
                  counts: {legal_form: {ab: 2, ek: 3, ideell: 3}}
                  totals: {founded: 16010}
                  method: raking
                  bounds: [0.5, 2]
                  source: {sv: "Registret 2025", en: "The register 2025"}
            """, indicators: """
              - id: women
                node: reached
                kind: mean
                survey: export-test
                title: {sv: "Kvinnor", en: "Women"}
                value: "${women_share}"
                weight: age
                poststratify: false
            """)
        try fixture.export(try framework.apply(to: ExportOptions(language: "en"), round: fixture.round, store: fixture.store))

        let weighting = try #require(try fixture.json("provenance.json")["weighting"] as? [String: Any])
        #expect(weighting["applied"] as? Bool == true)
        #expect(weighting["method"] as? String == "calibration")
        #expect(weighting["calibrationMethod"] as? String == "raking")
        #expect(weighting["bounds"] as? [Double] == [0.5, 2])
        #expect(weighting["population"] as? Double == 8)
        #expect(weighting["counts"] as? [String: [String: Double]] == ["legal_form": ["ab": 2, "ek": 3, "ideell": 3]])
        #expect(weighting["totals"] as? [String: Double] == ["founded": 16010])
        #expect(weighting["source"] as? String == "The register 2025")
        #expect(weighting["notWeighted"] as? [String] == ["women"])
        #expect(weighting["indicatorWeights"] as? [[String: String]] == [["indicator": "women", "weight": "age"]])
        // The data package says it too, for a reader of datapackage.json alone.
        let samla = try #require(try fixture.json("datapackage.json")["samla"] as? [String: Any])
        let inPackage = try #require(samla["weighting"] as? [String: Any])
        #expect(try JSONSerialization.data(withJSONObject: inPackage, options: .sortedKeys)
            == JSONSerialization.data(withJSONObject: weighting, options: .sortedKeys))
    }

    /// An unweighted round says so, rather than leaving the reader to guess.
    @Test func theProvenanceSaysWhenARoundIsNotWeighted() throws {
        let fixture = try ExportFixture()
        try fixture.insert([ExportFixture.sample[0]])
        try fixture.export(try Self.framework(cleaning: "    eligible: \"${founded} >= 1850\"")
            .apply(to: ExportOptions(), round: fixture.round, store: fixture.store))
        let weighting = try #require(try fixture.json("provenance.json")["weighting"] as? [String: Any])
        #expect(weighting["applied"] as? Bool == false)
        #expect(weighting["indicatorWeights"] as? [Any] != nil)
        let samla = try #require(try fixture.json("datapackage.json")["samla"] as? [String: Any])
        #expect((samla["weighting"] as? [String: Any])?["applied"] as? Bool == false)
    }

    /// The rows and the cleaning log are not enough to compute a figure again: the provenance file
    /// gives each indicator as the framework defines it, with the threshold its cells are withheld below.
    @Test func theProvenanceGivesHowEachIndicatorIsComputed() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        let framework = try Self.framework(cleaning: "    eligible: \"${founded} >= 1850\"", indicators: """
              - id: boards
                node: reached
                kind: proportion
                survey: export-test
                title: {sv: "Styrelser", en: "Boards"}
                universe: "${legal_form} != 'ab'"
                numerator: "${has_board} = 'yes'"
                unit: percent
                direction: up
                disaggregate: [legal_form]
                targets: {ex-2025: 0.5}
            """)
        try fixture.export(try framework.apply(to: ExportOptions(), round: fixture.round, store: fixture.store))

        let indicators = try #require(try fixture.json("provenance.json")["indicators"] as? [String: Any])
        #expect(indicators["suppression"] as? [String: Int] == ["minCell": 1, "minBase": 1])
        #expect(indicators["rounds"] as? [String] == ["ex-2025"])
        let definitions = try #require(indicators["definitions"] as? [[String: Any]])
        #expect(definitions.map { $0["id"] as? String } == ["organisations", "boards"])
        let boards = definitions[1]
        #expect(boards["kind"] as? String == "proportion")
        #expect(boards["universe"] as? String == "${legal_form} != 'ab'")
        #expect(boards["numerator"] as? String == "${has_board} = 'yes'")
        #expect(boards["disaggregate"] as? [String] == ["legal_form"])
        #expect(boards["threshold"] as? Int == 1)
        #expect(boards["unit"] as? String == "percent")
        #expect(boards["targets"] as? [String: Double] == ["ex-2025": 0.5])
    }
}
