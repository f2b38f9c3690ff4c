import Diagnostics

/// Counts every error of an import by code and, when it belongs to a column, by column; keeps the
/// first few errors of rows in full, and every error of a whole file (the database full, the report
/// of refused rows that did not fit), which thousands of refused rows must not hide.
struct ProblemTally {
    let limit: Int
    private(set) var listed: [Diagnostic] = []
    private(set) var warnings: [Diagnostic] = []
    private(set) var errorCount = 0
    private var codes: [String: DiagnosticCode] = [:]
    private var byCode: [String: Int] = [:]
    private var byColumn: [String: Int] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    mutating func add(_ diagnostic: Diagnostic) {
        guard diagnostic.isError else {
            warnings.append(diagnostic)
            return
        }
        count(diagnostic.code, column: Self.column(of: diagnostic))
        if listed.count < limit || Self.isOfAWholeFile(diagnostic) { listed.append(diagnostic) }
    }

    /// Adds another tally's problems after this one's (listed ones up to the limit).
    mutating func merge(_ other: ProblemTally) {
        for diagnostic in other.listed where listed.count < limit || Self.isOfAWholeFile(diagnostic) { listed.append(diagnostic) }
        warnings += other.warnings
        errorCount += other.errorCount
        for (id, count) in other.byCode { byCode[id, default: 0] += count }
        for (column, count) in other.byColumn { byColumn[column, default: 0] += count }
        codes.merge(other.codes) { a, _ in a }
    }

    private mutating func count(_ code: DiagnosticCode, column: String?) {
        errorCount += 1
        if codes[code.id] == nil { codes[code.id] = code }
        byCode[code.id, default: 0] += 1
        if let column { byColumn[column, default: 0] += 1 }
    }

    var errorsByCode: [(code: DiagnosticCode, count: Int)] {
        byCode.map { (codes[$0.key]!, $0.value) }.sorted { ($1.count, $0.code) < ($0.count, $1.code) }
    }

    /// Errors per column, most frequent first; errors of a whole row or file are in no column.
    var errorsByColumn: [(column: String, count: Int)] {
        byColumn.map { ($0.key, $0.value) }.sorted { ($1.count, $0.column) < ($0.count, $1.column) }
    }

    /// Whether a diagnostic is about a file as a whole (the database, the report), not a row, a
    /// cell or a column of the file imported.
    static func isOfAWholeFile(_ diagnostic: Diagnostic) -> Bool {
        if case .file = diagnostic.location { return true }
        return false
    }

    /// The column a diagnostic is about; nil for the row or file as a whole.
    static func column(of diagnostic: Diagnostic) -> String? {
        switch diagnostic.location {
        case .record(_, _, let column?, _): column
        case .field(let name): name
        default: nil
        }
    }
}
