import CSV
import Diagnostics
import Foundation

/// A contacts file read whole: its header and its data rows, each with the physical line it
/// starts on. Contacts lists are small (thousands of rows), so they are kept in memory.
struct ContactsTable {
    struct Row {
        /// Data rows count from 1; the header is not a row.
        var number: Int
        var line: Int
        var fields: [String]
    }

    /// The file read, as given.
    var path: String
    var header: CSVHeader
    var rows: [Row]
    /// `,`, or `;` for a file from a spreadsheet in a Swedish locale, or what the file's `sep=` line named
    /// (see `CSVReader.Options.init(forInputStartingWith:)`).
    var delimiter: Unicode.Scalar

    /// Which file a table is read from, for the messages.
    enum Kind {
        /// The contacts of `samla invite`.
        case contacts
        /// A links file that `samla invite` wrote, read by `samla remind`.
        case links
        /// The dispositions of invitations, read by `samla round dispositions`.
        case dispositions

        var name: String {
            switch self {
            case .contacts: "the contacts file"
            case .links: "the links file"
            case .dispositions: "the dispositions file"
            }
        }

        var content: String {
            switch self {
            case .contacts: "one row per invitee"
            case .links: "one row per invitation, as samla invite wrote it"
            case .dispositions: "one row per invitation, with its token or email and its disposition"
            }
        }
    }

    /// Reads an RFC 4180 file (UTF-8 with or without BOM, CRLF or LF, quoted fields), after Excel's
    /// `sep=` line if it begins with one (the header is then line 2).
    /// Blank lines are skipped, and so are rows whose every cell is empty or spaces (`,,,` or `;;;`:
    /// the empty rows a spreadsheet writes), which name nobody to invite. A problem comes back as a
    /// diagnostic.
    static func read(path: String, kind: Kind = .contacts) -> Result<ContactsTable, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Diagnostic(.fileUnreadable, at: .file(path), "\(kind.name) cannot be read; check the path and its permissions"))
        }
        do {
            let options = try CSVReader.Options(forInputStartingWith: data)
            let delimiter = options.delimiter
            let reader = CSVReader(data: data, options: options)
            guard let header = try reader.readHeader(), !(header.names.count == 1 && header.names[0].isEmpty) else {
                return .failure(Diagnostic(.fileEmpty, at: .file(path), "\(kind.name) is empty; it needs a header row and \(kind.content)"))
            }
            var rows: [Row] = []
            while let record = try reader.next() {
                if record.isBlank { continue }
                rows.append(Row(number: record.row, line: record.line, fields: record.strings))
            }
            return .success(ContactsTable(path: path, header: header, rows: rows, delimiter: delimiter))
        } catch {
            let location: DiagnosticLocation = error.position.map { .source(SourceLocation(file: path, line: $0.line, column: $0.column)) } ?? .file(path)
            let code: DiagnosticCode = switch error.kind {
            case .invalidUTF8, .utf16, .binary: .fileNotText
            default: .malformedContacts
            }
            return .failure(Diagnostic(code, at: location, error.message))
        }
    }

    /// The header row, where problems of the whole table are reported.
    var headerLocation: SourceLocation { SourceLocation(file: path, line: header.line, column: 1) }

    /// E461 for each column of the header without a name, or with one that another column has.
    func reportHeaderProblems(into problems: inout DiagnosticList) {
        for problem in header.problems {
            problems.report(.malformedContacts, at: headerLocation, "header: \(problem); every column needs a name of its own")
        }
    }

    /// E461 for a row with another number of fields than the header; whether it has as many.
    func hasEveryField(_ row: Row, into problems: inout DiagnosticList) -> Bool {
        guard row.fields.count != header.names.count else { return true }
        problems.report(.malformedContacts, at: .record(file: path, row: row.number, column: nil, line: row.line),
            "\(row.fields.count) fields, but the header has \(header.names.count) columns")
        return false
    }

    /// Writes the table's rows into the file at `path`, which is there (an `OutputFile`'s temporary
    /// file, made readable by its owner only: the links and reminders files hold tokens in clear),
    /// with the cells `added(row)` gives after each row's own (a row for which it gives nil is left
    /// out), under the header and `addedColumns`, in the table's delimiter, and with a UTF-8 byte
    /// order mark whatever the table had: Excel, and Word's mail merge, read a CSV file without one
    /// as Windows-1252, which turns Å into Ã…. The file is opened without being created.
    func write(into path: String, addedColumns: [String], added: (Int) -> [String]?) throws {
        let writer = try CSVWriter(existingFile: path, options: .init(delimiter: delimiter, neutralizesFormulas: false, writesByteOrderMark: true))
        try writer.writeRecord(header.names + addedColumns)
        for (index, row) in rows.enumerated() {
            guard let cells = added(index) else { continue }
            try writer.writeRecord(row.fields + cells)
        }
        try writer.close()
    }
}
