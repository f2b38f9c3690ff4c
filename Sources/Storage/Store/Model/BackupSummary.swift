/// What a backup holds: `SQLiteStore.backup(to:replacing:)` counts it in the finished copy.
public struct BackupSummary: Hashable, Sendable {
    /// The backup file, as given.
    public var file: String
    public var bytes: Int
    public var rounds: Int
    public var completeResponses: Int
    public var partialResponses: Int

    public var responses: Int { completeResponses + partialResponses }

    public init(file: String, bytes: Int, rounds: Int, completeResponses: Int, partialResponses: Int) {
        self.file = file
        self.bytes = bytes
        self.rounds = rounds
        self.completeResponses = completeResponses
        self.partialResponses = partialResponses
    }
}
