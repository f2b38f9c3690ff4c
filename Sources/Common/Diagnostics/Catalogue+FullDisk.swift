// E800–E801, W800: a disk that fills up under an output file, standard output or the database's folder.
extension DiagnosticCode {
    public static let outputDiskFull = DiagnosticCode("E800", .error, "the disk that is to hold an output file has no room for it")
    public static let standardOutputUnwritable = DiagnosticCode("E801", .error, "standard output cannot take the command's output")
    public static let databaseReadAsUnchangingOnFullDisk = DiagnosticCode(
        "W800", .warning, "a database on a full disk, read as an unchanging file")

    static let fullDiskCodes: [DiagnosticCode] = [outputDiskFull, standardOutputUnwritable, databaseReadAsUnchangingOnFullDisk]
}
