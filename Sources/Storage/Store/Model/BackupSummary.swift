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

    public var responses: Int { completeResponses + partialResponses }

    public init(file: String, bytes: Int, rounds: Int, completeResponses: Int, partialResponses: Int, earlierSchema: String? = nil) {
        self.file = file
        self.bytes = bytes
        self.rounds = rounds
        self.completeResponses = completeResponses
        self.partialResponses = partialResponses
        self.earlierSchema = earlierSchema
    }
}
