import CSV
import Diagnostics

/// The CSV report of refused rows: one line per problem, with the row, the physical line, the
/// column (empty for a problem of the whole row), the value as given, the code and the message. Text columns are neutralised against
/// spreadsheet formulas.
final class RefusedRowsReport {
    static let header = ["row", "line", "column", "value", "code", "message"]

    private let writer: CSVWriter
    let path: String

    init(path: String) throws(CSVWriteError) {
        self.path = path
        writer = try CSVWriter(path: path)
        try writer.writeRecord(Self.header)
    }

    func add(row: Int, line: Int, column: String?, value: String?, code: DiagnosticCode, message: String) throws(CSVWriteError) {
        try writer.write(row)
        try writer.write(line)
        try writer.write(text: column ?? "")
        try writer.write(text: value ?? "")
        try writer.write(code.id)
        try writer.write(text: message)
        try writer.endRecord()
    }

    func close() throws(CSVWriteError) {
        try writer.close()
    }
}
