// E490–E494: `samla backup`, a copy of the database in one file.
extension DiagnosticCode {
    public static let backupExists = DiagnosticCode("E490", .error, "the backup file exists already and is not replaced without --force")
    public static let backupIsDatabase = DiagnosticCode("E491", .error, "the backup file named is the database itself")
    public static let backupUnwritable = DiagnosticCode("E492", .error, "the backup file cannot be written there")
    public static let backupDiskFull = DiagnosticCode("E493", .error, "the disk that is to hold the backup has no room for it")
    public static let backupDamaged = DiagnosticCode("E494", .error, "the copy fails SQLite's integrity check")

    static let backupCodes: [DiagnosticCode] = [backupExists, backupIsDatabase, backupUnwritable, backupDiskFull, backupDamaged]
}
