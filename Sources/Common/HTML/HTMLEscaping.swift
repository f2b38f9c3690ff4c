/// Escaping of text for HTML text and quoted attribute values.
enum HTMLEscaping {
    /// Appends the UTF-8 of `text` to `output` with `& < > " '` as character references, and the
    /// control characters HTML does not allow (all but ASCII whitespace: tab, line feed, form feed
    /// and carriage return; and DEL and the C1 controls) as U+FFFD; everything else is kept.
    static func escape(_ text: String, into output: inout [UInt8]) {
        escape(text) { output.append(contentsOf: $0) }
    }

    /// Hands the escaped UTF-8 of `text` to `append`, run by run.
    @inline(__always)
    static func escape(_ text: String, _ append: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                var width = 1
                let replacement: StaticString?
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                case 0x09, 0x0A, 0x0C, 0x0D: replacement = nil
                case 0x00..<0x20, 0x7F: replacement = "\u{FFFD}"
                case 0xC2 where index + 1 < utf8.count && (0x80...0x9F).contains(utf8[index + 1]):
                    // U+0080…U+009F are C2 80…C2 9F in UTF-8.
                    replacement = "\u{FFFD}"
                    width = 2
                default: replacement = nil
                }
                if let replacement {
                    append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
                    replacement.withUTF8Buffer(append)
                    index += width
                    start = index
                } else {
                    index += 1
                }
            }
            append(UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }
}
