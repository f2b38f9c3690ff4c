import Diagnostics
import YAMLReading

/// An expression as written in a definition file, with the position of its first character,
/// so that an error at offset *n* inside it can be reported at its place in the file.
public struct ExpressionSource: Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var location: SourceLocation
    /// Where the text's characters are in the file, when read from it.
    private var placement: Placement

    private enum Placement: Hashable, Sendable {
        /// Written as it reads, on one line from `location`.
        case asWritten
        /// Read from a YAML value whose characters map onto the file.
        case mapped(ScalarPositions)
        /// Read from a YAML value that does not map (escapes): every column is `location`.
        case unmapped
    }

    /// An expression written as it reads from `location` on (for one made in code).
    public init(_ text: String, at location: SourceLocation) {
        self.text = text
        self.location = location
        self.placement = .asWritten
    }

    /// The expression written as `scalar` in the file whose lines are `lines`, without the final
    /// line breaks of a block scalar (`|`, `>`), placed character by character where YAML
    /// wrote it over several lines or with `''`, and at its start where escapes hide the place.
    public init(_ scalar: YAMLScalar, in lines: SourceLines) {
        var text = scalar.text
        if scalar.style == .literal || scalar.style == .folded {
            while text.hasSuffix("\n") { text.removeLast() }
        }
        self.text = text
        self.location = scalar.textLocation
        self.placement = ScalarPositions(of: scalar, in: lines).map(Placement.mapped) ?? .unmapped
    }

    /// The file position of the Character at `column` (1-based) inside the expression, where
    /// columns count Unicode scalars (`👍🏽` is one Character, two scalars): exact for an expression
    /// read from a file unless escapes hide the place, which is then the expression's start.
    public func location(ofColumn column: Int) -> SourceLocation {
        let offset = text.prefix(max(0, column - 1)).unicodeScalars.count
        switch placement {
        case .asWritten: return text.contains("\n") ? location : location.advanced(byColumns: offset)
        case .mapped(let positions): return positions.location(ofScalarAt: offset)
        case .unmapped: return location
        }
    }

    /// Expressions are the same text written at the same place.
    public static func == (lhs: ExpressionSource, rhs: ExpressionSource) -> Bool {
        lhs.text == rhs.text && lhs.location == rhs.location
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(location)
    }

    public var description: String { text }
}
