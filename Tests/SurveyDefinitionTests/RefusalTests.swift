import Diagnostics
import SurveyDefinition
import Testing

/// A survey's `refusal`, the condition on the answers that means the respondent declined to take
/// part: read, and checked as every expression is, at its place in the file.
@Suite struct RefusalTests {
    /// A one-page survey asking for consent (list yes_no, `1` and `0`), whose `refusal` is `value`
    /// written on line 5.
    private func survey(refusal value: String) -> String {
        OnePageSurvey.yaml(questions: """
              - {name: consent, type: select_one, choices: yes_no, label: Samtycke}
              - {name: members, type: integer, label: Medlemmar}
        """, yesNo: true).replacing("languages: [sv]\n", with: "languages: [sv]\nrefusal: \(value)\n")
    }

    private func diagnostics(_ text: String) -> [String] {
        SurveyLoader.load(text: text, path: "club.yaml").diagnostics.map(\.description)
    }

    @Test func aRefusalIsReadAsAnExpressionAtItsPlace() throws {
        let result = SurveyLoader.load(text: survey(refusal: "\"${consent} = 0\""), path: "club.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let refusal = try #require(result.document?.survey.refusal)
        #expect(refusal.text == "${consent} = 0")
        #expect(refusal.location == SourceLocation(file: "club.yaml", line: 5, column: 11))
        #expect(result.document?.survey.location(of: "refusal") == SourceLocation(file: "club.yaml", line: 5, column: 10))
    }

    /// A misspelt name is reported at its line and column, with the name meant.
    @Test func anUnknownNameIsReportedAtItsColumnWithTheNameMeant() {
        #expect(diagnostics(survey(refusal: "\"${members} < 1 or ${consnt} = 0\"")) == [
            "club.yaml:5:29: error[E212]: ${consnt} names no variable known here (did you mean consent?)",
        ])
    }

    /// The refusal is a condition: a number is not one, nor is a code the list does not have a
    /// code to compare with, and text that does not parse is an error where it stops.
    @Test func aRefusalMustBeAConditionOverTheListsCodes() {
        let number = diagnostics(survey(refusal: "\"${members} + 1\""))
        #expect(number.count == 1 && number[0].hasPrefix("club.yaml:5:11: error[E2"), "\(number)")
        let code = diagnostics(survey(refusal: "\"${consent} = 'nej'\""))
        #expect(code.count == 1 && code[0].hasPrefix("club.yaml:5:24: error[E224]") && code[0].contains("'nej'"), "\(code)")
        let broken = diagnostics(survey(refusal: "\"${consent} = \""))
        #expect(broken.count == 1 && broken[0].hasPrefix("club.yaml:5:") && broken[0].contains("error[E2"), "\(broken)")
    }

    /// A refusal that is no text (a list) is refused as the value of any expression key is.
    @Test func aRefusalThatIsNoTextIsRefused() {
        let listed = diagnostics(survey(refusal: "[no]"))
        #expect(listed.count == 1 && listed[0].hasPrefix("club.yaml:5:10: error[") && listed[0].contains("`refusal` of the survey"), "\(listed)")
    }
}
