// W801: running the server in production (files, users, upgrades); E805–E807 are kept for this area.
extension DiagnosticCode {
    public static let secretsFileReadableByAll = DiagnosticCode("W801", .warning, "an admins or API tokens file that every user of the machine can read")

    static let productionCodes: [DiagnosticCode] = [secretsFileReadableByAll]
}
