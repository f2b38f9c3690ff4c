// E805–E807, W801: running the server in production (files, users, upgrades).
extension DiagnosticCode {
    public static let migrationWhileOpen = DiagnosticCode("E805", .error, "a schema upgrade refused while another process has the database open")
    public static let secretsFileReadableByAll = DiagnosticCode("W801", .warning, "an admins or API tokens file that every user of the machine can read")

    static let productionCodes: [DiagnosticCode] = [migrationWhileOpen, secretsFileReadableByAll]
}
