// E5xx: report definitions
extension DiagnosticCode {
    static let reportCodes: [DiagnosticCode] = []
}
