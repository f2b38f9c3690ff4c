// E1xx: survey definitions
extension DiagnosticCode {
    static let surveyCodes: [DiagnosticCode] = []
}
