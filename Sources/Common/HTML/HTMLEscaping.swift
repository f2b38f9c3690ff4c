/// Escaping of text for HTML text and quoted attribute values.
enum HTMLEscaping {
    /// Appends `text` to `output` with `& < > " '` as character references, and the control
    /// characters HTML does not allow (all but ASCII whitespace: tab, line feed, form feed and
    /// carriage return; and DEL and the C1 controls) as U+FFFD; everything else is kept.
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
            case 0x09, 0x0A, 0x0C, 0x0D: replacement = nil
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
}
