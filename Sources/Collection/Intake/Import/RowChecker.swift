import CSV
import Foundation
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
        /// Nil for a problem of the whole row.
        var column: String?
        var value: String?
    }

    let validator: ResponseValidator
    let columns: ImportColumns
    let file: String
    let headerCount: Int
    /// The latest `submitted_at` taken, in milliseconds since 1970: a day after the time of the import.
    let latestTime: Int64
    private(set) var sheet: AnswerSheet
    /// The language of the row last checked.
    private(set) var language: String
    /// The submission time of the row last checked, in milliseconds since 1970; nil when not given.
    private(set) var submittedAt: Int64?
    /// The status of the row last checked: complete unless its `status` cell says partial.
    private(set) var status: ResponseStatus = .complete
    private let languages: [String]
    private let languageBytes: [[UInt8]]
    /// The columns of variables and their variables, in column order; `cells` holds a row's cells
    /// of those columns while it is checked.
    private let cellColumns: [Int]
    private let cellVariables: [Int]
    private var cells: [UnsafeBufferPointer<UInt8>]
    /// The multiple choices spread into one column per option, with those columns in list order;
    /// `optionCells` holds one of them's cells of a row while it is set.
    private let spreadVariables: [(variable: Int, columns: [Int])]
    /// The positions in `cells` of text answers, read without the apostrophe an export puts in
    /// front of a text that starts like a formula.
    private let textCells: [Int]
    /// The header's columns of text answers.
    let textColumns: [Int]
    private var optionCells: [UnsafeBufferPointer<UInt8>] = []
    private let defaultLanguage: String
    /// Whether a row had a value in a column without a name at the end of the header: E422,
    /// reported once, which refuses the whole file like a header problem.
    private(set) var refusesFile = false
    /// The variables whose questions are shown only as a misnamed column's variable decides.
    private let shownByMisnamed: Set<Int>

    /// `now` is the time of the import; a row's time more than a day after it is refused (E496).
    init(validator: ResponseValidator, columns: ImportColumns, file: String, headerCount: Int, now: Date) {
        latestTime = Int64((now.timeIntervalSince1970 * 1000).rounded(.down)) + Self.clockSkew
        self.validator = validator
        self.columns = columns
        self.file = file
        self.headerCount = headerCount
        sheet = validator.makeSheet()
        languages = validator.survey.languages
        languageBytes = languages.map { Array($0.utf8) }
        cellColumns = columns.variableColumns.map(\.column)
        cellVariables = columns.variableColumns.map(\.variable)
        cells = Array(repeating: UnsafeBufferPointer(start: nil, count: 0), count: columns.variableColumns.count)
        spreadVariables = columns.spreadVariables
        let variables = columns.variableColumns.map(\.variable)
        textCells = variables.indices.filter { validator.variables[variables[$0]].type == .text }
        textColumns = textCells.map { columns.variableColumns[$0].column }
        shownByMisnamed = validator.variables(shownDependingOn: Set(columns.misnamedVariables.compactMap(validator.index(ofVariable:))))
        defaultLanguage = validator.survey.languages.first ?? "sv"
        language = defaultLanguage
    }

    /// Every problem of `record` (its field count, then `language`, `submitted_at` and `status`, then
    /// the answers in variable order); none when the row can be imported (its answers are then
    /// `sheet.values`, its facts `language`, `submittedAt`, `status` and ``currentPage``). A partial
    /// row's answers are checked as a complete row's, but a required question may be left empty.
    mutating func check(_ record: CSVRecord) -> [Problem] {
        func at(_ column: String?) -> DiagnosticLocation {
            .record(file: file, row: record.row, column: column, line: record.line)
        }
        status = .complete
        guard record.count == headerCount else {
            let message = "the row has \(record.count) field\(record.count == 1 ? "" : "s") but the header has \(headerCount); "
                + "check for a missing or extra delimiter, or a line break in a value without quotes"
            return [Problem(diagnostic: Diagnostic(.wrongFieldCount, at: at(nil), message), column: nil, value: nil)]
        }
        var problems: [Problem] = []
        if !refusesFile, let column = columns.unnamedAtEnd.first(where: { Self.trimmedText(record, $0) != nil }) {
            refusesFile = true
            let value = Self.trimmedText(record, column)
            problems.append(Problem(diagnostic: Diagnostic(.emptyColumnName, at: at(nil),
                "column \(column + 1) has no name in the header but a value in this row (“\(value ?? "")”); name it after a variable of survey \(validator.survey.id) or remove the column"),
                column: nil, value: value))
        }
        sheet.reset()
        let count = cellColumns.count
        cellColumns.withUnsafeBufferPointer { columns in
            cells.withUnsafeMutableBufferPointer { cells in
                for i in 0..<count { cells[i] = record.unsafeBytes(at: columns[i]) }
            }
        }
        cells.withUnsafeBufferPointer { cells in
            cellVariables.withUnsafeBufferPointer { variables in
                sheet.setAnswers(cells: cells, variables: variables)
            }
        }
        for i in textCells {
            if let text = FormulaNeutralization.unneutralized(Self.trimmedCell(cells[i])) { sheet.setAnswer(bytes: text, variable: cellVariables[i]) }
        }
        for spread in spreadVariables {
            optionCells.removeAll(keepingCapacity: true)
            for column in spread.columns { optionCells.append(record.unsafeBytes(at: column)) }
            optionCells.withUnsafeBufferPointer { sheet.setAnswer(optionCells: $0, variable: spread.variable) }
        }
        language = defaultLanguage
        submittedAt = nil
        if let column = columns.languageColumnIndex {
            // A language of the survey, found by its bytes; -1 when the cell is empty.
            let found = record.withUnsafeBytes(at: column) { raw -> Int? in
                let trimmed = Self.trimmed(raw)
                if trimmed.isEmpty { return -1 }
                return languageBytes.firstIndex { $0.elementsEqual(trimmed) }
            }
            let text = found == nil ? Self.trimmedText(record, column) ?? "" : ""
            if let found {
                if found >= 0 { language = languages[found] }
            } else if let equal = languages.first(where: { $0 == text }) {
                language = equal
            } else {
                let known = validator.survey.languages.joined(separator: ", ")
                problems.append(Problem(diagnostic: Diagnostic(.unknownLanguage, at: at(columns.names[column]),
                    "“\(text)” is not a language of survey \(validator.survey.id); write one of \(known)"),
                    column: columns.names[column], value: text))
            }
        }
        if let column = columns.submittedAtColumnIndex {
            let time = record.withUnsafeBytes(at: column) { raw -> Int64?? in
                let trimmed = Self.trimmed(raw)
                return trimmed.isEmpty ? .some(nil) : Timestamp.milliseconds(isoBytes: trimmed).map { .some($0) }
            }
            switch time {
            case .some(let parsed?) where parsed > latestTime:
                let text = Self.trimmedText(record, column) ?? ""
                let now = Timestamp(millisecondsSinceEpoch: latestTime - Self.clockSkew)
                problems.append(Problem(diagnostic: Diagnostic(.submittedInFuture, at: at(columns.names[column]),
                    "“\(text)” is more than a day after the time of the import (\(now)): no answer was given then, so it is a typing error; correct the time, or leave the cell empty for the time of the import"),
                    column: columns.names[column], value: text))
            case .some(let parsed): submittedAt = parsed
            case .none:
                let text = Self.trimmedText(record, column) ?? ""
                problems.append(Problem(diagnostic: Diagnostic(.invalidTimestamp, at: at(columns.names[column]), Self.timestampProblem(text)),
                    column: columns.names[column], value: text))
            }
        }
        if let column = columns.statusColumnIndex, let text = Self.trimmedText(record, column) {
            switch text.lowercased() {
            case "complete": break
            case "partial": status = .partial
            default:
                problems.append(Problem(diagnostic: Diagnostic(.unknownResponseStatus, at: at(columns.names[column]),
                    "“\(text)” is not a status of a response: write complete (submitted) or partial (begun, not submitted); an empty cell is complete"),
                    column: columns.names[column], value: text))
                return problems
            }
        }
        validator.check(&sheet, mode: status == .complete ? .complete : .partial)
        for var problem in sheet.problems where !isFollowingFromTheHeader(problem) {
            var column = problem.variable
            // The cell as written (`007`), not the value it was read as (`7`).
            if problem.value != nil, let variable = validator.index(ofVariable: problem.variable),
               let position = cellVariables.firstIndex(of: variable), let cell = Self.trimmedText(record, cellColumns[position]) {
                problem.value = cell
            }
            if let variable = validator.index(ofVariable: problem.variable), let spread = spreadVariables.first(where: { $0.variable == variable }) {
                column = columns.names[optionColumn(of: problem, spread: spread.columns, variable: variable, in: record)]
            }
            if case .notAChoice = problem.kind, let value = problem.value, let variable = validator.index(ofVariable: problem.variable),
               let code = validator.coders[variable].choiceTable?.code(ofLabel: value) {
                problems.append(Problem(diagnostic: Diagnostic(.labelsExport, at: at(column),
                    "“\(value)” is the label of the code \(code), not a code: write \(code). Labels are not read back, as they change between versions and languages: if the file is an export made with --labels, export the round again without it"),
                    column: column, value: value))
                continue
            }
            problems.append(Problem(diagnostic: problem.diagnostic(at: at(column)), column: column, value: problem.value))
        }
        return problems
    }

    /// How far after the time of the import a row's time may be (a day, in milliseconds): a clock
    /// set wrong, or a time written in a zone ahead of the machine's, is not a typing error.
    static let clockSkew: Int64 = 86_400_000

    /// The id of the page the row last checked reached, when it is partial: the last page holding
    /// an answer (nil when it has none), as the web form keeps the page a respondent stands on.
    var currentPage: String? {
        guard status == .partial, let page = validator.lastAnsweredPage(in: sheet) else { return nil }
        return validator.survey.pages[page].id
    }

    /// The column a problem of a multiple choice spread over `spread` (one column per option) is
    /// reported at: the option's column for a problem of one option, else the first column holding
    /// 1 (the answer given), else the first option column.
    private func optionColumn(of problem: AnswerProblem, spread: [Int], variable: Int, in record: CSVRecord) -> Int {
        let codes = validator.coders[variable].choiceTable?.codes ?? []
        switch problem.kind {
        case .notAnOptionMark(let code), .choiceNotOffered(_, let code, _):
            if let position = codes.firstIndex(of: code) { return spread[position] }
        default:
            break
        }
        return spread.first { Self.trimmedText(record, $0) == "1" } ?? spread[0]
    }

    /// The warning that the unnamed columns at the end of the header were ignored, once every row
    /// was checked and none had a value in them.
    var unnamedAtEndWarning: Diagnostic? { refusesFile ? nil : columns.unnamedAtEndWarning }

    /// The field without surrounding spaces and tabs, nil when that leaves nothing.
    static func trimmedText(_ record: CSVRecord, _ column: Int) -> String? {
        record.withUnsafeBytes(at: column) { raw -> String? in
            let trimmed = Self.trimmed(raw)
            return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self)
        }
    }

    /// Whether `problem` only follows from a header column that names a variable wrongly (`Node` for
    /// `node`), which refuses the file already: that variable missing (E412), or an answer not shown
    /// (E413) because the missing variable decides whether its question is.
    private func isFollowingFromTheHeader(_ problem: AnswerProblem) -> Bool {
        switch problem.code {
        case .requiredMissing: columns.misnamedVariables.contains(problem.variable)
        case .answerNotRelevant: validator.index(ofVariable: problem.variable).map(shownByMisnamed.contains) ?? false
        default: false
        }
    }

    /// Why `text` is no `submitted_at`: a day and time without a zone (as a spreadsheet writes a cell it
    /// reformatted as a date) names no moment; anything else is not ISO 8601.
    static func timestampProblem(_ text: String) -> String {
        guard text.count > 10, Timestamp(iso: text + "Z") != nil else {
            return "“\(text)” is not a time: write ISO 8601, e.g. 2025-10-12T09:30:00Z or 2025-10-12"
        }
        return "“\(text)” has no time zone, so the moment is unknown: add Z for UTC (\(text)Z) or the zone's offset "
            + "(\(text)+01:00 for Swedish winter time), or write the day alone (\(text.prefix(10))); "
            + "a spreadsheet that reformats the cell as a date leaves the zone out"
    }

    /// The cell without the spaces, tabs and line breaks around it, as an answer is read.
    static func trimmedCell(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var start = cell.startIndex, end = cell.endIndex
        while start < end, isSpace(cell[start]) { start += 1 }
        while end > start, isSpace(cell[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: cell[start..<end])
    }

    static func trimmed(_ raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = raw.startIndex
        var end = raw.endIndex
        while start < end, raw[start] == 0x20 || raw[start] == 0x09 { start += 1 }
        while end > start, raw[end - 1] == 0x20 || raw[end - 1] == 0x09 { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: raw[start..<end])
    }
}
