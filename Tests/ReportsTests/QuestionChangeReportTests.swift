import Foundation
import Store
import SurveyDefinition
import Testing
@testable import Reports

/// A report comparing two rounds whose definitions ask a question differently says so beside the
/// indicator's figures, and the report's warnings give it at the indicator in the framework.
struct QuestionChangeReportTests {
    @Test func aQuestionAskedDifferentlyInTheLaterRoundIsExplainedUnderItsIndicator() throws {
        let fixture = try ClubFixture()
        // The next year asks the score on a scale of 1 to 10: club-2025 is re-opened with that definition.
        let text = try String(contentsOfFile: ClubFixture.path("club.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"")
            .replacingOccurrences(of: "label: {sv: \"Betyg (1–5)\", en: \"Score (1–5)\"}", with: "label: {sv: \"Betyg (1–10)\", en: \"Score (1–10)\"}")
        let version2 = try #require(SurveyLoader.load(text: text, path: "club.yaml").document)
        _ = try fixture.store.openRound(RoundRequest(name: "club-2025", document: version2))

        let rendered = try ReportGenerator(definition: try fixture.definition(), framework: fixture.framework, store: fixture.store,
                                           today: ClubFixture.today, samlaVersion: "test").render()
        // Both indicators read the score; each is explained once, in the report's language (Swedish).
        for indicator in ["happy", "mean_score"] {
            let note = "<p class=\"note\">\(indicator): förändringen från club-2024 till club-2025 jämför svar på frågor som ställdes olika "
                + "(club version 1 → 2): score: frågetexten ändrad (en, sv); läs den som en förändring bara om svaren betyder samma sak i båda omgångarna</p>"
            #expect(rendered.html.components(separatedBy: note).count == 2, "\(indicator)")
        }
        #expect(rendered.warnings.filter { $0.code.description == "W305" }.count == 2)

        // With the definition unchanged, nothing is said.
        let unchanged = try ClubFixture().render()
        #expect(!unchanged.contains("ställdes olika"))
    }
}
