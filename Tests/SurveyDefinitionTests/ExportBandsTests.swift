import Diagnostics
import SurveyDefinition
import Testing

/// `export_bands`: the lower limits of the bands a partner export writes instead of the exact
/// number of an integer or decimal quasi-identifier. Numbers without quotes (whole ones for an
/// integer), at least one, strictly increasing (E124, E117); only on a quasi-identifier (E123) of
/// an integer or decimal question (E114).
@Suite struct ExportBandsTests {
    private func loaded(_ questions: String) -> (survey: Survey?, diagnostics: [String]) {
        let result = SurveyLoader.load(text: OnePageSurvey.yaml(questions: questions), path: "s.yaml")
        return (result.document?.survey, result.diagnostics.map(\.description))
    }

    @Test func theLimitsReachTheQuestionAndItsAnswerVariable() throws {
        let result = loaded("""
              - {name: founded, type: integer, label: F, export_as: EX_FOUNDED, quasi_identifier: true, export_bands: [1990, 2000, 2020]}
              - {name: fte, type: decimal, label: S, export_as: EX_FTE, quasi_identifier: true, export_bands: [-2.5, 0, 0.5, 10]}
              - {name: staff, type: integer, label: P, export_as: EX_STAFF, quasi_identifier: true}
        """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let survey = try #require(result.survey)
        #expect(survey.question(named: "founded")?.exportBands == [1990, 2000, 2020])
        #expect(survey.variables.map(\.exportBands) == [[1990, 2000, 2020], [-2.5, 0, 0.5, 10], nil])
        #expect(survey.question(named: "fte")?.location(of: "export_bands").line == 10)
    }

    @Test func limitsAreNumbersInStrictlyIncreasingOrder() {
        #expect(loaded("""
              - {name: a, type: integer, label: A, export_as: EX_A, quasi_identifier: true, export_bands: [1990, 2000, 2000]}
              - {name: b, type: integer, label: B, export_as: EX_B, quasi_identifier: true, export_bands: [10, 2.5]}
              - {name: c, type: decimal, label: C, export_as: EX_C, quasi_identifier: true, export_bands: [1, "5", ten]}
              - {name: d, type: decimal, label: D, export_as: EX_D, quasi_identifier: true, export_bands: [5, 1]}
              - {name: e, type: decimal, label: E, export_as: EX_E, quasi_identifier: true, export_bands: []}
              - {name: f, type: decimal, label: F, export_as: EX_F, quasi_identifier: true, export_bands: 10}
              - {name: g, type: decimal, label: G, export_as: EX_G, quasi_identifier: true, export_bands: [1e3]}
        """).diagnostics == [
            "s.yaml:9:112: error[E124]: limit 3 of `export_bands` of question `a` is 2000, not greater than the limit before it (2000); write the lower limits in strictly increasing order, each once",
            "s.yaml:10:104: error[E124]: limit 2 of `export_bands` of question `b` must be a whole number without quotes (the question is integer), e.g. 2010, not '2.5'",
            "s.yaml:11:103: error[E124]: limit 2 of `export_bands` of question `c` must be a number without quotes, with a point for decimals, e.g. 2.5, not \"5\" (quoted)",
            "s.yaml:12:103: error[E124]: limit 2 of `export_bands` of question `d` is 1, not greater than the limit before it (5); write the lower limits in strictly increasing order, each once",
            "s.yaml:13:99: error[E117]: `export_bands` of question `e` has no limits; write the lower limits of the bands in increasing order, e.g. [10, 50, 250], or remove the key",
            "s.yaml:14:99: error[E006]: `export_bands` of question `f` should be a list, but it is a single value",
            "s.yaml:15:100: error[E124]: limit 1 of `export_bands` of question `g` must be a number without quotes, with a point for decimals, e.g. 2.5, not '1e3'",
        ])
    }

    @Test func onlyOnIntegerAndDecimalQuasiIdentifiers() {
        #expect(loaded("""
              - {name: year, type: integer, label: Y, export_as: EX_YEAR, export_bands: [2000]}
              - {name: started, type: date, label: S, export_as: EX_STARTED, quasi_identifier: true, export_bands: [2000]}
              - {name: double, type: calculate, calculation: "${year} * 2", export_as: EX_DOUBLE, quasi_identifier: true, export_bands: [4000]}
        """).diagnostics == [
            "s.yaml:9:81: error[E123]: question `year` has export_bands but is not marked quasi_identifier: bands are the global recoding that comes before a partner export's local suppression, and apply to quasi-identifiers only; add `quasi_identifier: true` (with an export_as), or remove export_bands",
            "s.yaml:10:94: error[E114]: `export_bands` does not apply to question `started`, a date question: only the number of an integer or decimal question is published in bands; remove it",
            "s.yaml:11:115: error[E114]: `export_bands` does not apply to question `double`, a calculate question: only the number of an integer or decimal question is published in bands; remove it",
        ])
    }
}
