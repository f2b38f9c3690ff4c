// E6xx: exports (CSV, codebook, data package, partner profiles).
extension DiagnosticCode {
    public static let exportLanguageUnknown = DiagnosticCode("E600", .error, "the export language is not one of the survey's languages")
    public static let exportOutputExists = DiagnosticCode("E601", .error, "the output folder already holds a file the export would write")
    public static let exportOutputUnwritable = DiagnosticCode("E602", .error, "the output folder or one of its files cannot be written")
    public static let exportColumnClash = DiagnosticCode("E603", .error, "two exported columns would have the same name")
    public static let exportUnknownCode = DiagnosticCode("E604", .error, "a stored answer holds a code that the round's definition does not list")
    public static let exportDefinitionUnreadable = DiagnosticCode("E605", .error, "the definition the round is pinned to cannot be read")
    public static let exportProfileEmpty = DiagnosticCode("E606", .error, "the partner profile would export no question (none has an export_as)")
    public static let exportKAnonymityInvalid = DiagnosticCode("E607", .error, "the k of a partner export's k-anonymity is less than 1")
    public static let exportSuppressLastUnknown = DiagnosticCode("E608", .error, "a column named to be suppressed last is not a quasi-identifier column of the export")
    public static let exportNoResponses = DiagnosticCode("W600", .warning, "the round has no responses to export; the files hold headers only")
    public static let exportValuesSuppressed = DiagnosticCode("W601", .warning, "a partner export blanked quasi-identifier values so that no combination of them singles out fewer than k organisations")
    public static let exportNoQuasiIdentifiers = DiagnosticCode("W602", .warning, "a partner export of a definition that marks no question quasi_identifier: no disclosure control was applied")
    public static let exportSPSSRenamed = DiagnosticCode("W603", .warning, "a column whose name SPSS does not take has another name in the SPSS syntax file")

    static let exportCodes: [DiagnosticCode] = [
        exportLanguageUnknown, exportOutputExists, exportOutputUnwritable, exportColumnClash, exportUnknownCode,
        exportDefinitionUnreadable, exportProfileEmpty, exportKAnonymityInvalid, exportSuppressLastUnknown, exportNoResponses, exportValuesSuppressed,
        exportNoQuasiIdentifiers, exportSPSSRenamed,
    ]
}
