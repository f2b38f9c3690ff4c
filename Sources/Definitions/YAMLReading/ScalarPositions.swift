import Diagnostics

/// Where each Unicode scalar of a scalar's text is written in the file, also when YAML folded it
/// over lines, stripped its indentation or wrote a `'` as `''`: a position inside the value
/// (an expression's column) becomes a line and column of the file.
public struct ScalarPositions: Hashable, Sendable {
    private struct Point: Hashable, Sendable {
        var line: Int
        var column: Int
    }

    private let file: String
    /// One point per Unicode scalar of the text, and one past its end.
    private let points: [Point]

    /// Walks the source from `scalar`'s text location beside its text: each character other than
    /// white space must be the next one written, after spaces, tabs and line breaks. Nil when the
    /// text was written otherwise (a `\` escape of a double-quoted value), which has no exact place.
    public init?(of scalar: YAMLScalar, in lines: SourceLines) {
        var cursor = SourceCursor(lines: lines, at: scalar.textLocation)
        var points: [Point] = []
        points.reserveCapacity(scalar.text.unicodeScalars.count + 1)
        for character in scalar.text.unicodeScalars {
            if SourceCursor.isWhitespace(character) {
                // Folding turns line breaks and indentation into spaces or nothing: only the
                // characters around white space are matched.
                points.append(Point(line: cursor.line, column: cursor.column))
                continue
            }
            cursor.skipWhitespace()
            guard let written = cursor.current, written == character else { return nil }
            switch scalar.style {
            case .doubleQuoted where written == "\\":
                return nil
            case .singleQuoted where written == "'":
                points.append(Point(line: cursor.line, column: cursor.column))
                cursor.advance()
                guard cursor.current == "'" else { return nil }
            default:
                points.append(Point(line: cursor.line, column: cursor.column))
            }
            cursor.advance()
        }
        points.append(Point(line: cursor.line, column: cursor.column))
        self.file = scalar.textLocation.file
        self.points = points
    }

    /// The file position of the Unicode scalar at `offset` (from 0) in the text; an offset past
    /// the end is the place just after the text.
    public func location(ofScalarAt offset: Int) -> SourceLocation {
        let point = points[min(max(0, offset), points.count - 1)]
        return SourceLocation(file: file, line: point.line, column: point.column)
    }
}

/// A place in the source, moved one Unicode scalar at a time; a line ends in a line feed.
private struct SourceCursor {
    let lines: SourceLines
    private(set) var line: Int
    private(set) var column: Int
    private var scalars: [Unicode.Scalar]

    init(lines: SourceLines, at location: SourceLocation) {
        self.lines = lines
        line = location.line
        column = location.column
        scalars = Array(lines[location.line].unicodeScalars)
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    /// The scalar at the cursor: a line feed at the end of a line, nil past the last line.
    var current: Unicode.Scalar? {
        if column - 1 < scalars.count { return scalars[column - 1] }
        return line < lines.count ? "\n" : nil
    }

    mutating func advance() {
        if column - 1 < scalars.count {
            column += 1
        } else if line < lines.count {
            line += 1
            column = 1
            scalars = Array(lines[line].unicodeScalars)
        }
    }

    mutating func skipWhitespace() {
        while let scalar = current, Self.isWhitespace(scalar) { advance() }
    }
}
