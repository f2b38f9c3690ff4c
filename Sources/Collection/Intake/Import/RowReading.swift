import CSV
import Diagnostics
import Foundation
import Responses
import Store
import SurveyDefinition

/// The reading half of an import, on its own thread: reads every record, checks it, keeps the
/// first problems and counts the rest, writes the report of refused rows, and hands batches of
/// valid rows to the writing half through a ``RowPipe``.
///
/// It is handed to its thread whole and read again only after ``start(into:)``'s group has
/// been waited for, so no state is shared while it runs.
final class RowReading: @unchecked Sendable {
    private let reader: CSVReader
    private var checker: RowChecker
    private let skipInvalid: Bool
    private let progress: ImportProgress
    /// Where to list refused rows; the file is made at the first refused row.
    var reportPath: String?
    private(set) var report: RefusedRowsReport?

    /// Whether valid rows are still being handed on (false once a row was refused, without `skipInvalid`).
    private(set) var writing: Bool
    private(set) var rowsRead = 0
    private(set) var refusedRows = 0
    /// The rows' problems: the first ones in full, all of them counted.
    private(set) var tally: ProblemTally
    /// A CSV syntax error, a report that could not be written: the reading stopped there.
    private(set) var failure: (any Error)?

    static let batchSize = 256

    init(reader: CSVReader, checker: RowChecker, writing: Bool, skipInvalid: Bool, progress: ImportProgress, listedErrorLimit: Int) {
        self.reader = reader
        self.checker = checker
        self.writing = writing
        self.skipInvalid = skipInvalid
        self.progress = progress
        tally = ProblemTally(limit: listedErrorLimit)
    }

    /// Starts reading on a new thread; the group is left when every row was read (or reading
    /// stopped) and the pipe finished.
    func start(into pipe: RowPipe) -> DispatchGroup {
        let group = DispatchGroup()
        group.enter()
        let thread = Thread { [self] in
            run(into: pipe)
            pipe.finish()
            group.leave()
        }
        thread.stackSize = 4 << 20
        thread.start()
        return group
    }

    private func run(into pipe: RowPipe) {
        var batch = RowPipe.Batch(capacity: Self.batchSize)
        var sampledBytes = 0
        var sampledRows = 0
        do {
            while let record = try reader.next() {
                if record.isBlankLine { continue }
                rowsRead += 1
                let found = checker.check(record)
                if found.isEmpty {
                    if writing {
                        batch.values.append(checker.takeValues())
                        batch.infos.append(checker.info)
                        if batch.values.count == Self.batchSize {
                            guard pipe.put(batch) else { return }
                            batch = RowPipe.Batch(capacity: Self.batchSize)
                        }
                    }
                } else {
                    refusedRows += 1
                    if !skipInvalid { writing = false }
                    for problem in found {
                        tally.add(problem.diagnostic)
                        if report == nil, let reportPath { report = try RefusedRowsReport(path: reportPath) }
                        try report?.add(row: record.row, line: record.line, column: problem.column, value: problem.value,
                                        code: problem.diagnostic.code, message: problem.diagnostic.message)
                    }
                }
                if progress.isEnabled {
                    // The bytes read so far, estimated from every 64th row's size.
                    if rowsRead & 63 == 1 {
                        sampledBytes += (0..<record.count).reduce(record.count) { $0 + record.byteCount(at: $1) }
                        sampledRows += 1
                    }
                    if rowsRead & 1023 == 0 { progress.update(rows: rowsRead, bytes: rowsRead * sampledBytes / max(1, sampledRows)) }
                }
            }
            if writing && !batch.values.isEmpty { _ = pipe.put(batch) }
        } catch {
            failure = error
        }
        progress.finish()
    }
}

/// A bounded queue of row batches from the reading thread to the writing one.
final class RowPipe: @unchecked Sendable {
    struct Batch {
        var values: [[AnswerValue?]] = []
        var infos: [ImportedResponseInfo] = []

        init(capacity: Int) {
            values.reserveCapacity(capacity)
            infos.reserveCapacity(capacity)
        }
    }

    private let condition = NSCondition()
    private var queue: [Batch] = []
    /// Batches the writer is done with, freed by the reader so that the writer spends no time on it.
    private var spent: [Batch] = []
    private var finished = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Waits for room and adds `batch`; false when the writer gave up (the reader should stop).
    func put(_ batch: Batch) -> Bool {
        var freed: [Batch] = []
        defer { freed.removeAll() }
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(batch)
        swap(&freed, &spent)
        condition.broadcast()
        return true
    }

    /// Gives back a batch the writer has written.
    func recycle(_ batch: Batch) {
        condition.lock()
        spent.append(batch)
        condition.unlock()
    }

    /// The next batch, waiting for one; nil when the reader finished and all were taken.
    func take() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }

    /// The reader is done.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The writer failed: release a waiting reader and refuse further batches.
    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
