// E4xx: data files and answers (CSV import, form and API submissions)
extension DiagnosticCode {
    // E400–E419: one answer checked against its question (the Responses module).
    public static let notANumber = DiagnosticCode("E400", .error, "an answer that should be a number is not one")
    public static let notAWholeNumber = DiagnosticCode("E401", .error, "an answer that should be a whole number has a fraction or an exponent")
    public static let numberOutOfRange = DiagnosticCode("E402", .error, "a number with more digits than can be stored exactly")
    public static let notABoolean = DiagnosticCode("E403", .error, "an answer that should be yes or no is neither")
    public static let notADate = DiagnosticCode("E404", .error, "an answer that should be a date (YYYY-MM-DD) is not one")
    public static let notAnEmail = DiagnosticCode("E405", .error, "an answer that should be an email address is not one")
    public static let notAChoice = DiagnosticCode("E406", .error, "a code that is not in the question's choice list")
    public static let choiceNotOffered = DiagnosticCode("E407", .error, "a code that the question's choice filter does not offer for this response")
    public static let duplicateChoice = DiagnosticCode("E408", .error, "the same code twice in one multiple-choice answer")
    public static let severalChoices = DiagnosticCode("E409", .error, "several codes where one choice is allowed")
    public static let otherWithoutOther = DiagnosticCode("E410", .error, "an 'other' text although 'other' is not chosen")
    public static let constraintFailed = DiagnosticCode("E411", .error, "an answer that breaks its question's constraint")
    public static let requiredMissing = DiagnosticCode("E412", .error, "a required question that is shown but not answered")
    public static let answerNotRelevant = DiagnosticCode("E413", .error, "an answer to a question that is not shown for this response")
    public static let wrongValueType = DiagnosticCode("E414", .error, "a typed value (JSON) of the wrong kind for its question")
    public static let noSuchField = DiagnosticCode("E415", .error, "an answer for a variable the survey does not have")
    public static let calculatedValueGiven = DiagnosticCode("E416", .error, "an answer given for a calculated variable, which is computed and cannot be answered")

    // E420–E439: data files (the CSV import in the Intake module).
    public static let unknownColumn = DiagnosticCode("E420", .error, "a header column that names no variable of the survey")
    public static let duplicateColumn = DiagnosticCode("E421", .error, "the same column name twice in the header")
    public static let emptyColumnName = DiagnosticCode("E422", .error, "a header column without a name")
    public static let wrongFieldCount = DiagnosticCode("E423", .error, "a row with more or fewer fields than the header")
    public static let malformedCSV = DiagnosticCode("E424", .error, "a row that is not valid CSV (RFC 4180 quoting)")
    public static let invalidUTF8 = DiagnosticCode("E425", .error, "bytes that are not UTF-8 text")
    public static let unknownLanguage = DiagnosticCode("E426", .error, "a language column value that is not a language of the survey")
    public static let invalidTimestamp = DiagnosticCode("E427", .error, "a submitted_at value that is not an ISO 8601 date or time")
    public static let importWriteFailed = DiagnosticCode("E428", .error, "the database refused the imported rows; nothing was written")
    public static let reportWriteFailed = DiagnosticCode("E429", .error, "the report of refused rows cannot be written")
    public static let outputWriteFailed = DiagnosticCode("E430", .error, "an output file (generated responses) cannot be written")

    public static let calculatedColumnIgnored = DiagnosticCode("W420", .warning, "a column for a calculated variable, whose values are computed and not read")
    public static let noDataRows = DiagnosticCode("W421", .warning, "a data file with a header but no rows")

    static let dataCodes: [DiagnosticCode] = responseCodes

    /// E400–E439: answers and data files.
    static let responseCodes: [DiagnosticCode] = [
        notANumber, notAWholeNumber, numberOutOfRange, notABoolean, notADate, notAnEmail, notAChoice,
        choiceNotOffered, duplicateChoice, severalChoices, otherWithoutOther, constraintFailed,
        requiredMissing, answerNotRelevant, wrongValueType, noSuchField, calculatedValueGiven,
        unknownColumn, duplicateColumn, emptyColumnName, wrongFieldCount, malformedCSV, invalidUTF8,
        unknownLanguage, invalidTimestamp, importWriteFailed, reportWriteFailed, outputWriteFailed,
        calculatedColumnIgnored, noDataRows,
    ]
}
