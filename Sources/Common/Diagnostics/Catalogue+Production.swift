// E805, W801: running the server in production (files, users, upgrades); E806–E807 are kept for this area.
extension DiagnosticCode {
    public static let upgradeWhileOpen = DiagnosticCode("E805", .error, "a database of an earlier version that another program has open, which its upgrade would change under it")
    public static let secretsFileReadableByAll = DiagnosticCode("W801", .warning, "an admins or API tokens file that every user of the machine can read")

    static let productionCodes: [DiagnosticCode] = [upgradeWhileOpen, secretsFileReadableByAll]
}
