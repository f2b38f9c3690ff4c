// E3xx: impact frameworks and cleaning rules
extension DiagnosticCode {
    static let frameworkCodes: [DiagnosticCode] = []
}
