/// Writes an HTML document in which text is escaped by construction: element and attribute
/// names are string literals, every `String` that goes in (text or attribute value) is escaped,
/// and markup that is not escaped can only be a literal (`trusted`).
struct HTMLBuilder {
    private(set) var output: String = ""

    init(capacity: Int = 8192) {
        output.reserveCapacity(capacity)
    }

    /// An attribute: a name given as a literal and a value escaped when written; a nil value
    /// writes a boolean attribute (`required`), and `omitted` writes nothing.
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
        open(tag, attributes)
        content(&self)
        output += "</"
        output += tag.description
        output += ">"
    }

    /// `<tag attributes>text</tag>`, the text escaped.
    mutating func element(_ tag: StaticString, _ attributes: Attribute..., text: String) {
        open(tag, attributes)
        self.text(text)
        output += "</"
        output += tag.description
        output += ">"
    }

    /// A void element (`input`, `meta`, `link`): no content, no end tag.
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

    /// Replaces `& < > " '` with character references; everything else is kept.
    static func escape(_ text: String, into output: inout String) {
        var start = text.utf8.startIndex
        let utf8 = text.utf8
        var index = start
        while index != utf8.endIndex {
            let replacement: String? = switch utf8[index] {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            default: nil
            }
            if let replacement {
                output += text[start..<index]
                output += replacement
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        output += text[start..<utf8.endIndex]
    }

    static func escaped(_ text: String) -> String {
        var output = ""
        escape(text, into: &output)
        return output
    }
}
