import Foundation
import Store

/// The one writer of web and API submissions: concurrent writes wait in a queue, a dedicated
/// thread takes everything waiting (up to `maximumBatch`) and commits it as one transaction, and
/// each caller resumes only after that commit. With `synchronous = FULL` a commit costs one
/// fsync however many writes it carries, so throughput grows with concurrency while every
/// acknowledged write is on disk.
public final class GroupCommitWriter: @unchecked Sendable {
    private typealias Waiter = CheckedContinuation<CommittedWrite, any Error>

    private let store: any CollectionStore
    private let maximumBatch: Int
    private let condition = NSCondition()
    private var pending: [(write: CollectionWrite, waiter: Waiter)] = []
    private var stopping = false
    private var stopped = false
    private var statistics = Statistics()

    /// How the writer has batched so far.
    public struct Statistics: Hashable, Sendable {
        public var writes = 0
        public var commits = 0
        public var largestBatch = 0
        /// Time spent in commits (the writes and their fsync), in seconds.
        public var commitSeconds = 0.0
    }

    /// A write's result, and the epoch of the batch that committed it.
    public struct CommittedWrite: Sendable {
        public var result: CollectionWriteResult
        public var epoch: CommitEpoch
    }

    /// Why a write was not made.
    public enum WriterError: Error, Hashable, Sendable {
        /// The writer was stopped before the write reached a commit.
        case stopped
    }

    /// Starts the writer's thread. `maximumBatch` 1 commits every write alone.
    public init(store: any CollectionStore, maximumBatch: Int = 512) {
        precondition(maximumBatch >= 1)
        self.store = store
        self.maximumBatch = maximumBatch
        let thread = Thread { [self] in
            // Named from the thread itself: only then does Foundation name it for the system too
            // (`top -H`, `perf`, `/proc/PID/task/*/comm`) on Linux.
            Thread.current.name = "samla-writer"
            run()
        }
        thread.start()
    }

    /// Queues `write` and returns its result once its transaction has committed.
    public func write(_ write: CollectionWrite) async throws -> CommittedWrite {
        try await withCheckedThrowingContinuation { (waiter: Waiter) in
            condition.lock()
            if stopping {
                condition.unlock()
                waiter.resume(throwing: WriterError.stopped)
                return
            }
            pending.append((write, waiter))
            condition.signal()
            condition.unlock()
        }
    }

    /// Commits what is queued, then stops the thread. Later writes fail with `WriterError.stopped`.
    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    public var currentStatistics: Statistics {
        condition.lock()
        defer { condition.unlock() }
        return statistics
    }

    private func run() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty {
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = Array(pending.prefix(maximumBatch))
            pending.removeFirst(batch.count)
            condition.unlock()

            let started = ContinuousClock.now
            let outcome = Result { try store.commit(batch.map(\.write)) }
            let elapsed = ContinuousClock.now - started

            condition.lock()
            statistics.writes += batch.count
            statistics.commits += 1
            statistics.largestBatch = max(statistics.largestBatch, batch.count)
            statistics.commitSeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            condition.unlock()

            switch outcome {
            case .success(let committed):
                for (entry, result) in zip(batch, committed.results) {
                    entry.waiter.resume(with: result.map { CommittedWrite(result: $0, epoch: committed.epoch) })
                }
            case .failure(let error):
                for entry in batch { entry.waiter.resume(throwing: error) }
            }
        }
    }
}
