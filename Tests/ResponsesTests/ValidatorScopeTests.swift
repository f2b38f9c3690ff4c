import Expressions
import SurveyDefinition
import Testing
@testable import Responses

/// The validator types expressions in the survey's one scope (`SurveyScope`), so what the survey's
/// own checks accept it compiles too: `other` is a code of a question that adds it.
@Suite struct ValidatorScopeTests {
    static let survey = Fixtures.survey([
        Fixtures.page("p1", [
            Fixtures.question("form", .selectOne, choices: "forms", other: true),
            Fixtures.question("why_other", .text, required: true, relevant: "${form} = 'other'"),
            Fixtures.question("sdg", .selectMultiple, constraint: "not(selected(., 'other')) or count-selected(.) = 1", choices: "sdgs", other: true),
            Fixtures.question("plain", .selectOne, choices: "forms"),
        ]),
    ], lists: [
        Fixtures.list("forms", ["ab", "ek"]),
        Fixtures.list("sdgs", ["3", "8"]),
    ])

    @Test func otherIsACodeOfTheQuestionsThatAddIt() throws {
        let validator = try ResponseValidator(survey: Self.survey)
        var sheet = validator.makeSheet()
        sheet.setAnswer(text: "other", variable: validator.index(ofVariable: "form")!)
        sheet.setAnswer(text: "Stiftelse", variable: validator.index(ofVariable: "form_other")!)
        sheet.setAnswer(text: "other 3", variable: validator.index(ofVariable: "sdg")!)
        sheet.setAnswer(text: "Mål 17", variable: validator.index(ofVariable: "sdg_other")!)
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems.map { "\($0.variable) \($0.code.id)" } == ["why_other E412", "sdg E411"])
    }

    @Test func otherIsNoCodeOfAQuestionThatDoesNotAddIt() {
        var survey = Self.survey
        survey.pages[0].questions[1].relevant = Fixtures.expr("${plain} = 'other'")
        #expect(throws: ResponseValidatorError.self) { try ResponseValidator(survey: survey) }
    }
}
