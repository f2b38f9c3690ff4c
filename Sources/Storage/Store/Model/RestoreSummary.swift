/// What `SQLiteStore.restore(from:to:)` put in place, read in the restored database, and what the
/// lost database took after the backup that it cannot hold.
public struct RestoreSummary: Hashable, Sendable {
    /// The backup file and the database it became, as given.
    public var backup: String
    public var database: String
    public var bytes: Int
    public var rounds: Int
    public var completeResponses: Int
    public var partialResponses: Int
    /// The highest response number the backup had given out.
    public var lastResponseID: Int64
    /// The number the restored database gives its next new response, past the numbers the lost
    /// database may have given after the backup (``SQLiteStore/firstResponseID(afterRestoring:)``).
    public var firstNewResponseID: Int64
    /// The backup's latest write: a page saved, an API submission, an invitation or an erasure; nil for an empty database.
    public var latestWrite: Timestamp?
    /// The last erasure in the backup's log, and when it was made; nil when it has none.
    public var lastErasure: Int64?
    public var lastErasureAt: Timestamp?
    /// The latest migration of a backup an earlier Samla made, which the restore brought up to date; nil when it had this version's schema.
    public var earlierSchema: String?
    /// Where the backup's checksum file is looked for (`BACKUP.sha256`), and the SHA-256 it gave,
    /// which the backup matched; nil when there was none, so that SQLite's integrity check alone was made.
    public var checksumFile: String
    public var sha256: String?

    public var responses: Int { completeResponses + partialResponses }

    public init(backup: String, database: String, bytes: Int, rounds: Int, completeResponses: Int, partialResponses: Int,
                lastResponseID: Int64, firstNewResponseID: Int64, latestWrite: Timestamp?, lastErasure: Int64?, lastErasureAt: Timestamp?,
                earlierSchema: String? = nil, sha256: String? = nil) {
        self.backup = backup
        self.database = database
        self.bytes = bytes
        self.rounds = rounds
        self.completeResponses = completeResponses
        self.partialResponses = partialResponses
        self.lastResponseID = lastResponseID
        self.firstNewResponseID = firstNewResponseID
        self.latestWrite = latestWrite
        self.lastErasure = lastErasure
        self.lastErasureAt = lastErasureAt
        self.earlierSchema = earlierSchema
        self.checksumFile = BackupChecksum.file(of: backup)
        self.sha256 = sha256
    }
}
