import Diagnostics

/// Line and column of places in a text, counted as YAML parsers and editors count them:
/// lines from 1, columns from 1 in Unicode scalars.
enum TextPosition {
    static func location(of index: String.UnicodeScalarView.Index, in text: String, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        var i = text.unicodeScalars.startIndex
        while i < index {
            if text.unicodeScalars[i] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i = text.unicodeScalars.index(after: i)
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
