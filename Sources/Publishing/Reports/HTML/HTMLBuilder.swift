/// Writes an HTML document in which text is escaped by construction: element and attribute
/// names are string literals, every `String` that goes in (text or attribute value) is escaped,
/// and markup that is not escaped can only be a literal (`trusted`).
///
/// The same interface as FormServer's builder of the same name (on wip/formserver), so that the
/// two can become one shared type; see the report on that branch's merge.
struct HTMLBuilder {
    private(set) var output: String = ""

    init(capacity: Int = 65_536) {
        output.reserveCapacity(capacity)
    }

    /// An attribute: a name given as a literal and a value escaped when written; a nil value
    /// writes a boolean attribute, and `omitted` writes nothing.
    struct Attribute {
        var name: StaticString
        var value: String?
        var present = true

        init(_ name: StaticString, _ value: String?) {
            self.name = name
            self.value = value
        }

        /// A boolean attribute, written only when `condition` holds.
        static func flag(_ name: StaticString, _ condition: Bool) -> Attribute {
            var attribute = Attribute(name, nil)
            attribute.present = condition
            return attribute
        }

        /// An attribute written only when `value` is not nil.
        static func optional(_ name: StaticString, _ value: String?) -> Attribute {
            var attribute = Attribute(name, value)
            attribute.present = value != nil
            return attribute
        }
    }

    mutating func doctype() {
        output += "<!DOCTYPE html>\n"
    }

    /// `<tag attributes>content</tag>`.
    mutating func element(_ tag: StaticString, _ attributes: Attribute..., content: (inout HTMLBuilder) -> Void = { _ in }) {
        element(tag, attributes, content: content)
    }

    mutating func element(_ tag: StaticString, _ attributes: [Attribute], content: (inout HTMLBuilder) -> Void) {
        open(tag, attributes)
        content(&self)
        close(tag)
    }

    /// `<tag attributes>text</tag>`, the text escaped.
    mutating func element(_ tag: StaticString, _ attributes: Attribute..., text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// A void element (`meta`, `br`): no content, no end tag.
    mutating func void(_ tag: StaticString, _ attributes: Attribute...) {
        open(tag, attributes)
    }

    /// An empty SVG element, self-closed (`<rect …/>`): inside `<svg>` HTML parsers need the slash.
    mutating func selfClosing(_ tag: StaticString, _ attributes: Attribute...) {
        open(tag, attributes)
        output.removeLast()
        output += "/>"
    }

    /// Text, escaped.
    mutating func text(_ text: String) {
        Self.escape(text, into: &output)
    }

    /// Markup written as it is: only a literal in the source can be trusted.
    mutating func trusted(_ markup: StaticString) {
        output += markup.description
    }

    private mutating func open(_ tag: StaticString, _ attributes: [Attribute]) {
        output += "<"
        output += tag.description
        for attribute in attributes where attribute.present {
            output += " "
            output += attribute.name.description
            if let value = attribute.value {
                output += "=\""
                Self.escape(value, into: &output)
                output += "\""
            }
        }
        output += ">"
    }

    private mutating func close(_ tag: StaticString) {
        output += "</"
        output += tag.description
        output += ">"
    }

    /// Replaces `& < > " '` with character references, and control characters that HTML does
    /// not allow (all but tab and line ends, and DEL and the C1 controls) with U+FFFD; everything
    /// else is kept.
    static func escape(_ text: String, into output: inout String) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            var width = 1
            let replacement: String?
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            case 0x09, 0x0A, 0x0D: replacement = nil
            case 0x00..<0x20, 0x7F: replacement = "\u{FFFD}"
            case 0xC2:
                // U+0080…U+009F are C2 80…C2 9F in UTF-8.
                let next = utf8.index(after: index)
                if next != utf8.endIndex, (0x80...0x9F).contains(utf8[next]) {
                    replacement = "\u{FFFD}"
                    width = 2
                } else {
                    replacement = nil
                }
            default: replacement = nil
            }
            if let replacement {
                output += text[start..<index]
                output += replacement
                index = utf8.index(index, offsetBy: width)
                start = index
            } else {
                index = utf8.index(after: index)
            }
        }
        output += text[start..<utf8.endIndex]
    }

    static func escaped(_ text: String) -> String {
        var output = ""
        escape(text, into: &output)
        return output
    }
}
