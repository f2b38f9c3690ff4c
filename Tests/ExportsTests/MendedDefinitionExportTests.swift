import Expressions
import Foundation
import Store
import SurveyDefinition
import Testing
@testable import Exports

/// A round whose definition was mended while it collected holds responses of two versions: the
/// codebook says so, with each version's count, instead of describing them all as the last one.
@Suite struct MendedDefinitionExportTests {
    @Test func theCodebookNamesEachVersionTheResponsesWereAnsweredUnder() throws {
        let fixture = try ExportFixture()
        try fixture.insert([ExportFixture.sample[0], ExportFixture.sample[1]])
        let text = try String(contentsOf: ExportFixture.fixtures.appendingPathComponent("export-test.yaml"), encoding: .utf8)
        let mended = try #require(SurveyLoader.load(text: text.replacingOccurrences(of: #"version: "2025.2""#, with: #"version: "2025.3""#), path: "export-test.yaml").document)
        try fixture.store.openRound(RoundRequest(
            name: fixture.round, document: mended, opens: CalendarDate(year: 2025, month: 10, day: 1)!,
            closes: CalendarDate(year: 2026, month: 1, day: 31)!, anonymous: true))
        try fixture.store.insertCompleteResponses(round: fixture.round, document: mended, source: .import) { inserter in
            _ = try inserter.insert(fixture.values(ExportFixture.sample[2]), info: ImportedResponseInfo(language: "sv"))
        }
        let summary = try fixture.export()
        #expect(summary.facts.answeredUnder.map(\.version) == ["2025.2", "2025.3"])
        #expect(summary.facts.answeredUnder.map(\.responses) == [2, 1])
        let first = fixture.document.contentHash.prefix(12), second = mended.contentHash.prefix(12)
        let codebook = try fixture.read("codebook.md")
        #expect(codebook.contains(
            "- Besvarad med 2 versioner av definitionen: 2025.2 (`\(first)`): 2\u{00A0}svar; 2025.3 (`\(second)`): 1\u{00A0}svar. "
                + "Kolumnerna, texterna och reglerna nedan är version 2025.3:s; "), "\(codebook.prefix(900))")
        let (header, rows) = try fixture.table("responses.csv")
        #expect(Array(header.prefix(6)) == ["response_id", "language", "submitted_at", "source", "api_client", "definition_version"])
        #expect(rows.map { $0["definition_version"] } == ["2025.2", "2025.2", "2025.3"], "each row's own version")
        #expect(codebook.contains("The column `definition_version`") || codebook.contains("Kolumnen `definition_version` anger vilken version varje svar gavs med."))
        let field = try #require(((try fixture.json("datapackage.json")["resources"] as? [[String: Any]])?.first?["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
            .first { $0["name"] as? String == "definition_version" }
        #expect((field?["constraints"] as? [String: Any])?["enum"] as? [String] == ["2025.2", "2025.3"])

        try fixture.export(ExportOptions(profile: .euclid), to: "partner")
        let partner = try fixture.table("responses.csv", in: "partner")
        #expect(Array(partner.header.prefix(4)) == ["respondent_id", "language", "source", "definition_version"])

        let definition = try #require(try fixture.json("provenance.json")["definition"] as? [String: Any])
        let uses = try #require(definition["answeredUnder"] as? [[String: Any]])
        #expect(uses.map { $0["version"] as? String } == ["2025.2", "2025.3"])
        #expect(uses.map { $0["sha256"] as? String } == [fixture.document.contentHash, mended.contentHash])
        #expect(uses.map { $0["responses"] as? Int } == [2, 1])
    }

    @Test func aRoundOfOneDefinitionSaysNothingOfVersions() throws {
        let fixture = try ExportFixture()
        try fixture.insert([ExportFixture.sample[0]])
        try fixture.export()
        #expect(!(try fixture.read("codebook.md")).contains("Besvarad med"))
        #expect(!(try fixture.table("responses.csv").header.contains("definition_version")), "one version: no column")
        let definition = try #require(try fixture.json("provenance.json")["definition"] as? [String: Any])
        #expect((definition["answeredUnder"] as? [[String: Any]])?.map { $0["responses"] as? Int } == [1])
    }
}
