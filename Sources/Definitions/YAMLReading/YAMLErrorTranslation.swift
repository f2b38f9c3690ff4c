import Diagnostics
import Yams

/// Turns the errors of the YAML parser into diagnostics that say where and what to do.
enum YAMLErrorTranslation {
    static func diagnostic(for error: Error, text: String, file: String) -> Diagnostic {
        guard let error = error as? YamlError else {
            return Diagnostic(.yamlSyntax, at: .file(file), "the YAML cannot be read: \(error)")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let location = SourceLocation(file: file, line: mark.line, column: mark.column)
            return Diagnostic(.yamlSyntax, at: location, message(problem: problem, context: context, at: location, text: text))
        case .reader(let problem, let offset, _, _):
            let location = offset.map { characterLocation(offset: $0, in: text, file: file) } ?? SourceLocation(file: file, line: 1, column: 1)
            return Diagnostic(.fileNotText, at: location, "the file cannot be read as text here (\(problem)); save it as plain UTF-8 text")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = SourceLocation(file: file, line: context.mark.line, column: context.mark.column)
            let second = DuplicateKeySearch.secondOccurrence(of: key, after: first, in: text)
            let also = duplicates.count > 1 ? " (and \(duplicates.dropFirst().map { "'\($0)'" }.joined(separator: ", ")) too)" : ""
            return Diagnostic(.duplicateKey, at: second ?? first,
                              "the key '\(key)' appears twice in the same mapping (first on line \(first.line))\(also); keep one of them")
        case .memory:
            return Diagnostic(.fileTooLarge, at: .file(file), "the YAML parser ran out of memory; is this really a definition?")
        case .dataCouldNotBeDecoded:
            return Diagnostic(.fileNotText, at: .file(file), "the file is not UTF-8 text; save it as UTF-8")
        default:
            return Diagnostic(.yamlSyntax, at: .file(file), "the YAML cannot be read: \(error)")
        }
    }

    /// libyaml's wording, with advice for the mistakes people make most.
    private static func message(problem: String, context: YamlError.Context?, at location: SourceLocation, text: String) -> String {
        var message = "YAML syntax: \(problem)"
        if let context, context.mark.line != location.line || context.text.isEmpty == false {
            message += " (\(context.text) on line \(context.mark.line))"
        }
        let line = self.line(location.line, of: text)
        let character = line.dropFirst(max(0, location.column - 1)).first
        if let quoted = QuotedValueFollowed(line: line, before: location.column) {
            message += "; the quoted value ends at its closing quote, but the line goes on: put the whole value in one pair of quotes\(quoted.example)"
        } else if problem.contains("found character that cannot start any token"), let character, "@`".contains(character) {
            message += "; a value starting with \(character) must be quoted, e.g. \"\(character)…\""
        } else if problem.contains("did not find expected ',' or '}'"), let colon = FlowValueWithColon(line: line, column: location.column) {
            message += "; a value that contains ': ' must be quoted\(colon.example)"
        } else if problem.contains("did not find expected ',' or '}'") || problem.contains("did not find expected ',' or ']'") {
            let (open, close) = problem.contains("'}'") ? ("{", "}") : ("[", "]")
            let start = context.map { " on line \($0.mark.line)" } ?? ""
            message += "; separate the items inside \(open)…\(close) with commas, and close the \(open)\(start) with \(close) (a ' inside '…' is written twice: 'it''s')"
        } else if problem.contains("did not find expected key"), let character, "}]".contains(character) {
            message += "; this \(character) closes nothing: remove it"
        } else if problem.contains("tab character") || (problem.contains("found character that cannot start any token") && line.contains("\t")) {
            message += "; YAML indents with spaces, never tabs: replace the tab with spaces"
        } else if problem.contains("mapping values are not allowed"), let indented = OverIndentedKey(text: text, line: location.line, column: location.column) {
            message += "; \(indented.advice)"
        } else if problem.contains("mapping values are not allowed") {
            message += "; a value that contains ': ' must be quoted, e.g. label: \"Time: 10:30\""
        } else if problem.contains("did not find expected '-' indicator"), let under = UnderIndentedKey(text: text, line: location.line) {
            message += "; \(under.advice)"
        } else if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator"),
                  let unaligned = UnalignedLine(text: text, line: location.line) {
            message += "; \(unaligned.advice)"
        } else if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
            message += "; check the indentation of this line against the lines above"
        } else if problem.contains("did not find expected <document start>") {
            message += "; the lines above are indented differently from this one: every top-level key starts in the first column"
        } else if problem.contains("found undefined alias") {
            message += "; a value starting with * must be quoted"
        } else if problem.contains("found unexpected end of stream") || problem.contains("found unexpected document indicator") {
            message += "; a quote or bracket opened earlier is not closed"
        } else if problem.contains("could not find expected ':'") {
            message += "; a key needs ': ' after it (or a quoted value that spans lines is not closed)"
        }
        return message
    }

    /// Where the `---` before the document whose first node is at `mark` is, else the node itself.
    static func documentStart(before mark: Mark?, in text: String, file: String) -> SourceLocation {
        let nodeLine = mark?.line ?? 1
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var index = min(nodeLine, lines.count) - 1
        while index >= 0 {
            if lines[index].hasPrefix("---") { return SourceLocation(file: file, line: index + 1, column: 1) }
            index -= 1
        }
        return SourceLocation(file: file, line: nodeLine, column: mark?.column ?? 1)
    }

    private static func line(_ number: Int, of text: String) -> Substring {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return number >= 1 && number <= lines.count ? lines[number - 1] : ""
    }

    private static func characterLocation(offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}

