import Foundation
import Diagnostics
import Responses
import SurveyDefinition

/// What each column of an import file holds, read once from its header.
///
/// Header names are variable names: a question's name, `question_row` for a matrix row,
/// `question_other` for an `other` text. Two metadata columns are also taken: `language`
/// (a language of the survey; without it every row is in the survey's first language) and
/// `submitted_at` (ISO 8601; without it, the time of the import). A variable of the survey
/// with one of those names wins over the metadata meaning; the metadata column is then read under
/// the name an export gives it, `response_language` or `response_submitted_at` (the variable's
/// name compared ignoring case, as the export compares it). An export's `response_id` is not read:
/// imported responses are numbered anew; nor are its `source`, `api_client` and `definition_version`
/// (under those names or with the prefix): an imported response was collected by import, under the
/// round's definition, whatever the file says; its `status` (with partial responses) is read, and a
/// `partial` row is stored as a partial response. A multiple choice is read from its
/// own column (`q`, codes) or from the whole set of one column per option that an export spreads
/// it into (`q_option`, named by ``WideColumnNames``), not from both. Columns for calculated variables
/// are allowed (an export carries them) and ignored, with a warning: calculations are computed
/// from the answers. A variable without a column is empty in every row, which is refused only
/// where a row makes it required.
///
/// A `token` column (any letter case; `response_token` when a variable takes the name) names the
/// invitation each row answers, by the token of its personal link. A file with one may be the links
/// file of `samla invite` with answers added: its `link` column and the contacts' `email` and
/// `label` columns (under any of the names `samla invite` reads them by) are then not read, with a
/// warning, and a header with no column of answers at all is refused as a links file without answers.
struct ImportColumns {
    enum Role: Equatable {
        case variable(Int)
        /// One option of a multiple choice spread into one column per option: the variable, and the
        /// option's position in its list.
        case option(variable: Int, position: Int)
        case language
        case submittedAt
        /// An export's `complete`/`partial`.
        case status
        /// The token of the invitation the row answers.
        case token
        /// A calculated variable, or a column that the header refused: not read.
        case ignored
        /// A column without a name at the end of the header (Excel's trailing delimiters): read
        /// only to check that it is empty in every row.
        case unnamedAtEnd
    }

    static let languageColumn = "language"
    static let submittedAtColumn = "submitted_at"
    static let statusColumn = "status"
    static let tokenColumn = "token"
    /// The columns of a links file (`samla invite`) that are not answers: its link, which ends in
    /// the token, and the contacts' address and label, which the invitation keeps.
    static let linksFileColumns = ["link"] + InvitationBatch.emailColumnNames + InvitationBatch.labelColumnNames
    /// The prefix an export gives a metadata column whose name a variable takes.
    static let metadataPrefix = "response_"
    /// The response number an export writes first; the import numbers responses anew.
    static let exportedResponseID = "response_id"
    /// How an exported response was collected, by which partner system and under which definition:
    /// not read, since an imported response's source is always `import`, and its definition the round's.
    static let exportedSourceColumns = ["source", "api_client", "definition_version"]

    let names: [String]
    let roles: [Role]
    /// Header problems: errors refuse the import, warnings do not.
    let diagnostics: [Diagnostic]
    /// The variable columns as (column index, variable index), in column order.
    let variableColumns: [(column: Int, variable: Int)]
    /// The multiple choices read from one column per option: the variable, and the column of each
    /// option in list order.
    let spreadVariables: [(variable: Int, columns: [Int])]
    let languageColumnIndex: Int?
    let submittedAtColumnIndex: Int?
    let statusColumnIndex: Int?
    let tokenColumnIndex: Int?
    /// Whether no column holds answers although the file names invitations: a links file without
    /// answers, refused before its rows are read.
    let holdsNoAnswers: Bool
    /// Variables that a refused header name probably meant (`Node` for `node`): the header error
    /// already refuses the file, so their answers are not also reported missing in every row.
    let misnamedVariables: Set<String>
    /// Whether no column is one Samla reads: every name is unknown, empty or a calculated variable's.
    var namesNothing: Bool { !roles.contains { ![.ignored, .unnamedAtEnd].contains($0) } }
    /// The columns without a name after the last named one; ignored while they are empty.
    let unnamedAtEnd: Range<Int>
    /// The warning that the columns of ``unnamedAtEnd`` were ignored, for when every row left them empty.
    let unnamedAtEndWarning: Diagnostic?

