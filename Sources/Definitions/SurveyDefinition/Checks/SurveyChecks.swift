import Diagnostics

/// The checks that look across a whole survey once it is read: unique names and ids,
/// choice lists that exist and are used, export names, and every expression.
enum SurveyChecks {
    /// The diagnostics, and the survey with each calculate's type inferred.
    static func run(on read: ReadSurvey) -> (survey: Survey, diagnostics: [Diagnostic]) {
        var diagnostics = DiagnosticList()
        let survey = read.survey
        NameChecks.checkPageIDs(survey, into: &diagnostics)
        NameChecks.checkVariableNames(survey, into: &diagnostics)
        NameChecks.checkExportNames(survey, into: &diagnostics)
        ChoiceListChecks.check(survey, reportUnused: read.readWithoutErrors, into: &diagnostics)
        if !diagnostics.hasErrors { ChoiceListChecks.checkOptionColumnNames(survey, into: &diagnostics) }
        var expressions = ExpressionChecks(survey: survey, unreadableQuestions: read.unreadableQuestions)
        expressions.run()
        diagnostics.append(contentsOf: expressions.diagnostics)
        // After the expressions, whose types tell a calculation that copies free text from one that measures it.
        if read.readWithoutErrors { NameChecks.checkExportedConditions(expressions.survey, into: &diagnostics) }
        DisclosureChecks.checkQuasiIdentifiers(expressions.survey, into: &diagnostics)
        return (expressions.survey, diagnostics.items)
    }
}
