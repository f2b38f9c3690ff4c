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
    /// The import's number, by which `samla import undo` names it.
    public var id: Int64
    public var round: String
    /// The file name without its folders.
    public var fileName: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    public var byteCount: Int
    /// Responses the import stored (with `--skip-invalid`, the valid rows).
    public var rowsImported: Int
    public var importedAt: Timestamp
    /// How many of its responses the store still holds (a withdrawal removes one); nil for an
    /// import made before the store recorded which import added each response (schema v9),
    /// whose responses cannot be told apart from the round's others.
    public var responsesLeft: Int?
    /// When the import was taken back (`samla import undo`); nil while its responses stand.
    public var undoneAt: Timestamp?
    /// How many responses taking it back removed.
    public var responsesRemoved: Int?

    public init(
        id: Int64 = 0, round: String, fileName: String, sha256: String, byteCount: Int, rowsImported: Int, importedAt: Timestamp,
        responsesLeft: Int? = nil, undoneAt: Timestamp? = nil, responsesRemoved: Int? = nil
    ) {
        self.id = id
        self.round = round
        self.fileName = fileName
        self.sha256 = sha256
        self.byteCount = byteCount
        self.rowsImported = rowsImported
        self.importedAt = importedAt
        self.responsesLeft = responsesLeft
        self.undoneAt = undoneAt
        self.responsesRemoved = responsesRemoved
    }

    /// Whether the store knows which responses the import added, so that it can be taken back.
    public var isTracked: Bool { responsesLeft != nil }
}
