import Foundation

/// Writes diagnostics for people (one line each and a summary) or for tools (JSON).
public enum DiagnosticRenderer {
    /// `path:line:col: error[E012]: message`, or the nearest form for other locations.
    public static func line(for diagnostic: Diagnostic) -> String {
        let tag = "\(diagnostic.severity.rawValue)[\(diagnostic.code.id)]"
        switch diagnostic.location {
        case .source(let l):
            return "\(l.file):\(l.line):\(l.column): \(tag): \(diagnostic.message)"
        case .record(let file, let row, let column, let line):
            let cell = column.map { "row \(row), column \($0)" } ?? "row \(row)"
            return "\(file):\(line): \(tag): \(cell): \(diagnostic.message)"
        case .field(let name):
            return "field \(name): \(tag): \(diagnostic.message)"
        case .file(let file):
            return "\(file): \(tag): \(diagnostic.message)"
        }
    }

    /// "2 errors and 1 warning in 3 files", or "no problems in 3 files".
    public static func summary(errors: Int, warnings: Int, files: Int) -> String {
        let fileWord = files == 1 ? "1 file" : "\(files) files"
        if errors == 0 && warnings == 0 { return "no problems in \(fileWord)" }
        var parts: [String] = []
        if errors > 0 { parts.append(errors == 1 ? "1 error" : "\(errors) errors") }
        if warnings > 0 { parts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
        return parts.joined(separator: " and ") + " in " + fileWord
    }

    /// The text report: every diagnostic on its own line, then each note (`path: note: message`),
    /// then the summary line.
    public static func text(_ diagnostics: [Diagnostic], files: Int, notes: [DiagnosticNote] = []) -> String {
        var out = diagnostics.map(line(for:)) + notes.map { "\($0.file): note: \($0.message)" }
        out.append(summary(
            errors: diagnostics.filter(\.isError).count,
            warnings: diagnostics.filter { !$0.isError }.count,
            files: files
        ))
        return out.joined(separator: "\n") + "\n"
    }

    /// A JSON document: `{"diagnostics": [...], "errors": n, "warnings": n, "files": n}`, and
    /// `"notes": [{"file": …, "message": …}]` when `notes` is given.
    /// `errorCount` is the total when the list holds only the first errors (`samla import --limit`);
    /// by default the errors listed are counted.
    public static func json(_ diagnostics: [Diagnostic], files: Int, errorCount: Int? = nil, notes: [DiagnosticNote]? = nil) -> String {
        let document = Document(
            diagnostics: diagnostics.map(Entry.init),
            errors: errorCount ?? diagnostics.filter(\.isError).count,
            warnings: diagnostics.filter { !$0.isError }.count,
            files: files,
            notes: notes
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private struct Document: Encodable {
        var diagnostics: [Entry]
        var errors: Int
        var warnings: Int
        var files: Int
        var notes: [DiagnosticNote]?
    }

    private struct Entry: Encodable {
        var code: String
        var severity: String
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
        var row: Int?
        var field: String?

        init(_ d: Diagnostic) {
            code = d.code.id
            severity = d.severity.rawValue
            message = d.message
            switch d.location {
            case .source(let l):
                file = l.file; line = l.line; column = l.column
            case .record(let f, let r, let c, let l):
                file = f; row = r; field = c; line = l
            case .field(let name):
                field = name
            case .file(let f):
                file = f
            }
        }
    }
}

/// Information printed beside the diagnostics of a file, neither error nor warning (what
/// `samla validate --db` finds a survey file would change in the database's rounds).
public struct DiagnosticNote: Hashable, Sendable, Encodable {
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }
}
