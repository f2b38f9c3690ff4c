/// Writes an HTML document in which text is escaped by construction: element and attribute
/// names are string literals, every `String` that goes in (text or attribute value) is escaped,
/// and markup that is not escaped can only be a literal (`trusted`).
public struct HTMLBuilder: Sendable {
    /// The markup written so far.
    public private(set) var output: String = ""

    /// An empty document with room for `capacity` bytes before it grows.
    public init(capacity: Int = 8192) {
        output.reserveCapacity(capacity)
    }

    /// `<!DOCTYPE html>` and a line end.
    public mutating func doctype() {
        output += "<!DOCTYPE html>\n"
    }

    /// `<tag attributes>content</tag>`.
    public mutating func element(_ tag: StaticString, _ attributes: Attribute..., content: (inout HTMLBuilder) -> Void = { _ in }) {
        element(tag, attributes, content: content)
    }

    /// `<tag attributes>content</tag>`, the attributes given as an array.
    public mutating func element(_ tag: StaticString, _ attributes: [Attribute], content: (inout HTMLBuilder) -> Void) {
        open(tag, attributes)
        content(&self)
        close(tag)
    }

    /// `<tag attributes>text</tag>`, the text escaped.
    public mutating func element(_ tag: StaticString, _ attributes: Attribute..., text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// A void element (`input`, `meta`, `link`, `br`): no content, no end tag.
    public mutating func void(_ tag: StaticString, _ attributes: Attribute...) {
        open(tag, attributes)
    }

    /// An empty SVG element, self-closed (`<rect …/>`): inside `<svg>` HTML parsers need the slash.
    public mutating func selfClosing(_ tag: StaticString, _ attributes: Attribute...) {
        open(tag, attributes)
        output.removeLast()
        output += "/>"
    }

    /// Text, escaped.
    public mutating func text(_ text: String) {
        HTMLEscaping.escape(text, into: &output)
    }

    /// Markup written as it is: only a literal in the source can be trusted.
    public mutating func trusted(_ markup: StaticString) {
        output += markup.description
    }

    /// `text` escaped for HTML text or a quoted attribute value.
    public static func escaped(_ text: String) -> String {
        var output = ""
        HTMLEscaping.escape(text, into: &output)
        return output
    }

    private mutating func open(_ tag: StaticString, _ attributes: [Attribute]) {
        output += "<"
        output += tag.description
        for attribute in attributes where attribute.present {
            output += " "
            output += attribute.name.description
            if let value = attribute.value {
                output += "=\""
                HTMLEscaping.escape(value, into: &output)
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
}
