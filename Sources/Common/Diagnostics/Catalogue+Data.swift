// E4xx: data files and answers (CSV import, form and API submissions)
extension DiagnosticCode {
    static let dataCodes: [DiagnosticCode] = []
}
