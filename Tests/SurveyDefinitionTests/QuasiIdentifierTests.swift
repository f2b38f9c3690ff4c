import Diagnostics
import SurveyDefinition
import Testing

/// `quasi_identifier`: read like `pii` (true or false only, not on a note), and refused where a
/// partner export could never protect it (E121) or would blank nearly every answer (E122).
@Suite struct QuasiIdentifierTests {
    private func diagnostics(_ questions: String, yesNo: Bool = true) -> [String] {
        SurveyLoader.load(text: OnePageSurvey.yaml(questions: questions, yesNo: yesNo), path: "s.yaml").diagnostics.map(\.description)
    }

    @Test func aMarkedQuestionAndItsVariablesAreQuasiIdentifiers() throws {
        let text = OnePageSurvey.yaml(questions: """
              - {name: form, type: select_one, choices: yes_no, other: true, label: F, export_as: EX_FORM, quasi_identifier: true}
              - {name: staff, type: integer, label: S, export_as: EX_STAFF, quasi_identifier: false}
              - {name: size, type: calculate, calculation: "if(${staff} < 10, 'micro', 'small')", export_as: EX_SIZE, quasi_identifier: true}
        """, yesNo: true)
        let loaded = SurveyLoader.load(text: text, path: "s.yaml")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let survey = try #require(loaded.document?.survey)
        #expect(survey.variables.filter(\.isQuasiIdentifier).map(\.name) == ["form", "form_other", "size"])
        #expect(survey.question(named: "form")?.location(of: "quasi_identifier").line == 13)
    }

    @Test func onlyTrueOrFalseAndNotOnANote() {
        #expect(diagnostics("""
              - {name: form, type: select_one, choices: yes_no, label: F, export_as: EX_FORM, quasi_identifier: yes}
              - {name: hello, type: note, label: Hej, quasi_identifier: true}
        """) == [
            "s.yaml:13:105: error[E009]: `quasi_identifier` of question `form` must be true or false (without quotes), not 'yes'",
            "s.yaml:14:47: error[E114]: `quasi_identifier` does not apply to question `hello`, a note question: a note stores no answer; remove it",
        ])
    }

    @Test func aQuasiIdentifierThatNoPartnerReceivesIsRefused() {
        #expect(diagnostics("""
              - {name: email, type: email, label: E, pii: true, export_as: EX_EMAIL, quasi_identifier: true}
              - {name: county, type: select_one, choices: yes_no, label: C, quasi_identifier: true}
              - {name: domain, type: calculate, calculation: "concat('<', ${email}, '>')", export_as: EX_DOMAIN, quasi_identifier: true}
        """) == [
            "s.yaml:13:96: error[E121]: question `email` is marked quasi_identifier but is personal data (pii: true), which a partner export never holds, so there is nothing to protect; remove `quasi_identifier: true`",
            "s.yaml:14:87: error[E121]: question `county` is marked quasi_identifier but has no export_as, so no partner export holds it and there is nothing to protect; give it an export_as or remove `quasi_identifier: true`",
            "s.yaml:15:124: error[E121]: question `domain` is marked quasi_identifier but copies the personal data of `email`, which a partner export never holds, so there is nothing to protect; remove `quasi_identifier: true`",
        ])
    }

    @Test func freeTextIsNoQuasiIdentifier() {
        #expect(diagnostics("""
              - {name: name, type: text, label: N, export_as: EX_NAME, quasi_identifier: true}
              - {name: greeting, type: calculate, calculation: "concat('Hej ', ${name})", export_as: EX_GREETING, quasi_identifier: true}
              - {name: length, type: calculate, calculation: "string-length(${name})", export_as: EX_LENGTH, quasi_identifier: true}
        """, yesNo: false) == [
            "s.yaml:9:82: error[E122]: question `name` is marked quasi_identifier but is free text: nearly every answer is unique, so suppression would blank almost all of them; remove `quasi_identifier: true` (partner packages leave free text out unless --include-free-text, and then it is read for names first)",
            "s.yaml:10:125: error[E122]: question `greeting` is marked quasi_identifier but copies the free text of `name`: nearly every answer is unique, so suppression would blank almost all of them; remove `quasi_identifier: true` (partner packages leave free text out unless --include-free-text, and then it is read for names first)",
        ])
    }
}
