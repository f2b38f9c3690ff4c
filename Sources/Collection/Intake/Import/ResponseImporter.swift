import CSV
import Diagnostics
import Expressions
import Foundation
import Responses
import Store
import SurveyDefinition

/// Imports a CSV file of responses into a round, checking every cell of every row against the
/// round's survey definition through the one validation path (``ResponseValidator``). A row whose
/// `status` is `partial` is stored as a partial response (begun, not submitted): its answers are
/// checked as a complete row's, but its required questions may be left empty.
///
/// The file is read once, streaming. Valid rows are written through the store's bulk insert
/// inside one transaction as they are read; at the first refused row writing stops (reading
/// and checking go on, so that every problem is reported), and at the end the transaction is
/// rolled back: a refused import leaves the database as it was. With `skipInvalid` the valid
/// rows are committed and the refused ones listed in the report. A CSV syntax error (a broken
/// quote) stops the reading and refuses the whole file, since the rows after it cannot be told apart.
///
/// Every row needs as many fields as the header; blank lines are skipped. Fields are separated by
/// commas, or by semicolons when the header line is (as Excel writes CSV in a Swedish locale), or
/// as a first line `sep=;` names (Excel's line naming the delimiter; the header is then line 2).
public struct ResponseImporter {
    public let store: any Store
    /// The database as named to the user, for messages.
    public let database: String
    public let options: ImportOptions

    public init(store: any Store, database: String, options: ImportOptions = ImportOptions()) {
        self.store = store
        self.database = database
        self.options = options
    }

