import Diagnostics

/// An expression as written in a definition file, with the position of its first character,
/// so that an error at offset *n* inside it can be reported at its place in the file.
public struct ExpressionSource: Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var location: SourceLocation

    public init(_ text: String, at location: SourceLocation) {
        self.text = text
        self.location = location
    }

    /// The file position of the Character at `column` (1-based) inside the expression, where
    /// columns count Unicode scalars (`👍🏽` is one Character, two scalars). Exact for expressions on
    /// one line; for folded text it points at the expression's start line.
    public func location(ofColumn column: Int) -> SourceLocation {
        if text.contains("\n") { return location }
        return location.advanced(byColumns: text.prefix(max(0, column - 1)).unicodeScalars.count)
    }

    public var description: String { text }
}
