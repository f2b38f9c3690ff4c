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

    /// A size whose code the next year renamed, its label kept, is one group of the table: the
    /// 2025 row of `liten` under the 2024 row of `small`, with the change between them.
    @Test func aGroupWhoseCodeWasRenamedIsOneGroupOfTheTable() throws {
        let rendered = try ClubFixture(renamedSmall: true).render()
        let small = "<th scope=\"row\">Liten &lt;script&gt;alert(1)&lt;/script&gt;</th>"
        // The indicator's table (rows with a round), not the topline's count of the choice.
        let rows = rendered.components(separatedBy: "<tr").filter { $0.contains(small) && $0.contains("class=\"round\"") }
        #expect(rows.count == 2, "\(rows)")
        #expect(rows.first?.contains("<td class=\"round\">Klubb 2024</td>") == true, "\(rows)")
        let later = try #require(rows.last)
        #expect(later.contains("<td class=\"round\">Klubb 2025</td>"), "\(later)")
        #expect(later.contains("<td class=\"num\">+20,0 (−7,6 till 42,9)</td>"), "the change since 2024: \(later)")
        // Adjacent: no other group's row between the two.
        let first = try #require(rendered.range(of: rows[0]))
        #expect(rendered[first.upperBound...].hasPrefix("<tr" + rows[1]), "the two rows are apart")
        #expect(!rendered.contains("ställdes olika"), "a rename asks what was asked")
    }

    /// Each round's row of a group is labelled as that round asked it: a label reworded since is
    /// not shown with the earlier round's words.
    @Test func eachRoundsRowHasItsOwnLabel() throws {
        let rendered = try ClubFixture(rewordedSmall: true).render()
        let rows = rendered.components(separatedBy: "<tr").filter { $0.contains("class=\"round\"") && $0.contains("Liten") }
        #expect(rows.count == 2, "\(rows)")
        #expect(rows.first?.hasPrefix("><th scope=\"row\">Liten &lt;script&gt;alert(1)&lt;/script&gt;</th><td class=\"round\">Klubb 2024</td>") == true, "\(rows)")
        #expect(rows.last?.hasPrefix("><th scope=\"row\">Liten, under 10 medlemmar &lt;script&gt;alert(1)&lt;/script&gt;</th><td class=\"round\">Klubb 2025</td>") == true, "\(rows)")
    }
}
