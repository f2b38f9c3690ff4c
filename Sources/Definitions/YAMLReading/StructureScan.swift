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
    private var openQuote: UInt8?
    private var indents: [Int] = []
    /// The indentation of the line that opened a `|` or `>` block; deeper lines are its text.
    private var blockScalarParent: Int?
    /// Whether the next non-blank character starts a node (a value, key, list item).
    private var atNodeStart = true
    private var tooDeep = false

    /// Scans `text` and returns the problems found: at most one E005 for depth, and one E013 per anchor or alias.
    static func problems(in text: String, file: String, maxDepth: Int) -> [Diagnostic] {
        var scan = StructureScan(file: file, maxDepth: maxDepth)
        let lines = SourceLines(text)
        for number in 1...max(1, lines.count) {
            scan.scan(line: Array(lines[number].utf8), number: number)
            if scan.tooDeep { break }
        }
        return scan.diagnostics
    }

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), cr = UInt8(ascii: "\r")
    private static let flowIndicators: Set<UInt8> = Set(",[]{}".utf8)

    /// Scans one line as bytes: every character that matters is ASCII, and UTF-8 never uses
    /// ASCII bytes inside other characters.
    private mutating func scan(line bytes: [UInt8], number: Int) {
        let indent = bytes.prefix(while: { $0 == Self.space }).count
        let blank = bytes.allSatisfy { $0 == Self.space || $0 == Self.tab || $0 == Self.cr }
        if let parent = blockScalarParent {
            if blank || indent > parent { return }
            blockScalarParent = nil
        }
        var i = 0
        var lineLevels = 0
        if openQuote == nil && flowDepth == 0 {
            if blank || bytes[indent] == UInt8(ascii: "#") { return }
            while let top = indents.last, top > indent { indents.removeLast() }
            if indents.last != indent { indents.append(indent) }
            i = indent
            atNodeStart = true
        }
        func isSpace(_ index: Int) -> Bool {
            index >= bytes.count || bytes[index] == Self.space || bytes[index] == Self.tab || bytes[index] == Self.cr
        }
        func isFlowIndicator(_ index: Int) -> Bool {
            index < bytes.count && Self.flowIndicators.contains(bytes[index])
        }
        /// The column of byte `index`, counted in characters.
        func column(_ index: Int) -> Int {
            bytes[..<index].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        }
        func checkDepth(at index: Int) {
            guard !tooDeep, indents.count + lineLevels + flowDepth > maxDepth else { return }
            tooDeep = true
            diagnostics.append(Diagnostic(.fileTooLarge, at: SourceLocation(file: file, line: number, column: column(index)),
                                          "lists and mappings are nested more than \(maxDepth) levels deep here, deeper than a definition may be"))
        }
        while i < bytes.count, !tooDeep {
            let c = bytes[i]
            if let quote = openQuote {
                if quote == UInt8(ascii: "\"") && c == UInt8(ascii: "\\") {
                    i += 2
                    continue
                }
                if c == quote {
                    if quote == UInt8(ascii: "'") && i + 1 < bytes.count && bytes[i + 1] == quote {
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
            if c == UInt8(ascii: "#") && (i == 0 || isSpace(i - 1)) { break }
            if atNodeStart {
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    openQuote = c
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flowDepth += 1
                    checkDepth(at: i)
                case UInt8(ascii: "&"), UInt8(ascii: "*"):
                    let nameEnd = bytes[(i + 1)...].firstIndex { $0 == Self.space || $0 == Self.tab || $0 == Self.cr || Self.flowIndicators.contains($0) } ?? bytes.count
                    if nameEnd > i + 1 {
                        report(anchorOrAlias: c == UInt8(ascii: "&") ? "&" : "*",
                               name: String(decoding: bytes[(i + 1)..<nameEnd], as: UTF8.self), line: number, column: column(i))
                        atNodeStart = c == UInt8(ascii: "&")
                        i = nameEnd
                        continue
                    }
                    atNodeStart = false
                case UInt8(ascii: "!"):
                    // A tag: the node follows it.
                    while i < bytes.count, !isSpace(i) { i += 1 }
                    continue
                case UInt8(ascii: "-") where flowDepth == 0 && isSpace(i + 1), UInt8(ascii: "?") where isSpace(i + 1):
                    lineLevels += 1
                    checkDepth(at: i)
                case UInt8(ascii: "|") where flowDepth == 0, UInt8(ascii: ">") where flowDepth == 0:
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
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flowDepth += 1
                    checkDepth(at: i)
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flowDepth = max(0, flowDepth - 1)
                case UInt8(ascii: ","):
                    atNodeStart = true
                case UInt8(ascii: ":") where isSpace(i + 1) || isFlowIndicator(i + 1):
                    atNodeStart = true
                default:
                    break
                }
            } else if c == UInt8(ascii: ":") && isSpace(i + 1) {
                lineLevels += 1
                checkDepth(at: i)
                atNodeStart = true
            }
            i += 1
        }
    }

    private mutating func report(anchorOrAlias indicator: Character, name: String, line: Int, column: Int) {
        let what = indicator == "&" ? "an anchor (&\(name))" : "an alias (*\(name))"
        diagnostics.append(Diagnostic(.anchorOrAlias, at: SourceLocation(file: file, line: line, column: column),
                                      "\(what): definitions do not use YAML anchors and aliases, so that every problem points at the text that causes it; write the value out in full (or share a choice list)"))
    }
}
