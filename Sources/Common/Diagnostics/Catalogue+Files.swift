// E0xx: reading files and YAML structure, shared by every kind of definition.
extension DiagnosticCode {
    public static let fileUnreadable = DiagnosticCode("E001", .error, "the file cannot be read")
    public static let fileNotText = DiagnosticCode("E002", .error, "the file is not UTF-8 text")
    public static let fileEmpty = DiagnosticCode("E003", .error, "the file is empty")
    public static let yamlSyntax = DiagnosticCode("E004", .error, "YAML syntax error")
    public static let fileTooLarge = DiagnosticCode("E005", .error, "the file is larger than a definition may be")
    public static let wrongNodeKind = DiagnosticCode("E006", .error, "a mapping, list or single value was expected here")
    public static let unknownKey = DiagnosticCode("E007", .error, "a key that this place does not take")
    public static let missingKey = DiagnosticCode("E008", .error, "a required key is missing")
    public static let invalidValue = DiagnosticCode("E009", .error, "a value of the wrong kind (number, true/false, text)")
    public static let duplicateKey = DiagnosticCode("E010", .error, "the same key twice in one mapping")
    public static let multipleDocuments = DiagnosticCode("E011", .error, "more than one YAML document in a file")
    public static let unknownDefinitionKind = DiagnosticCode("E012", .error, "the file is not a survey, framework or report definition, or not the kind asked for")
    public static let anchorOrAlias = DiagnosticCode("E013", .error, "YAML anchors and aliases are not used in definitions")

    static let fileCodes: [DiagnosticCode] = [
        fileUnreadable, fileNotText, fileEmpty, yamlSyntax, fileTooLarge, wrongNodeKind,
        unknownKey, missingKey, invalidValue, duplicateKey, multipleDocuments, unknownDefinitionKind, anchorOrAlias,
    ]
}
