/// What a backup holds: `SQLiteStore.backup(to:replacing:)` counts it in the finished copy.
public struct BackupSummary: Hashable, Sendable {
    /// The backup file, as given.
    public var file: String
    public var bytes: Int
    public var rounds: Int
    public var completeResponses: Int
    public var partialResponses: Int
    /// The latest migration of a database an earlier Samla made, copied as it is, without this
    /// version's migrations (so that it restores for that version); nil when it has this version's schema.
    public var earlierSchema: String?
    /// The backup's checksum file (`FILE.sha256`, in the form of `sha256sum`) and the SHA-256 it gives.
    public var checksumFile: String
    public var sha256: String

    public var responses: Int { completeResponses + partialResponses }

    public init(file: String, bytes: Int, rounds: Int, completeResponses: Int, partialResponses: Int, earlierSchema: String? = nil,
                checksumFile: String, sha256: String) {
        self.file = file
        self.bytes = bytes
        self.rounds = rounds
        self.completeResponses = completeResponses
        self.partialResponses = partialResponses
        self.earlierSchema = earlierSchema
        self.checksumFile = checksumFile
        self.sha256 = sha256
    }
}
