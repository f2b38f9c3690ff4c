// E2xx: the expression language (parse and type errors)
extension DiagnosticCode {
    // Syntax
    public static let expressionUnexpected = DiagnosticCode("E201", .error, "an expression has a character or token where it makes no sense")
    public static let expressionUnclosedString = DiagnosticCode("E202", .error, "a string in an expression has no closing quote")
    public static let expressionUnclosedParenthesis = DiagnosticCode("E203", .error, "a parenthesis in an expression is never closed")
    public static let expressionBadReference = DiagnosticCode("E204", .error, "a ${…} reference is unclosed, empty or holds an invalid name")
    public static let expressionEmpty = DiagnosticCode("E205", .error, "an expression is empty")
    public static let expressionTrailing = DiagnosticCode("E206", .error, "an expression goes on after it is complete")
    // Names
    public static let expressionUnknownFunction = DiagnosticCode("E210", .error, "an expression calls a function that does not exist")
    public static let expressionArgumentCount = DiagnosticCode("E211", .error, "a function is called with the wrong number of arguments")
    public static let expressionUnknownVariable = DiagnosticCode("E212", .error, "${name} names no variable known here")
    public static let expressionNoCurrentValue = DiagnosticCode("E213", .error, "'.' used where there is no current answer (only constraints have one)")
    public static let expressionBareName = DiagnosticCode("E214", .error, "a bare name outside a choice filter")
    public static let expressionUnknownAttribute = DiagnosticCode("E215", .error, "a choice filter tests an attribute that the choices do not have")
    // Types
    public static let expressionMultipleCompared = DiagnosticCode("E220", .error, "a select_multiple answer compared with =, != or <, instead of tested with selected()")
    public static let expressionArithmeticType = DiagnosticCode("E221", .error, "arithmetic on a value that is not a number")
    public static let expressionOrderingType = DiagnosticCode("E222", .error, "<, <=, > or >= on a value that has no order (text, codes, yes/no)")
    public static let expressionNotMultiple = DiagnosticCode("E223", .error, "selected() or count-selected() on an answer that is not a select")
    public static let expressionUnknownCode = DiagnosticCode("E224", .error, "a choice code that is not in the question's choice list")
    public static let expressionArgumentType = DiagnosticCode("E225", .error, "a function argument of the wrong type")
    public static let expressionInvalidPattern = DiagnosticCode("E226", .error, "regex() with a pattern that is not a valid regular expression")
    public static let expressionInvalidDate = DiagnosticCode("E227", .error, "a date compared or computed with a text that is not a real YYYY-MM-DD date")
    public static let expressionMismatchedComparison = DiagnosticCode("E228", .error, "a comparison of two kinds of value that can never match (a date with a number, yes/no with text)")
    public static let expressionResultType = DiagnosticCode("E229", .error, "an expression gives the wrong kind of result for its place (a relevant that is not a condition)")

    static let expressionCodes: [DiagnosticCode] = [
        expressionUnexpected, expressionUnclosedString, expressionUnclosedParenthesis, expressionBadReference,
        expressionEmpty, expressionTrailing,
        expressionUnknownFunction, expressionArgumentCount, expressionUnknownVariable, expressionNoCurrentValue,
        expressionBareName, expressionUnknownAttribute,
        expressionMultipleCompared, expressionArithmeticType, expressionOrderingType, expressionNotMultiple,
        expressionUnknownCode, expressionArgumentType, expressionInvalidPattern, expressionInvalidDate,
        expressionMismatchedComparison, expressionResultType,
    ]
}