/// A line such as `relevant: "${a}" = 1`, where a quoted value is followed by more text: YAML
/// reads the value as `${a}` and stumbles on what follows, far from what the author meant.
struct QuotedValueFollowed {
    /// `, e.g. relevant: "${a} = 1"`, or empty when no single pair of quotes can hold the whole value.
    let example: String

    /// Finds a value that starts with a quote after `key: ` or `- ` and closes before `column`
    /// (1-based), with more than a comment after it.
    init?(line: Substring, before column: Int) {
        let characters = Array(line)
        guard let valueStart = Self.valueStart(characters), valueStart < characters.count else { return nil }
        let quote = characters[valueStart]
        guard quote == "\"" || quote == "'" else { return nil }
        var i = valueStart + 1
        var content = ""
        while i < characters.count {
            let c = characters[i]
            if quote == "'" && c == "'" && i + 1 < characters.count && characters[i + 1] == "'" {
                content.append("'")
                i += 2
                continue
            }
            if quote == "\"" && c == "\\" && i + 1 < characters.count {
                content.append(contentsOf: [c, characters[i + 1]])
                i += 2
                continue
            }
            if c == quote { break }
            content.append(c)
            i += 1
        }
        guard i < characters.count, i + 1 < column else { return nil }
        var rest = String(characters[(i + 1)...])
        if let comment = rest.range(of: " #") { rest = String(rest[..<comment.lowerBound]) }
        rest = String(rest.reversed().drop { $0 == " " || $0 == "\r" }.reversed())
        guard !rest.isEmpty else { return nil }
        let whole = content + rest
        let prefix = String(characters[..<valueStart]).trimmingLeadingSpaces
        if !whole.contains("\"") && !whole.contains("\\") {
            example = ", e.g. \(prefix)\"\(whole)\""
        } else if !whole.contains("'") {
            example = ", e.g. \(prefix)'\(whole)'"
        } else {
            example = ""
        }
    }

    /// Where the value of `key: value` or `- value` starts.
    private static func valueStart(_ characters: [Character]) -> Int? {
        var i = 0
        while i < characters.count, characters[i] == " " { i += 1 }
        if i < characters.count, characters[i] == "-", i + 1 < characters.count, characters[i + 1] == " " {
            i += 2
            while i < characters.count, characters[i] == " " { i += 1 }
            if i < characters.count, characters[i] == "\"" || characters[i] == "'" { return i }
        }
        guard let colon = (i..<characters.count).first(where: { characters[$0] == ":" && $0 + 1 < characters.count && characters[$0 + 1] == " " }) else {
            return nil
        }
        i = colon + 1
        while i < characters.count, characters[i] == " " { i += 1 }
        return i
    }
}

/// A key indented deeper than the key on the line above, as `unit:` here:
/// ```
///         type: integer
///          unit: persons
/// ```
/// YAML reads the line as more of the value above (`integer unit`) and stumbles on its `:`, so
/// the advice is about the indentation, not about quoting.
struct OverIndentedKey {
    let advice: String

    /// Recognises the case from the line and (1-based) column of libyaml's mark: the mark is the
    /// `:` after the line's first word, and the line above is a `key: value` whose key starts
    /// further left. A mark past the end of the line found here (which a line break that this split
    /// does not know would make) is not this case.
    init?(text: String, line number: Int, column: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard number >= 2, number <= lines.count else { return nil }
        let line = Array(lines[number - 1])
        let indent = line.prefix { $0 == " " }.count
        let key = line[indent...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        guard !key.isEmpty, indent + key.count + 1 == column, indent + key.count < line.count, line[indent + key.count] == ":" else { return nil }
        var above = number - 2
        while above >= 0, Self.isBlankOrComment(lines[above]) { above -= 1 }
        guard above >= 0, let previous = Self.keyAndColumn(lines[above]), previous.column < indent + 1 else { return nil }
        advice = "this line is indented more than `\(previous.key)` on line \(above + 1), so YAML reads it as more of that value; "
            + "start `\(String(key))` in column \(previous.column), under `\(previous.key)` (or, if the value above really goes on, quote it)"
    }

    private static func isBlankOrComment(_ line: Substring) -> Bool {
        let trimmed = line.drop { $0 == " " }
        return trimmed.isEmpty || trimmed == "\r" || trimmed.hasPrefix("#")
    }

    /// The key of a `key: plain value` line (also after `- `) and its 1-based column.
    private static func keyAndColumn(_ line: Substring) -> (key: String, column: Int)? {
        let characters = Array(line)
        var i = characters.prefix { $0 == " " }.count
        if i + 1 < characters.count, characters[i] == "-", characters[i + 1] == " " {
            i += 2
            while i < characters.count, characters[i] == " " { i += 1 }
        }
        let start = i
        while i < characters.count, characters[i].isLetter || characters[i].isNumber || characters[i] == "_" || characters[i] == "-" { i += 1 }
        guard i > start, i + 1 < characters.count, characters[i] == ":", characters[i + 1] == " " else { return nil }
        let value = characters[(i + 2)...].drop { $0 == " " }
        guard let first = value.first, !"\"'{[|>&*!#".contains(first) else { return nil }
        return (String(characters[start..<i]), start + 1)
    }
}

/// A key of a list item started under the item's `-`, as `type:` here:
/// ```
///       - name: hours
///       type: decimal
/// ```
/// YAML expects the next item (`- `) in that column, and libyaml says only that it "did not find
/// expected '-' indicator"; the key belongs under the item's first key.
struct UnderIndentedKey {
    let advice: String

