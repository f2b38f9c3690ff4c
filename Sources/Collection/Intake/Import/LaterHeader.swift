import CSV
import Diagnostics
import Responses

/// A header that is not on the file's first line: a spreadsheet saved with a title, a note or an
/// empty row above its column names. When the first line names no column Samla reads, the lines
/// after it are searched for one that names variables, so that the refusal says where the header
/// is instead of listing the first line's words as unknown columns and every row as the wrong length.
/// (The delimiter is told from the first line, so the file is read again once that line is deleted.)
struct LaterHeader {
    /// How many lines after the first are searched.
    static let searchedLines = 10
    /// How many of its names the message shows.
    static let shownNames = 3

    let line: Int
    /// The names of the line that are variables or metadata columns of the survey.
    let names: [String]

    /// The first of the next records of `reader` that names at least two variables (or metadata
    /// columns), and more of them than other words; nil when none of the first ones does.
    static func find(in reader: CSVReader, validator: ResponseValidator) throws(CSVReadError) -> LaterHeader? {
        let metadata = [ImportColumns.languageColumn, ImportColumns.submittedAtColumn, ImportColumns.statusColumn, ImportColumns.tokenColumn]
        for _ in 0..<searchedLines {
            guard let record = try reader.next() else { return nil }
            // A first line without a delimiter chose the comma: a header below it separated by
            // semicolons or tabs is then one field.
            let fields = record.count == 1 ? record.strings[0].split(whereSeparator: { ";\t".contains($0) }).map(String.init) : record.strings
            let words = fields.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let known = words.filter { validator.index(ofVariable: $0) != nil || metadata.contains($0) }
            if known.count >= 2 && known.count * 2 > words.count { return LaterHeader(line: record.line, names: known) }
        }
        return nil
    }

    /// E420 at the first line (`headerLine`, 2 after Excel's `sep=` line): where the header is, and what to delete.
    func diagnostic(file: String, headerLine: Int, survey: String) -> Diagnostic {
        let shown = names.prefix(Self.shownNames).joined(separator: ", ") + (names.count > Self.shownNames ? ", …" : "")
        let above = line - headerLine
        return Diagnostic(.unknownColumn, at: .source(SourceLocation(file: file, line: headerLine, column: 1)),
            "line \(headerLine) names no variable of survey \(survey), but line \(line) does (\(shown)): the header must be the first line; "
                + "delete the \(above == 1 ? "line" : "\(above) lines") above it (a title, a note or an empty row) and import the file again")
    }
}
