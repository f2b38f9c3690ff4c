// E2xx: the expression language (parse and type errors)
extension DiagnosticCode {
    static let expressionCodes: [DiagnosticCode] = []
}
