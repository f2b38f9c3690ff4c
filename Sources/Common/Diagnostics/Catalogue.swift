extension DiagnosticCode {
    /// Every code Samla can report, in one list. Each area keeps its codes in its own
    /// file (`Catalogue+Area.swift`); `docs/diagnostics.md` is written from this list.
    public static let catalogue: [DiagnosticCode] =
        (fileCodes + surveyCodes + expressionCodes + frameworkCodes + dataCodes + webCodes + backupCodes + reportCodes + exportCodes + erasureCodes + dispositionCodes
            + fullDiskCodes + productionCodes + backupChecksumCodes + apiRequestCodes).sorted()

    /// The code with this identifier (`E012`), if there is one.
    public static func named(_ id: String) -> DiagnosticCode? {
        catalogue.first { $0.id == id }
    }
}
