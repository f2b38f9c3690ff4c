// E813–E814: a backup's checksum file (`FILE.sha256`), written by `samla backup` and checked by `samla restore`.
extension DiagnosticCode {
    public static let backupChecksumUnwritable = DiagnosticCode("E813", .error, "the backup is in place, but its checksum file could not be written")
    public static let backupChecksumUnusable = DiagnosticCode("E814", .error, "a backup's checksum file that is not in sha256sum's form, or names another file")

    static let backupChecksumCodes: [DiagnosticCode] = [backupChecksumUnwritable, backupChecksumUnusable]
}
