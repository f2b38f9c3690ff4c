// E805–E807, W801: running the server in production (files, users, upgrades, restoring a backup).
extension DiagnosticCode {
    public static let upgradeWhileOpen = DiagnosticCode("E805", .error, "a database of an earlier version that another program has open, which its upgrade would change under it")
    public static let restoreOntoDatabase = DiagnosticCode("E806", .error, "a restore onto a database, or beside its -wal or -shm file, which it never replaces")
    public static let backupNotRestorable = DiagnosticCode("E807", .error, "a backup that cannot be restored: no Samla store, or damaged")
    public static let secretsFileReadableByAll = DiagnosticCode("W801", .warning, "an admins or API tokens file that every user of the machine can read")

    static let productionCodes: [DiagnosticCode] = [upgradeWhileOpen, restoreOntoDatabase, backupNotRestorable, secretsFileReadableByAll]
}
