// E5xx: report definitions (reports/*.yaml) and writing reports.
extension DiagnosticCode {
    public static let invalidReportID = DiagnosticCode("E500", .error, "the report id is not a slug (lowercase letters and digits, joined by hyphens)")
    public static let unsupportedReportLanguage = DiagnosticCode("E501", .error, "the report language is not sv or en")
    public static let reportFrameworkUnusable = DiagnosticCode("E502", .error, "the report's framework cannot be found or does not load")
    public static let unknownReportRound = DiagnosticCode("E503", .error, "a round that the report's framework does not declare")
    public static let unknownReportSection = DiagnosticCode("E504", .error, "a section type that does not exist")
    public static let toplineRoundWithoutSurvey = DiagnosticCode("E505", .error, "a topline round that collects no survey (a reporting period)")
    public static let unknownReportIndicator = DiagnosticCode("E506", .error, "an indicator the report's framework does not have")
    public static let reportOutputNotHTML = DiagnosticCode("E507", .error, "the output path does not end in .html")
    public static let reportLanguageNotInFramework = DiagnosticCode("E508", .error, "the report language is not one of the framework's languages")
    public static let invalidReportOption = DiagnosticCode("E509", .error, "a section option with a value out of range")
    public static let repeatedReportSection = DiagnosticCode("E510", .error, "a section that shows again what an earlier section shows (the same type, topline round or indicator)")
    public static let reportOutputUnwritable = DiagnosticCode("E521", .error, "the report file or its folder cannot be written")
    public static let reportRoundsWithoutData = DiagnosticCode("W520", .warning, "rounds of the report have no data in the database yet")

    static let reportCodes: [DiagnosticCode] = [
        invalidReportID, unsupportedReportLanguage, reportFrameworkUnusable, unknownReportRound, unknownReportSection,
        toplineRoundWithoutSurvey, unknownReportIndicator, reportOutputNotHTML, reportLanguageNotInFramework,
        invalidReportOption, repeatedReportSection, reportOutputUnwritable, reportRoundsWithoutData,
    ]
}
