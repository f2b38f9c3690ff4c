import CSV
import Diagnostics

/// The CSV report of refused rows: one line per problem, with the row, the physical line, the
/// column (empty for a problem of the whole row), the value as given, the code and the message. Text columns are neutralised against
/// spreadsheet formulas. It is written to a temporary file beside `path` and put in place only by
/// ``close()``, once complete (``OutputFile``): a write that fails (a full disk) removes it, so
/// no half report lies under the name, and an earlier report there is kept.
final class RefusedRowsReport {
    static let header = ["row", "line", "column", "value", "code", "message"]

    private let writer: CSVWriter
    private let file: OutputFile
    /// A write failed and the temporary file was removed: the failure was thrown then.
    private var failed = false
    /// The report is complete and in place under its name.
    private(set) var installed = false
    var path: String { file.path }

    convenience init(path: String) throws(CSVWriteError) {
        let file: OutputFile
        do {
            file = try OutputFile(path: path, permissions: 0o644)
        } catch {
            throw CSVWriteError(.cannotCreate(reason: error.description), destination: path, systemError: error.code)
        }
        try self.init(file: file)
    }

    init(file: OutputFile) throws(CSVWriteError) {
        self.file = file
        writer = try CSVWriter(existingFile: file.temporary)
        try guarded { () throws(CSVWriteError) in try writer.writeRecord(Self.header) }
    }

    deinit {
        if !installed { file.discard() }
    }

    func add(row: Int, line: Int, column: String?, value: String?, code: DiagnosticCode, message: String) throws(CSVWriteError) {
        try guarded { () throws(CSVWriteError) in
            try writer.write(row)
            try writer.write(line)
            try writer.write(text: column ?? "")
            try writer.write(text: value ?? "")
            try writer.write(code.id)
            try writer.write(text: message)
            try writer.endRecord()
        }
    }

    /// Finishes the report and puts it in place. After a failed write it does nothing: that
    /// failure was thrown already, and there is no report to put in place.
    func close() throws(CSVWriteError) {
        guard !failed else { return }
        try guarded { () throws(CSVWriteError) in try writer.close() }
        do {
            try file.install()
            installed = true
        } catch let failure as OutputFile.Failure {
            file.discard()
            failed = true
            throw CSVWriteError(.closeFailed(reason: failure.description), destination: path, systemError: failure.code)
        } catch {
            file.discard()
            failed = true
            throw CSVWriteError(.closeFailed(reason: "\(error)"), destination: path)
        }
    }

    /// Runs `body`; a failure removes the temporary file and is thrown under the report's own name.
    private func guarded(_ body: () throws(CSVWriteError) -> Void) throws(CSVWriteError) {
        do {
            try body()
        } catch {
            if !failed { file.discard() }
            failed = true
            throw CSVWriteError(error.kind, destination: path, systemError: error.systemError)
        }
    }
}
