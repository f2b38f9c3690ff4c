/// Writes an HTML document in which text is escaped by construction: element and attribute
/// names are string literals, every `String` that goes in (text or attribute value) is escaped,
/// and markup that is not escaped can only be a literal (`trusted`). The markup is written as
/// UTF-8 bytes into memory the builder owns (it cannot be copied, so no write checks whether the
/// memory is shared) and becomes a string once, at the end.
public struct HTMLBuilder: ~Copyable, @unchecked Sendable {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    /// The markup written so far.
    public var output: String { String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self) }

    /// An empty document with room for `capacity` bytes before it grows.
    public init(capacity: Int = 8192) {
        self.capacity = max(capacity, 64)
        bytes = .allocate(capacity: self.capacity)
    }

    deinit { bytes.deallocate() }

    /// `<!DOCTYPE html>` and a line end.
    public mutating func doctype() {
        append("<!DOCTYPE html>\n")
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
        count -= 1
        append("/>")
    }

    /// Text, escaped.
    public mutating func text(_ text: String) {
        escape(text)
    }

    /// Markup written as it is: only a literal in the source can be trusted.
    public mutating func trusted(_ markup: StaticString) {
        append(markup)
    }

    /// `text` escaped for HTML text or a quoted attribute value.
    public static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        HTMLEscaping.escape(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func open(_ tag: StaticString, _ attributes: [Attribute]) {
        append(UInt8(ascii: "<"))
        append(tag)
        for attribute in attributes where attribute.present {
            append(UInt8(ascii: " "))
            append(attribute.name)
            if let value = attribute.value {
                append("=\"")
                escape(value)
                append(UInt8(ascii: "\""))
            }
        }
        append(UInt8(ascii: ">"))
    }

    private mutating func close(_ tag: StaticString) {
        append("</")
        append(tag)
        append(UInt8(ascii: ">"))
    }

    private mutating func escape(_ text: String) {
        HTMLEscaping.escape(text) { append($0) }
    }

    // MARK: The bytes

    @inline(__always)
    private mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        bytes[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        guard let base = run.baseAddress, !run.isEmpty else { return }
        if count + run.count > capacity { grow(toHold: count + run.count) }
        (bytes + count).update(from: base, count: run.count)
        count += run.count
    }

    private mutating func grow(toHold needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: bytes, count: count)
        bytes.deallocate()
        bytes = moved
        capacity = larger
    }
}