    init(header names: [String], validator: ResponseValidator, file: String, line: Int) {
        self.names = names
        var roles: [Role] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: Int] = [:]
        var misnamed: Set<String> = []
        // Multiple choices with an option column that a refused name probably meant.
        var misnamedOptions: Set<Int> = []
        // Whether the header is an export's (it has `response_id`).
        var isExport = false
        let variableNames = Set(validator.variables.map { $0.name.lowercased() })
        /// The header name of a metadata column: its own, or the export's `response_` name when a variable takes it.
        func metadataColumn(_ name: String) -> String {
            variableNames.contains(name.lowercased()) ? Self.metadataPrefix + name : name
        }
        let languageColumn = metadataColumn(Self.languageColumn), submittedAtColumn = metadataColumn(Self.submittedAtColumn)
        let statusColumn = metadataColumn(Self.statusColumn)
        let tokenColumn = metadataColumn(Self.tokenColumn).lowercased()
        let namesInvitations = names.contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == tokenColumn }
        // The links file's own columns found in the header, not read.
        var linksFileColumns: [String] = []
        let sourceColumns = Set(Self.exportedSourceColumns.map(metadataColumn))
        // The option columns an export gives each multiple choice, by name.
        var optionColumns: [String: (variable: Int, position: Int)] = [:]
        if let wide = try? WideColumnNames(metadata: WideColumnNames.exportMetadata, variables: validator.variables, in: validator.survey) {
            for (v, variable) in validator.variables.enumerated() where variable.type == .choices && variable.role != .calculated {
                for (position, name) in wide.variables[v].enumerated() { optionColumns[name] = (v, position) }
            }
        }
        let labels = QuestionLabels(survey: validator.survey)
        let known = validator.variables.map(\.name) + [languageColumn, submittedAtColumn, metadataColumn(Self.tokenColumn)] + optionColumns.keys.sorted()
        let lastNamed = names.lastIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        unnamedAtEnd = lastNamed.map { ($0 + 1)..<names.count } ?? names.count..<names.count
        var unnamedAtEndWarning: Diagnostic?
        // The character column where each name starts, as if the header were written without quotes.
        var startColumn = 1
        for (i, raw) in names.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            let at = DiagnosticLocation.source(SourceLocation(file: file, line: line, column: startColumn))
            startColumn += raw.unicodeScalars.count + 1
            if name.isEmpty && unnamedAtEnd.contains(i) {
                if i == unnamedAtEnd.lowerBound {
                    let count = unnamedAtEnd.count
                    unnamedAtEndWarning = Diagnostic(.unnamedColumnsIgnored, at: at,
                        "the header ends in \(count) column\(count == 1 ? "" : "s") without a name, empty in every row (trailing delimiters, as Excel writes them); \(count == 1 ? "it was" : "they were") ignored")
                }
                roles.append(.unnamedAtEnd)
                continue
            }
            if name.isEmpty {
                diagnostics.append(Diagnostic(.emptyColumnName, at: at, "column \(i + 1) of the header has no name; name it after a variable of survey \(validator.survey.id) or remove the column"))
                roles.append(.ignored)
                continue
            }
            if let first = seen[name] {
                diagnostics.append(Diagnostic(.duplicateColumn, at: at, "column \(i + 1) is named \(name), like column \(first + 1); each variable may have one column only"))
                roles.append(.ignored)
                continue
            }
            seen[name] = i
            if let v = validator.index(ofVariable: name) {
                if validator.variables[v].role == .calculated {
                    diagnostics.append(Diagnostic(.calculatedColumnIgnored, at: at, "column \(name) is calculated from other answers; its values are not read"))
                    roles.append(.ignored)
                } else {
                    roles.append(.variable(v))
                }
            } else if name == languageColumn {
                roles.append(.language)
            } else if name == submittedAtColumn {
                roles.append(.submittedAt)
            } else if name == statusColumn {
                roles.append(.status)
            } else if name.lowercased() == tokenColumn {
                roles.append(.token)
            } else if namesInvitations, Self.linksFileColumns.contains(name.lowercased()) {
                linksFileColumns.append(name)
                roles.append(.ignored)
            } else if name == Self.exportedResponseID {
                isExport = true
                roles.append(.ignored)
            } else if sourceColumns.contains(name) {
                roles.append(.ignored)
            } else if let option = optionColumns[name] {
                roles.append(.option(variable: option.variable, position: option.position))
            } else if let labelled = labels.question(labelled: name) {
                misnamed.insert(labelled.question)
                diagnostics.append(Diagnostic(.unknownColumn, at: at,
                    "column \(name) is the label (\(labelled.language)) of question \(labelled.question), not its name: name the column \(labelled.question); "
                        + "a header names the variables (samla generate SURVEY.yaml --rows 0 writes one)"))
                roles.append(.ignored)
            } else if let question = validator.questionWithoutVariable(named: name) {
                diagnostics.append(Diagnostic(.unknownColumn, at: at, "column \(name) is not a variable: " + question.explanation(of: name, in: "en")))
                roles.append(.ignored)
            } else {
                let suggestion = Suggestions.closest(to: name, in: known)
                if let suggestion, validator.index(ofVariable: suggestion) != nil { misnamed.insert(suggestion) }
                if let suggestion, let option = optionColumns[suggestion] {
                    misnamedOptions.insert(option.variable)
                    misnamed.insert(validator.variables[option.variable].name)
                }
                // In a file of invitations, such a column is most likely one of the contacts file.
                // Else, a header written from a definition file edited since the round was opened.
                let copiedFromContacts = suggestion != nil ? "" : namesInvitations
                    ? "; in a file of invitations (column token) it is most likely a column the links file copied from the contacts file, which is no answer: remove it and import the file again"
                    : "; the round reads answers with the definition it was opened with (version \(validator.survey.version)): a question added to the definition file "
                        + "since is taken once the round is opened again with the file (samla round open FILE --name ROUND)"
                diagnostics.append(Diagnostic(.unknownColumn, at: at,
                    "column \(name) is not a variable of survey \(validator.survey.id)\(Suggestions.didYouMean(suggestion))\(copiedFromContacts)"))
                roles.append(.ignored)
            }
        }
        var spread: [(variable: Int, columns: [Int])] = []
        for (v, variable) in validator.variables.enumerated() where variable.type == .choices && variable.role != .calculated {
            var found: [Int: Int] = [:]
            for (column, role) in roles.enumerated() {
                if case .option(v, let position) = role { found[position] = column }
            }
            guard let first = found.values.min() else { continue }
            let optionNames = optionColumns.filter { $0.value.variable == v }.sorted { $0.value.position < $1.value.position }.map(\.key)
            let at = DiagnosticLocation.source(SourceLocation(file: file, line: line, column: Self.startColumn(of: first, in: names)))
            if let own = roles.firstIndex(of: .variable(v)) {
                diagnostics.append(Diagnostic(.optionColumnsIncomplete, at: at,
                    "column \(names[own]) and the option columns of \(variable.name) (\(names[first]), …) both give its answer; keep one: the codes in \(variable.name), or one column per option"))
                for column in found.values { roles[column] = .ignored }
            } else if found.count < optionNames.count {
                misnamed.insert(variable.name)
                if !misnamedOptions.contains(v) {
                    let missing = optionNames.enumerated().filter { found[$0.offset] == nil }.map(\.element)
                    diagnostics.append(Diagnostic(.optionColumnsIncomplete, at: at,
                        "the multiple choice \(variable.name) has \(found.count) of its \(optionNames.count) option columns; add \(missing.joined(separator: ", ")) (1 chosen, 0 not), or give the answer as one column \(variable.name) of codes separated by spaces"))
                }
                for column in found.values { roles[column] = .ignored }
            } else {
                spread.append((v, (0..<optionNames.count).map { found[$0]! }))
            }
        }
        spreadVariables = spread
        // An export leaves personal questions out unless --include-pii: say so once, rather than
        // leave the E412s of the rows that must answer them unexplained.
        let given = Set(roles.compactMap { role -> Int? in
            if case .variable(let v) = role { return v }
            return nil
        } + spread.map(\.variable))
        let personal = validator.variables.indices.filter { validator.variables[$0].isPII && validator.variables[$0].role != .calculated && !given.contains($0) }
        if isExport && !personal.isEmpty {
            let list = personal.map { validator.variables[$0].name }.joined(separator: ", ")
            diagnostics.append(Diagnostic(.personalColumnsMissing, at: .source(SourceLocation(file: file, line: line, column: 1)),
                "the file has no column for the personal questions \(list), as an export without --include-pii leaves them out: they are not imported, and a row that must answer one is refused (E412); export with --include-pii to carry them over"))
        }
        let headerStart = DiagnosticLocation.source(SourceLocation(file: file, line: line, column: 1))
        if !linksFileColumns.isEmpty {
            let list = linksFileColumns.joined(separator: ", ")
            diagnostics.append(Diagnostic(.contactColumnsIgnored, at: headerStart,
                "the column\(linksFileColumns.count == 1 ? "" : "s") \(list) of the links file \(linksFileColumns.count == 1 ? "is" : "are") not answers and \(linksFileColumns.count == 1 ? "was" : "were") not read: each row's invitation is its token, and the invitation keeps the email and label samla invite stored"))
        }
        holdsNoAnswers = namesInvitations && given.isEmpty
        if holdsNoAnswers {
            diagnostics.append(Diagnostic(.unknownColumn, at: headerStart,
                "no column names a variable of survey \(validator.survey.id): the file names invitations (column token) but holds no answers, as the links file of samla invite; add the answers of the organisations that answered on paper in columns named after the variables (samla generate --rows 0 prints them), keep the rows of those organisations only, and import that file"))
        }
        self.roles = roles
        self.diagnostics = diagnostics
        misnamedVariables = misnamed
        self.unnamedAtEndWarning = unnamedAtEndWarning
        variableColumns = roles.enumerated().compactMap { column, role in
            if case .variable(let v) = role { return (column, v) }
            return nil
        }
        languageColumnIndex = roles.firstIndex(of: .language)
        submittedAtColumnIndex = roles.firstIndex(of: .submittedAt)
        statusColumnIndex = roles.firstIndex(of: .status)
        tokenColumnIndex = roles.firstIndex(of: .token)
    }

    /// The character column where header field `index` starts, as if the header were written without quotes.
    static func startColumn(of index: Int, in names: [String]) -> Int {
        names.prefix(index).reduce(1) { $0 + $1.unicodeScalars.count + 1 }
    }

    var hasErrors: Bool { diagnostics.contains(where: \.isError) }
}
