/// A position in a text file: 1-based line and column, as editors count them.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The location `offset` characters further along the same line,
    /// e.g. a column inside an expression that starts at `self`.
    public func advanced(byColumns offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + offset)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// Where a diagnostic points: a place in a definition file, a cell of a data
/// file, a field of a form or API body, or a whole file.
public enum DiagnosticLocation: Hashable, Sendable, Comparable {
    /// A line and column in a text file (survey, framework and report definitions).
    case source(SourceLocation)
    /// A data row of a CSV file. `row` counts data rows from 1 (the header is not a row);
    /// `line` is the physical line the record starts on; `column` is the header name.
    case record(file: String, row: Int, column: String?, line: Int)
    /// A named field of a form or a JSON body.
    case field(String)
    /// A file as a whole (unreadable, empty, not text).
    case file(String)

    public var file: String? {
        switch self {
        case .source(let location): location.file
        case .record(let file, _, _, _), .file(let file): file
        case .field: nil
        }
    }

    private var sortKey: (String, Int, Int, String) {
        switch self {
        case .source(let l): (l.file, l.line, l.column, "")
        case .record(let file, let row, let column, let line): (file, line, row, column ?? "")
        case .field(let name): ("", 0, 0, name)
        case .file(let file): (file, 0, 0, "")
        }
    }

    public static func < (lhs: DiagnosticLocation, rhs: DiagnosticLocation) -> Bool {
        lhs.sortKey < rhs.sortKey
    }
}
