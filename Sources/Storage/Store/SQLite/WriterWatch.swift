import Foundation

/// Keeps the store's ``CommitEpoch``: at the start of each batch of collection writes it asks the
/// writer connection whether anything changed the database since the end of the previous batch.
/// SQLite's `PRAGMA data_version` changes when another connection (another process, another pool
/// on the file) has committed; the connection's total change count moves when this store wrote
/// through the same connection outside a batch (an import, a round change).
final class WriterWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var dataVersion: Int64?
    private var totalChanges: Int?
    private var epoch = 0

    var current: CommitEpoch {
        lock.lock()
        defer { lock.unlock() }
        return CommitEpoch(epoch)
    }

    /// Takes the figures of the writer connection as the store opens, so that epoch 0 holds until
    /// something changes the database.
    func start(dataVersion: Int64, totalChanges: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.dataVersion = dataVersion
        self.totalChanges = totalChanges
    }

    /// The epoch of a batch whose transaction has just begun and read these figures.
    func batchBegins(dataVersion: Int64, totalChanges: Int) -> CommitEpoch {
        lock.lock()
        defer { lock.unlock() }
        if self.dataVersion != dataVersion || self.totalChanges != totalChanges { epoch += 1 }
        self.dataVersion = dataVersion
        return CommitEpoch(epoch)
    }

    /// Records where the batch left the connection's change count (its rows counted even when the
    /// transaction then rolls back, as SQLite counts them).
    func batchEnds(totalChanges: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.totalChanges = totalChanges
    }
}
