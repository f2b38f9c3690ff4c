import Expressions
import SurveyDefinition
import Testing

/// The one scope of a loaded survey, which the validator and indicator expressions share.
@Suite struct SurveyScopeTests {
    let survey: Survey

    init() throws {
        survey = try #require(SurveyLoader.load(contentsOf: Fixtures.path("valid/complete.yaml")).document).survey
    }

    @Test func questionsThatAddOtherGetTheirOwnListWithIt() {
        let scope = SurveyScope(survey: survey)
        #expect(scope.type(ofVariable: "has_board") == .choice(list: "yes_no + other"))
        #expect(scope.type(ofVariable: "has_board_other") == .text)
        #expect(scope.type(ofVariable: "barriers") == .choices(list: "barriers + other"))
        #expect(scope.choiceCodes(ofList: "yes_no + other") == ["yes", "no", "other"])
        #expect(scope.choiceCodes(ofList: "yes_no") == ["yes", "no"], "the list itself keeps its codes")
        #expect(scope.type(ofVariable: "county") == .choice(list: "counties"))
        #expect(scope.type(ofVariable: "voice_staff") == .choice(list: "agree"))
        #expect(scope.variableNames == survey.variables.map(\.name))
    }

    @Test func calculationsHaveTheTypeTheirChecksFound() {
        let scope = SurveyScope(survey: survey)
        #expect(scope.type(ofVariable: "age") == .integer)
        #expect(scope.type(ofVariable: "young") == .boolean)
        #expect(scope.type(ofVariable: "summary") == .text)
        var untyped = survey
        for p in untyped.pages.indices {
            for q in untyped.pages[p].questions.indices where untyped.pages[p].questions[q].name == "age" {
                untyped.pages[p].questions[q].calculationType = nil
            }
        }
        #expect(SurveyScope(survey: untyped).type(ofVariable: "age") == .unknown)
    }

    @Test func checkedExpressionsSeeTheSameCodes() {
        let scope = SurveyScope(survey: survey)
        #expect(CheckedExpression("${has_board} = 'other'", in: scope, expecting: .condition).errors.isEmpty)
        #expect(CheckedExpression("selected(${barriers}, 'other')", in: scope, expecting: .condition).errors.isEmpty)
        #expect(!CheckedExpression("${county} = 'other'", in: scope, expecting: .condition).errors.isEmpty)
    }
}