    /// Imports `path` into round `round`.
    public func importFile(_ path: String, round: String) -> ImportResult {
        let started = ContinuousClock.now
        var run = ImportRun(file: path, round: round, options: options)
        if let reportPath = options.reportPath {
            // The report is written while the file is still being read: over the file itself (or
            // the database) it would destroy the data being imported.
            for (other, what) in [(path, "the file being imported"), (database, "the database")] where Self.isSameFile(reportPath, other) {
                return run.refuse([Diagnostic(.reportWriteFailed, at: .file(reportPath),
                    "the report would replace \(what); choose another --report file")], started: started)
            }
            // Checked before a row is read: the report is made at the first refused row, and a report
            // that cannot be made there would stop the reading at that row.
            if let reason = UnwritableFolder.foreseenReason(writing: reportPath, option: "--report") {
                return run.refuse([Diagnostic(.reportWriteFailed, at: .file(reportPath), "the report cannot be written: " + reason)], started: started)
            }
        }
        let document: SurveyDocument
        let roundDates: RoundDateCheck
        switch RoundSurvey.document(round: round, store: store, database: database) {
        case .success(let loaded):
            document = loaded.document
            roundDates = RoundDateCheck(round: loaded.round, timeZone: options.timeZone)
        case .failure(let failure): return run.refuse(failure.diagnostics, started: started)
        }
        let validator: ResponseValidator
        do {
            validator = try ResponseValidator(survey: document.survey, today: options.today)
        } catch {
            return run.refuse(error.diagnostics, started: started)
        }

        if !options.again {
            do {
                if let refusal = try RepeatedImportCheck.refusal(of: path, round: round, store: store) {
                    return run.refuse(refusal.diagnostics(database: database), started: started)
                }
            } catch {
                return run.refuse(Self.diagnostics(ofStoreFailure: error, database: database), started: started)
            }
        }

        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, options: Self.readerOptions(ofFileAt: path))
        } catch {
            guard error.position == nil else { return run.refuse([run.diagnostic(for: error)], started: started) }
            return run.refuse([Diagnostic(.fileUnreadable, at: .file(path), error.message)], started: started)
        }
        let digest = FileDigest()
        reader.byteObserver = digest.update
        let header: CSVHeader
        do {
            guard let read = try reader.readHeader() else {
                return run.refuse([Diagnostic(.fileEmpty, at: .file(path),
                    "the file is empty: it needs a header row naming the columns (variables of survey \(document.survey.id)), then one row per response")],
                    started: started)
            }
            header = read
        } catch {
            return run.refuse([run.diagnostic(for: error)], started: started)
        }
        let columns = ImportColumns(header: header.names, validator: validator, file: path, line: header.line)
        if columns.namesNothing && columns.hasErrors {
            do {
                if let later = try LaterHeader.find(in: reader, validator: validator) {
                    return run.refuse([later.diagnostic(file: path, headerLine: header.line, survey: document.survey.id)], started: started)
                }
            } catch {
                return run.refuse([run.diagnostic(for: error)], started: started)
            }
            return run.refuse(columns.diagnostics.filter(\.isError), started: started)
        }
        for diagnostic in columns.diagnostics { run.tally.add(diagnostic) }
        if columns.holdsNoAnswers { return run.finish(started: started) }

        let reading = RowReading(
            reader: reader, checker: RowChecker(validator: validator, columns: columns, file: path, headerCount: header.names.count, now: options.now),
            tokens: columns.tokenColumnIndex == nil ? nil : InvitationTokenCheck(store: store, round: round), roundDates: roundDates,
            writing: !columns.hasErrors, skipInvalid: options.skipInvalid,
            progress: ImportProgress(path: path, enabled: options.showsProgress), listedErrorLimit: options.listedErrorLimit
        )
        reading.reportPath = options.reportPath

        // Reading and checking run on their own thread and hand batches of valid rows to this
        // one, which writes them inside the store's transaction: the two halves use two cores.
        var imported = 0
        var importID: Int64?
        var storeFailure: (any Error)?
        do {
            imported = try store.insertCompleteResponses(round: round, document: document, source: .import) { inserter in
                let pipe = RowPipe(capacity: 8, survey: document.survey)
                let done = reading.start(into: pipe)
                do {
                    while let batch = pipe.take() {
                        try inserter.insert(batch)
                        pipe.recycle(batch)
                    }
                } catch {
                    pipe.cancel()
                    done.wait()
                    throw error
                }
                done.wait()
                if reading.failure != nil || !reading.writing { throw ImportRefused() }
                if reading.rowsRead > reading.refusedRows {
                    importID = try inserter.recordFile(digest.file(at: path), again: options.again)
                }
            }
        } catch is ImportRefused {
            imported = 0
            importID = nil
        } catch {
            imported = 0
            importID = nil
            storeFailure = error
        }
        run.absorb(reading)
        if let failure = reading.failure {
            switch failure {
            case let error as CSVReadError: run.tally.add(run.diagnostic(for: error, header: header.names))
            case let error as StoreError:
                for diagnostic in error.diagnostics(database: database) { run.tally.add(diagnostic) }
            case let error as CSVWriteError:
                run.tally.add(Self.reportFailure(error, report: options.reportPath ?? path))
            default:
                run.tally.add(Diagnostic(.importWriteFailed, at: .file(path), "the import failed: \(StoreError.words(for: failure))"))
            }
        }
        if let storeFailure {
            for diagnostic in Self.diagnostics(ofStoreFailure: storeFailure, database: database) { run.tally.add(diagnostic) }
        }
        if let report = reading.report {
            do {
                try report.close()
                if report.installed { run.result.reportPath = report.path }
            } catch {
                run.tally.add(Self.reportFailure(error, report: report.path))
            }
        }
        run.result.imported = imported
        run.result.importID = imported > 0 ? importID : nil
        run.result.importedPartial = imported > 0 ? reading.partialRows : 0
        if imported > 0, let column = columns.submittedAtColumnIndex {
            for warning in reading.roundDates.warnings(file: path, column: columns.names[column], importID: importID) { run.tally.add(warning) }
        }
        if imported > 0, let warning = reading.misencodedTexts.warning(file: path, round: round, importID: importID) { run.tally.add(warning) }
        if run.result.rowsRead == 0 && run.tally.errorCount == 0 {
            run.tally.add(Diagnostic(.noDataRows, at: .file(path), "the file has a header but no rows: nothing to import"))
        }
        return run.finish(started: started)
    }

    /// E429 for the report of refused rows: why its file cannot be made, in plain words with what
    /// to do; E800 for a disk that filled up under it.
    private static func reportFailure(_ error: CSVWriteError, report: String) -> Diagnostic {
        if error.isDiskFull {
            return Diagnostic(.outputDiskFull, at: .file(report), "the report cannot be written: " + DiskFull.reason(writing: report, option: "--report"))
        }
        guard case .cannotCreate(let reason) = error.kind else {
            return Diagnostic(.reportWriteFailed, at: .file(report), "the report cannot be written: \(error)")
        }
        return Diagnostic(.reportWriteFailed, at: .file(report),
            "the report cannot be written: " + UnwritableFolder.reason(writing: report, option: "--report", system: reason))
    }
}