    /// Recognises the case from the line libyaml stopped at: a `key:` line whose indentation is
    /// that of the `- key:` item above it (every line between indented further).
    init?(text: String, line number: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard number >= 2, number <= lines.count else { return nil }
        let line = Array(lines[number - 1])
        let indent = line.prefix { $0 == " " }.count
        let key = line[indent...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        guard !key.isEmpty, key != ["-"], indent + key.count < line.count, line[indent + key.count] == ":" else { return nil }
        var above = number - 2
        while above >= 0 {
            let previous = Array(lines[above])
            let trimmed = previous.drop { $0 == " " }
            let previousIndent = previous.count - trimmed.count
            if trimmed.isEmpty || trimmed.first == "#" || trimmed == ["\r"] {
                above -= 1
                continue
            }
            guard previousIndent >= indent else { return nil }
            if previousIndent == indent {
                guard trimmed.starts(with: ["-", " "]) else { return nil }
                let afterDash = trimmed.dropFirst(2).drop { $0 == " " }
                let firstKey = afterDash.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                guard !firstKey.isEmpty else { return nil }
                let column = previous.count - afterDash.count + 1
                advice = "`\(String(key))` starts under the `-` of the list item on line \(above + 1), where YAML expects the next item; "
                    + "a key of that item starts in column \(column), under `\(String(firstKey))`: indent `\(String(key))` to column \(column) (or, for a new item, write `- \(String(key)):`)"
                return
            }
            above -= 1
        }
        return nil
    }
}

/// Yams refuses a mapping with a repeated key and names only the first one; this finds
/// the repetition, which is the line to fix.
enum DuplicateKeySearch {
    /// The next key `key` in the same mapping as the key at `first`: in block style the next line
    /// indented the same that starts with the key (before the mapping ends); in flow style the
    /// same line further on.
    static func secondOccurrence(of key: String, after first: SourceLocation, in text: String) -> SourceLocation? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let keyScalars = Array(key.unicodeScalars)
        let firstLine = lines[first.line - 1]
        let column = first.column - 1
        let before = firstLine[..<min(column, firstLine.count)]
        let inFlow = before.contains("{")
        if inFlow {
            var i = column + 1
            while i < firstLine.count {
                if startsKey(keyScalars, in: firstLine, at: i), i > 0, [",", "{", " "].contains(firstLine[i - 1]) {
                    return SourceLocation(file: first.file, line: first.line, column: i + 1)
                }
                i += 1
            }
            return nil
        }
        var index = first.line
        while index < lines.count {
            let line = lines[index]
            let indent = line.prefix(while: { $0 == " " }).count
            let blank = line.allSatisfy { $0 == " " || $0 == "\r" || $0 == "\t" }
            if blank || (indent < line.count && line[indent] == "#") {
                index += 1
                continue
            }
            if indent < column { return nil }
            if indent == column, startsKey(keyScalars, in: line, at: indent) {
                return SourceLocation(file: first.file, line: index + 1, column: indent + 1)
            }
            index += 1
        }
        return nil
    }

    /// Whether `line` has `key` (bare or quoted) followed by optional spaces and `:` at `start`.
    private static func startsKey(_ key: [Unicode.Scalar], in line: [Unicode.Scalar], at start: Int) -> Bool {
        for quote in [nil, "\"", "'"] as [Unicode.Scalar?] {
            var i = start
            if let quote {
                guard i < line.count, line[i] == quote else { continue }
                i += 1
            }
            guard i + key.count <= line.count, Array(line[i..<(i + key.count)]) == key else { continue }
            i += key.count
            if let quote {
                guard i < line.count, line[i] == quote else { continue }
                i += 1
            }
            while i < line.count, line[i] == " " { i += 1 }
            if i < line.count, line[i] == ":" { return true }
        }
        return false
    }
}

private extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
