/// A key or list item that starts in a column no line above it starts in, as `unit:` and the
/// second `- name:` here:
/// ```
///       - name: hours
///         type: decimal
///        unit: hours
///     - name: place
/// ```
/// libyaml says only that it "did not find expected key" or "'-' indicator"; the advice names the
/// column the line belongs in and the line above that starts there.
struct UnalignedLine {
    let advice: String

    /// Recognises the case from the line libyaml stopped at: walking up, the nearest column that
    /// lines of the same kind (keys, or `-` items) start in, either inside the item that holds the
    /// line (a `- key:` whose key starts right of it) or, failing that, the nearest further right.
    init?(text: String, line number: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        guard number >= 2, number <= lines.count, let this = Start(lines[number - 1]), this.isItem || this.key != nil else { return nil }
        var deeper: (start: Start, line: Int)?
        var above = number - 2
        while above >= 0 {
            guard let start = Start(lines[above]) else {
                above -= 1
                continue
            }
            if start.indent > this.indent {
                if start.column(for: this) < (deeper?.start.column(for: this) ?? .max) { deeper = (start, above + 1) }
            } else if start.indent == this.indent {
                if start.isItem == this.isItem { return nil }
                break
            } else {
                if start.isItem, start.keyIndent > this.indent, start.column(for: this) != .max { deeper = (start, above + 1) }
                break
            }
            above -= 1
        }
        guard let target = deeper else { return nil }
        let column = target.start.column(for: this) + 1
        if this.isItem {
            advice = "this item's `-` starts in column \(this.indent + 1), under no `-` above it; "
                + "start it in column \(column), under the `-` on line \(target.line)"
        } else {
            let key = this.key ?? ""
            advice = "`\(key)` starts in column \(this.indent + 1), under no key above it; "
                + "start it in column \(column), under `\(target.start.key ?? "")` on line \(target.line)"
        }
    }

    /// How a line starts: its indentation, whether it is a `- ` item, and its first key.
    private struct Start {
        let indent: Int
        let isItem: Bool
        let key: String?
        let keyIndent: Int

        /// Nil for a blank line or a comment.
        init?(_ line: [Character]) {
            let content = line.drop { $0 == " " }
            guard let first = content.first, first != "#", first != "\r" else { return nil }
            indent = line.count - content.count
            isItem = content.starts(with: ["-", " "])
            let rest = isItem ? content.dropFirst(2).drop { $0 == " " } : content
            keyIndent = line.count - rest.count
            let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            key = !word.isEmpty && rest.dropFirst(word.count).first == ":" ? String(word) : nil
        }

        /// The 0-based column that a line of `other`'s kind would line up with here: the `-` of an
        /// item, or a key (an item's first key).
        func column(for other: Start) -> Int {
            if other.isItem { return isItem ? indent : .max }
            return key == nil ? .max : keyIndent
        }
    }
}