extension ResponseImporter {
    /// A refusal or failure of the store as diagnostics: a `StoreError` as it describes itself, a
    /// failure of the database file (busy, full, read-only) as its refusal, anything else as E428.
    static func diagnostics(ofStoreFailure error: any Error, database: String) -> [Diagnostic] {
        if let error = error as? StoreError ?? StoreError(databaseFailure: error, path: database) { return error.diagnostics(database: database) }
        return [Diagnostic(.importWriteFailed, at: .file(database), "the database refused the rows (\(StoreError.words(for: error))); nothing was written")]
    }

    /// Whether the two paths name one file: the same path once resolved, or (for existing files,
    /// through a hard link) the same file on the same device.
    static func isSameFile(_ a: String, _ b: String) -> Bool {
        let resolved = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        if resolved(a) == resolved(b) { return true }
        let identity = { (path: String) -> [Int]? in
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let device = (attributes[.systemNumber] as? NSNumber)?.intValue,
                  let file = (attributes[.systemFileNumber] as? NSNumber)?.intValue else { return nil }
            return [device, file]
        }
        guard let first = identity(a), let second = identity(b) else { return false }
        return first == second
    }

    /// How to read the file: its delimiter, named by Excel's `sep=` line or told from its header line
    /// (see `CSVReader.Options.init(forInputStartingWith:)`); the defaults when the file cannot be read
    /// here, which the reader then reports.
    static func readerOptions(ofFileAt path: String) throws(CSVReadError) -> CSVReader.Options {
        guard let handle = FileHandle(forReadingAtPath: path) else { return CSVReader.Options() }
        defer { try? handle.close() }
        return try CSVReader.Options(forInputStartingWith: (try? handle.read(upToCount: 64 * 1024)) ?? Data())
    }
}

/// Thrown inside the store's transaction to roll it back when a row was refused.
struct ImportRefused: Error {}

/// The state of one import while it runs.
private struct ImportRun {
    var result: ImportResult
    var tally: ProblemTally
    let file: String
    let options: ImportOptions

    init(file: String, round: String, options: ImportOptions) {
        result = ImportResult(file: file, round: round)
        tally = ProblemTally(limit: options.listedErrorLimit)
        self.file = file
        self.options = options
    }

    /// Takes the counts and problems of the rows, once their reading has finished.
    mutating func absorb(_ reading: RowReading) {
        result.rowsRead = reading.rowsRead
        result.refusedRows = reading.refusedRows
        result.refusedPartialRows = reading.refusedPartialRows
        tally.merge(reading.tally)
    }

    mutating func refuse(_ diagnostics: [Diagnostic], started: ContinuousClock.Instant) -> ImportResult {
        for diagnostic in diagnostics { tally.add(diagnostic) }
        return finish(started: started)
    }

    mutating func finish(started: ContinuousClock.Instant) -> ImportResult {
        result.diagnostics = (tally.listed + tally.warnings).sorted { $0.location < $1.location }
        result.errorCount = tally.errorCount
        result.errorsByCode = tally.errorsByCode
        result.errorsByColumn = tally.errorsByColumn
        result.isRefused = tally.errorCount > 0 && (result.imported == 0 || !options.skipInvalid)
        if result.isRefused {
            result.imported = 0
            result.importedPartial = 0
        }
        result.seconds = ImportProgress.seconds(ContinuousClock.now - started)
        return result
    }

    /// A CSV syntax error as a diagnostic at its row, naming the header's column of the field it is in.
    func diagnostic(for error: CSVReadError, header: [String] = []) -> Diagnostic {
        let code: DiagnosticCode = switch error.kind {
        case .invalidUTF8, .utf16, .binary: .invalidUTF8
        case .cannotOpen, .readFailed: .fileUnreadable
        default: .malformedCSV
        }
        guard let position = error.position else { return Diagnostic(code, at: .file(file), error.message) }
        let column = header.indices.contains(position.fieldNumber - 1) ? "column \(header[position.fieldNumber - 1]): " : ""
        return Diagnostic(code, at: .source(SourceLocation(file: file, line: position.line, column: position.column)),
                          column + error.message + "; nothing was imported")
    }
}
