import CSV
import Diagnostics
import Foundation
import Responses
import Store
import SurveyDefinition

/// The reading half of an import, on its own thread: reads every record, checks it, keeps the
/// first problems and counts the rest, writes the report of refused rows, and hands batches of
/// valid rows, encoded for the store, to the writing half through a ``RowPipe``.
///
/// It is handed to its thread whole and read again only after ``start(into:)``'s group has
/// been waited for, so no state is shared while it runs.
final class RowReading: @unchecked Sendable {
    private let reader: CSVReader
    private var checker: RowChecker
    /// Checks the `token` column, when the file has one.
    private let tokens: InvitationTokenCheck?
    /// The valid rows whose `submitted_at` falls outside the round's dates.
    private(set) var roundDates: RoundDateCheck
    /// The valid rows' text answers that look like UTF-8 read as Windows-1252 and saved again.
    private(set) var misencodedTexts = MisencodedTextCheck()
    /// Rows that repeat the header, skipped.
    private var repeatedHeader: RepeatedHeader
    private let skipInvalid: Bool
    private let progress: ImportProgress
    /// Where to list refused rows; the file is made at the first refused row.
    var reportPath: String?
    private(set) var report: RefusedRowsReport?

    /// Whether valid rows are still being handed on (false once a row was refused, without `skipInvalid`).
    private(set) var writing: Bool
    private(set) var rowsRead = 0
    private(set) var refusedRows = 0
    /// Valid rows marked partial (handed on while writing), and refused rows marked partial.
    private(set) var partialRows = 0
    private(set) var refusedPartialRows = 0
    /// The rows' problems: the first ones in full, all of them counted.
    private(set) var tally: ProblemTally
    /// A CSV syntax error, a report that could not be written: the reading stopped there.
    private(set) var failure: (any Error)?

    static let batchSize = 256

    init(
        reader: CSVReader, checker: RowChecker, tokens: InvitationTokenCheck?, roundDates: RoundDateCheck, writing: Bool, skipInvalid: Bool,
        progress: ImportProgress, listedErrorLimit: Int
    ) {
        self.roundDates = roundDates
        self.reader = reader
        self.checker = checker
        repeatedHeader = RepeatedHeader(names: checker.columns.names)
        self.tokens = tokens
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
        var batch = pipe.emptyBatch()
        var sampledBytes = 0
        var sampledRows = 0
        do {
            while let record = try reader.next() {
                if record.isBlank { continue }
                if repeatedHeader.isRepeated(in: record) {
                    repeatedHeader.note(row: record.row)
                    continue
                }
                rowsRead += 1
                var found = checker.check(record)
                let invitation = try checkToken(of: record, into: &found)
                if found.isEmpty {
                    if let time = checker.submittedAt, let column = checker.columns.submittedAtColumnIndex {
                        roundDates.note(milliseconds: time, row: record.row) { RowChecker.trimmedText(record, column) ?? "" }
                    }
                    for column in checker.textColumns where record.withUnsafeBytes(at: column, MisencodedTextCheck.looksMisencoded) {
                        misencodedTexts.note(row: record.row, column: checker.columns.names[column]) { RowChecker.trimmedText(record, column) ?? "" }
                    }
                    if writing {
                        let partial = checker.status == .partial
                        if partial { partialRows += 1 }
                        try batch.append(checker.sheet.values, language: checker.language, submittedAtMilliseconds: checker.submittedAt,
                                         status: checker.status, currentPage: partial ? checker.currentPage : nil, invitation: invitation)
                        if batch.count == Self.batchSize {
                            guard pipe.put(batch) else { return }
                            batch = pipe.emptyBatch()
                        }
                    }
                } else {
                    refusedRows += 1
                    if checker.status == .partial { refusedPartialRows += 1 }
                    if !skipInvalid || checker.refusesFile { writing = false }
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
            if writing && batch.count > 0 { _ = pipe.put(batch) }
            if let warning = checker.unnamedAtEndWarning { tally.add(warning) }
            if let warning = repeatedHeader.warning(file: checker.file) { tally.add(warning) }
        } catch {
            failure = error
        }
        progress.finish()
    }

    /// The invitation the row's `token` cell names, or nil when the file has no token column, the
    /// cell is empty or the token is refused (added to `problems`, without the token as its value).
    private func checkToken(of record: CSVRecord, into problems: inout [RowChecker.Problem]) throws -> Int64? {
        guard let tokens, let column = checker.columns.tokenColumnIndex, record.count == checker.headerCount,
              let text = RowChecker.trimmedText(record, column) else { return nil }
        switch try tokens.invitation(text, row: record.row) {
        case .success(let id):
            return id
        case .failure(let refusal):
            let name = checker.columns.names[column]
            let at = DiagnosticLocation.record(file: checker.file, row: record.row, column: name, line: record.line)
            problems.append(RowChecker.Problem(diagnostic: Diagnostic(refusal.code, at: at, refusal.message), column: name, value: nil))
            return nil
        }
    }
}

/// A bounded queue of batches of checked rows from the reading thread to the writing one. Batches
/// the writer is done with come back to the reader to be filled again, so that their storage is
/// made once.
final class RowPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [ResponseBatch] = []
    /// Batches the writer is done with, for the reader to fill again.
    private var spent: [ResponseBatch] = []
    private var finished = false
    private var cancelled = false
    private let capacity: Int
    private let survey: Survey

    init(capacity: Int, survey: Survey) {
        self.capacity = capacity
        self.survey = survey
    }

    /// An empty batch: one the writer gave back, or a new one.
    func emptyBatch() -> ResponseBatch {
        condition.lock()
        var batch = spent.popLast()
        condition.unlock()
        guard batch != nil else { return ResponseBatch(survey: survey) }
        batch!.removeAll()
        return batch!
    }

    /// Waits for room and adds `batch`; false when the writer gave up (the reader should stop).
    func put(_ batch: consuming ResponseBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// Gives back a batch the writer has written.
    func recycle(_ batch: consuming ResponseBatch) {
        condition.lock()
        spent.append(batch)
        condition.unlock()
    }

    /// The next batch, waiting for one; nil when the reader finished and all were taken.
    func take() -> ResponseBatch? {
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
