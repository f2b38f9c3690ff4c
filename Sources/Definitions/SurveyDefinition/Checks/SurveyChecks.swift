import Diagnostics

/// The checks that look across a whole survey once it is read: unique names and ids,
/// choice lists that exist and are used, export names, and every expression.
enum SurveyChecks {
    static func run(on read: ReadSurvey) -> [Diagnostic] {
        var diagnostics = DiagnosticList()
        let survey = read.survey
        NameChecks.checkPageIDs(survey, into: &diagnostics)
        NameChecks.checkVariableNames(survey, into: &diagnostics)
        NameChecks.checkExportNames(survey, into: &diagnostics)
        ChoiceListChecks.check(survey, reportUnused: read.readWithoutErrors, into: &diagnostics)
        return diagnostics.items
    }
}
