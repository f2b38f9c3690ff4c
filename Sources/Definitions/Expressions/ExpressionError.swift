import Diagnostics

/// A problem in one expression (an error, or a warning such as W106): its code, the 1-based
/// column (in Characters) inside the expression text where it is, and a message saying what to do.
///
/// Turn it into a file diagnostic with ``diagnostic(at:)``, passing the file position of
/// ``column`` (`ExpressionSource.location(ofColumn:)` gives it).
public struct ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: DiagnosticCode
    public var column: Int
    public var message: String
    /// The `x` of an unknown `${x}` (E212), for which the caller, who knows the names, can
    /// suggest a better one with ``suggesting(from:)``. Other errors make their own suggestions.
    public var unknownName: String?
    /// The code an E224 compares with and the list that lacks it, for callers that say so in their own words.
    public var unknownCode: UnknownCode?

    public init(_ code: DiagnosticCode, column: Int, _ message: String, unknownName: String? = nil, unknownCode: UnknownCode? = nil) {
        self.code = code
        self.column = column
        self.message = message
        self.unknownName = unknownName
        self.unknownCode = unknownCode
    }

    /// The error with " (did you mean y?)" appended when ``unknownName`` is close to one of `names`.
    public func suggesting(from names: some Sequence<String>) -> ExpressionError {
        guard let unknownName else { return self }
        var copy = self
        copy.message += Suggestions.didYouMean(unknownName, in: names)
        return copy
    }

    /// The error as a diagnostic at `location`, the file position of ``column``.
    public func diagnostic(at location: SourceLocation) -> Diagnostic {
        Diagnostic(code, at: location, message)
    }

    /// `column 7: error[E212]: message`
    public var description: String { "column \(column): \(code.severity)[\(code.id)]: \(message)" }
}

/// A choice code an expression compares with that its choice list does not have.
public struct UnknownCode: Hashable, Sendable {
    /// The code as written in the expression.
    public let code: String
    /// The choice list's name.
    public let list: String
    /// The list's codes.
    public let codes: [String]

    public init(code: String, list: String, codes: [String]) {
        self.code = code
        self.list = list
        self.codes = codes
    }
}
