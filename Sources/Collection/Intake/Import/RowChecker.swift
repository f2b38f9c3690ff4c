import CSV
import Diagnostics
import Responses
import Store
import SurveyDefinition

/// Checks one data row of an import: its field count, its metadata columns and, through the
/// validator, every answer. Reuses one answer sheet for every row.
struct RowChecker {
    /// One problem of a row, ready for the listing and the report.
    struct Problem {
        var diagnostic: Diagnostic
        var column: String
        var value: String?
    }

    let validator: ResponseValidator
    let columns: ImportColumns
    let file: String
    let headerCount: Int
    private(set) var sheet: AnswerSheet
    /// The language and submission time of the row last checked.
    private(set) var info: ImportedResponseInfo
    private let languages: [String]
    private let defaultLanguage: String

    init(validator: ResponseValidator, columns: ImportColumns, file: String, headerCount: Int) {
        self.validator = validator
        self.columns = columns
        self.file = file
        self.headerCount = headerCount
        sheet = validator.makeSheet()
        languages = validator.survey.languages
        defaultLanguage = validator.survey.languages.first ?? "sv"
        info = ImportedResponseInfo(language: defaultLanguage)
    }

    /// The values of the row last checked, leaving the sheet empty.
    mutating func takeValues() -> [AnswerValue?] {
        sheet.takeValues()
    }

    /// Every problem of `record` (its field count, then `language` and `submitted_at`, then the
    /// answers in variable order); none when the row can be imported
    /// (its answers are then `sheet.values`, its facts `info`).
    mutating func check(_ record: CSVRecord) -> [Problem] {
        func at(_ column: String?) -> DiagnosticLocation {
            .record(file: file, row: record.row, column: column, line: record.line)
        }
        guard record.count == headerCount else {
            let message = "the row has \(record.count) field\(record.count == 1 ? "" : "s") but the header has \(headerCount); "
                + "check for a missing or extra delimiter, or a line break in a value without quotes"
            return [Problem(diagnostic: Diagnostic(.wrongFieldCount, at: at(nil), message), column: "-", value: nil)]
        }
        sheet.reset()
        for (column, variable) in columns.variableColumns {
            record.withUnsafeBytes(at: column) { raw in
                sheet.setAnswer(bytes: raw.assumingMemoryBound(to: UInt8.self), variable: variable)
            }
        }
        var problems: [Problem] = []
        info = ImportedResponseInfo(language: defaultLanguage)
        if let column = columns.languageColumnIndex, let text = Self.trimmedText(record, column) {
            if let language = languages.first(where: { $0 == text }) {
                info.language = language
            } else {
                let known = validator.survey.languages.joined(separator: ", ")
                problems.append(Problem(diagnostic: Diagnostic(.unknownLanguage, at: at(ImportColumns.languageColumn),
                    "“\(text)” is not a language of survey \(validator.survey.id); write one of \(known)"),
                    column: ImportColumns.languageColumn, value: text))
            }
        }
        if let column = columns.submittedAtColumnIndex {
            let time = record.withUnsafeBytes(at: column) { raw -> Timestamp?? in
                let trimmed = Self.trimmed(raw)
                return trimmed.isEmpty ? .some(nil) : Timestamp(isoBytes: trimmed).map { .some($0) }
            }
            switch time {
            case .some(let parsed): info.submittedAt = parsed
            case .none:
                let text = Self.trimmedText(record, column) ?? ""
                problems.append(Problem(diagnostic: Diagnostic(.invalidTimestamp, at: at(ImportColumns.submittedAtColumn),
                    "“\(text)” is not a time: write ISO 8601, e.g. 2025-10-12T09:30:00Z or 2025-10-12"),
                    column: ImportColumns.submittedAtColumn, value: text))
            }
        }
        validator.check(&sheet, mode: .complete)
        for problem in sheet.problems {
            problems.append(Problem(diagnostic: problem.diagnostic(at: at(problem.variable)), column: problem.variable, value: problem.value))
        }
        return problems
    }

    /// The field without surrounding spaces and tabs, nil when that leaves nothing.
    static func trimmedText(_ record: CSVRecord, _ column: Int) -> String? {
        record.withUnsafeBytes(at: column) { raw -> String? in
            let trimmed = Self.trimmed(raw)
            return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self)
        }
    }

    static func trimmed(_ raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = raw.startIndex
        var end = raw.endIndex
        while start < end, raw[start] == 0x20 || raw[start] == 0x09 { start += 1 }
        while end > start, raw[end - 1] == 0x20 || raw[end - 1] == 0x09 { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: raw[start..<end])
    }
}
