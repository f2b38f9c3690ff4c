// E1xx and W1xx: survey definitions. E112 and W103 apply to the localized texts of every kind of definition,
// W106 to the expressions of every kind.
// Errors inside expressions (unknown ${x}, a relevant that is not a condition) are E2xx.
extension DiagnosticCode {
    public static let invalidSurveyID = DiagnosticCode("E101", .error, "the survey id is not a slug (lowercase letters and digits, joined by hyphens)")
    public static let versionNotText = DiagnosticCode("E102", .error, "the version is written as a number; it must be quoted text")
    public static let invalidName = DiagnosticCode("E103", .error, "a name is not an identifier (a letter or _, then letters, digits or _)")
    public static let duplicateName = DiagnosticCode("E104", .error, "two questions, or the variables they store, have the same name")
    public static let duplicatePageID = DiagnosticCode("E105", .error, "two pages have the same id")
    public static let duplicateChoiceValue = DiagnosticCode("E106", .error, "a value appears twice in one choice list")
    public static let invalidChoiceValue = DiagnosticCode("E107", .error, "a choice value is empty or contains a space")
    public static let unknownChoiceList = DiagnosticCode("E108", .error, "a question names a choice list that is not defined")
    public static let unknownQuestionType = DiagnosticCode("E109", .error, "a question type that does not exist")
    public static let referenceNotEarlier = DiagnosticCode("E110", .error, "an expression refers to a question that is not asked before it")
    public static let calculationCycle = DiagnosticCode("E111", .error, "calculations depend on each other in a cycle")
    public static let missingTranslation = DiagnosticCode("E112", .error, "a text is missing in one of the declared languages")
    public static let duplicateExportName = DiagnosticCode("E113", .error, "two variables have the same export_as name")
    public static let keyNotForType = DiagnosticCode("E114", .error, "a key that this question type does not take")
    public static let invalidDefault = DiagnosticCode("E115", .error, "a default that is not a valid answer to its question")
    public static let invalidLanguages = DiagnosticCode("E116", .error, "the languages list is empty, repeats a language or has an invalid code")
    public static let emptyList = DiagnosticCode("E117", .error, "a list that needs at least one item is empty")
    public static let choiceValuesSameNumber = DiagnosticCode("E118", .error, "two values of one choice list are the same number written differently (1 and 01)")
    public static let constraintNeverHolds = DiagnosticCode("E119", .error, "a constraint that no answer can meet")
    public static let optionColumnsClash = DiagnosticCode("E120", .error, "a multiple choice option left without a column name of its own in an export")
    public static let quasiIdentifierNotExported = DiagnosticCode("E121", .error, "a quasi-identifier that no partner export holds (personal data, or no export_as)")
    public static let quasiIdentifierFreeText = DiagnosticCode("E122", .error, "a quasi-identifier that is free text")
    public static let exportBandsNotQuasiIdentifier = DiagnosticCode("E123", .error, "export_bands on a question that is not marked quasi_identifier")
    public static let exportBandsInvalid = DiagnosticCode("E124", .error, "a limit of export_bands that is not a number, not a whole number for an integer question, or not greater than the one before")
    public static let roundNameOfEarlierPeriod = DiagnosticCode("E125", .error, "a definition opened under the name of an earlier round with responses, for a period after it closed")

    public static let unitOnNonNumeric = DiagnosticCode("W101", .warning, "a unit on a question whose answer is not a number")
    public static let unusedChoiceList = DiagnosticCode("W102", .warning, "a choice list that no question uses")
    public static let undeclaredLanguage = DiagnosticCode("W103", .warning, "a text in a language the definition does not declare")
    public static let constraintMessageWithoutConstraint = DiagnosticCode("W104", .warning, "a constraint_message on a question without a constraint")
    public static let exportedSkipOnUnexported = DiagnosticCode("W105", .warning, "a question partners receive is asked under a condition on an answer they do not receive")
    public static let divisionByZero = DiagnosticCode("W106", .warning, "an expression divides by a literal 0 (div 0, mod 0), which always gives an empty value")
    public static let choiceLabelledAsOther = DiagnosticCode("W107", .warning, "a choice labelled as the option that the question's other: true adds")
    public static let choiceFilterNeverMatches = DiagnosticCode("W108", .warning, "a choice_filter compares an attribute with an answer whose codes it never holds")

    static let surveyCodes: [DiagnosticCode] = [
        invalidSurveyID, versionNotText, invalidName, duplicateName, duplicatePageID, duplicateChoiceValue,
        invalidChoiceValue, unknownChoiceList, unknownQuestionType, referenceNotEarlier, calculationCycle,
        missingTranslation, duplicateExportName, keyNotForType, invalidDefault, invalidLanguages, emptyList,
        choiceValuesSameNumber, constraintNeverHolds, optionColumnsClash, quasiIdentifierNotExported, quasiIdentifierFreeText,
        exportBandsNotQuasiIdentifier, exportBandsInvalid, roundNameOfEarlierPeriod,
        unitOnNonNumeric, unusedChoiceList, undeclaredLanguage, constraintMessageWithoutConstraint, exportedSkipOnUnexported,
        divisionByZero, choiceLabelledAsOther, choiceFilterNeverMatches,
    ]
}
