/// A data file as an import reads it: what tells a second import of the same bytes.
public struct ImportedFile: Hashable, Sendable {
    /// The path as named on the command line, for messages; only its last component is stored.
    public var path: String
    /// SHA-256 of the file's bytes, lowercase hex (64 characters).
    public var sha256: String
    public var byteCount: Int

    public init(path: String, sha256: String, byteCount: Int) {
        self.path = path
        self.sha256 = sha256
        self.byteCount = byteCount
    }

    /// The file name without its folders, as stored.
    public var name: String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }
}

/// A file imported into a round, as recorded in the same transaction as its responses.
public struct FileImport: Hashable, Sendable {
    public var round: String
    /// The file name without its folders.
    public var fileName: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    public var byteCount: Int
    /// Responses the import stored (with `--skip-invalid`, the valid rows).
    public var rowsImported: Int
    public var importedAt: Timestamp

    public init(round: String, fileName: String, sha256: String, byteCount: Int, rowsImported: Int, importedAt: Timestamp) {
        self.round = round
        self.fileName = fileName
        self.sha256 = sha256
        self.byteCount = byteCount
        self.rowsImported = rowsImported
        self.importedAt = importedAt
    }
}
