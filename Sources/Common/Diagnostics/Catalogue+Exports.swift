// E6xx: exports (CSV, codebook, data package, partner profiles).
extension DiagnosticCode {
    static let exportCodes: [DiagnosticCode] = []
}
