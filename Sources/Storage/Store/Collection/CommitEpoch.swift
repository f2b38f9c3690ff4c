/// How many times the collection writer has found the database changed by something other than
/// its own batches: another process, another store on the same file, or another write of this
/// store between two batches. State read or written in one epoch is current while the store is
/// still in it, so a caller may keep it in memory and diff the next save against it
/// (``PageSave/expectedEpoch``); a save whose epoch has passed is refused with ``ChangedElsewhere``.
public struct CommitEpoch: Hashable, Sendable, CustomStringConvertible {
    public var value: Int

    public init(_ value: Int) {
        self.value = value
    }

    public var description: String { "epoch \(value)" }
}

/// A batch of ``CollectionWrite``s after its commit: one result per write, in order, and the
/// epoch the batch was applied in (the state it leaves is current in that epoch).
public struct CommittedBatch: Sendable {
    public var results: [Result<CollectionWriteResult, any Error>]
    public var epoch: CommitEpoch

    public init(results: [Result<CollectionWriteResult, any Error>], epoch: CommitEpoch) {
        self.results = results
        self.epoch = epoch
    }
}

/// A page save diffed against state of an epoch that has passed: something else changed the
/// database meanwhile, so the save was not made. Read the response again and redo the save.
public struct ChangedElsewhere: Error, Hashable, Sendable {
    public var expected: CommitEpoch
    public var current: CommitEpoch

    public init(expected: CommitEpoch, current: CommitEpoch) {
        self.expected = expected
        self.current = current
    }
}
