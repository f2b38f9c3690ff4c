import Diagnostics

/// A quick pass over the raw text, before the YAML parser builds its tree, that finds what
/// the parser must not see: nesting deep enough to exhaust the stack, and anchors and aliases
/// (`&name`, `*name`), which definitions do not use.
///
/// The depth it measures is an upper bound (every indentation level, every `- `, `? ` and `: `
/// on a line, every open bracket), so a file it accepts is never deeper than the limit.
struct StructureScan {
    let file: String
    let maxDepth: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, maxDepth: Int) {
        self.file = file
        self.maxDepth = maxDepth
    }

    private var flowDepth = 0
    private var openQuote: Unicode.Scalar?
    private var indents: [Int] = []
    /// The indentation of the line that opened a `|` or `>` block; deeper lines are its text.
    private var blockScalarParent: Int?
    /// Whether the next non-blank character starts a node (a value, key, list item).
    private var atNodeStart = true
    private var tooDeep = false

    /// Scans `text` and returns the problems found: at most one E005 for depth, and one E013 per anchor or alias.
    static func problems(in text: String, file: String, maxDepth: Int) -> [Diagnostic] {
        var scan = StructureScan(file: file, maxDepth: maxDepth)
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            scan.scan(line: Array(line.unicodeScalars), number: lineNumber)
            if scan.tooDeep { break }
        }
        return scan.diagnostics
    }

    private mutating func scan(line chars: [Unicode.Scalar], number: Int) {
        let indent = chars.prefix(while: { $0 == " " }).count
        let blank = chars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
        if let parent = blockScalarParent {
            if blank || indent > parent { return }
            blockScalarParent = nil
        }
        var i = 0
        var lineLevels = 0
        if openQuote == nil && flowDepth == 0 {
            if blank || chars[indent] == "#" { return }
            while let top = indents.last, top > indent { indents.removeLast() }
            if indents.last != indent { indents.append(indent) }
            i = indent
            atNodeStart = true
        }
        func isSpace(_ index: Int) -> Bool {
            index >= chars.count || chars[index] == " " || chars[index] == "\t" || chars[index] == "\r"
        }
        func isFlowIndicator(_ index: Int) -> Bool {
            index < chars.count && ",[]{}".unicodeScalars.contains(chars[index])
        }
        func checkDepth(at index: Int) {
            guard !tooDeep, indents.count + lineLevels + flowDepth > maxDepth else { return }
            tooDeep = true
            diagnostics.append(Diagnostic(.fileTooLarge, at: SourceLocation(file: file, line: number, column: index + 1),
                                          "lists and mappings are nested more than \(maxDepth) levels deep here, deeper than a definition may be"))
        }
        while i < chars.count, !tooDeep {
            let c = chars[i]
            if let quote = openQuote {
                if quote == "\"" && c == "\\" {
                    i += 2
                    continue
                }
                if c == quote {
                    if quote == "'" && i + 1 < chars.count && chars[i + 1] == "'" {
                        i += 2
                        continue
                    }
                    openQuote = nil
                    atNodeStart = false
                }
                i += 1
                continue
            }
            if isSpace(i) {
                i += 1
                continue
            }
            if c == "#" && (i == 0 || isSpace(i - 1)) { break }
            if atNodeStart {
                switch c {
                case "\"", "'":
                    openQuote = c
                case "[", "{":
                    flowDepth += 1
                    checkDepth(at: i)
                case "&", "*":
                    let nameEnd = chars[(i + 1)...].firstIndex { $0 == " " || $0 == "\t" || $0 == "\r" || ",[]{}".unicodeScalars.contains($0) } ?? chars.count
                    if nameEnd > i + 1 {
                        report(anchorOrAlias: c, name: String(String.UnicodeScalarView(chars[(i + 1)..<nameEnd])), line: number, column: i + 1)
                        atNodeStart = c == "&"
                        i = nameEnd
                        continue
                    }
                    atNodeStart = false
                case "!":
                    // A tag: the node follows it.
                    while i < chars.count, !isSpace(i) { i += 1 }
                    continue
                case "-" where flowDepth == 0 && isSpace(i + 1), "?" where isSpace(i + 1):
                    lineLevels += 1
                    checkDepth(at: i)
                case "|" where flowDepth == 0, ">" where flowDepth == 0:
                    blockScalarParent = indent
                    return
                default:
                    atNodeStart = false
                }
                i += 1
                continue
            }
            if flowDepth > 0 {
                switch c {
                case "[", "{":
                    flowDepth += 1
                    checkDepth(at: i)
                case "]", "}":
                    flowDepth = max(0, flowDepth - 1)
                case ",":
                    atNodeStart = true
                case ":" where isSpace(i + 1) || isFlowIndicator(i + 1):
                    atNodeStart = true
                default:
                    break
                }
            } else if c == ":" && isSpace(i + 1) {
                lineLevels += 1
                checkDepth(at: i)
                atNodeStart = true
            }
            i += 1
        }
    }

    private mutating func report(anchorOrAlias indicator: Unicode.Scalar, name: String, line: Int, column: Int) {
        let what = indicator == "&" ? "an anchor (&\(name))" : "an alias (*\(name))"
        diagnostics.append(Diagnostic(.anchorOrAlias, at: SourceLocation(file: file, line: line, column: column),
                                      "\(what): definitions do not use YAML anchors and aliases, so that every problem points at the text that causes it; write the value out in full (or share a choice list)"))
    }
}
