/// How bad a diagnostic is. Errors refuse the input; warnings do not.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// A stable identifier for one kind of problem, listed once in ``DiagnosticCode/catalogue``.
///
/// Codes never change meaning once published: `E` codes are errors, `W` codes warnings.
/// The hundreds digit names the area: 0 files and YAML, 1 surveys, 2 expressions,
/// 3 frameworks, 4 data (CSV, answers, store; 47x–48x the web server), 5 reports, 6 exports.
public struct DiagnosticCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// `E012`, `W105`.
    public let id: String
    public let severity: Severity
    /// One line saying what the code is about, for the catalogue in the docs.
    public let summary: String

    public init(_ id: String, _ severity: Severity, _ summary: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
    }

    public var description: String { id }

    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool {
        lhs.id < rhs.id
    }
}
