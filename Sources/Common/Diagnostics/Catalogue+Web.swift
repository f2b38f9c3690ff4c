// E47x–E48x: the web server and the JSON API (requests, tokens, idempotency).
extension DiagnosticCode {
    static let webCodes: [DiagnosticCode] = []
}
