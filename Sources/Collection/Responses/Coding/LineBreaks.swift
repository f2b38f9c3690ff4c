/// Line breaks in a text answer, stored as one LF each: a browser posts a text area's line breaks
/// as CR LF, a CSV cell and a JSON string hold whichever the writer used, and the same answer must
/// be stored byte for byte alike from the form, an import and the API. CR LF and a lone CR (old Mac
/// text) each become LF.
enum LineBreaks {
    static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")

    /// The text of UTF-8 `bytes`, its line breaks as LF.
    static func normalized(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(carriageReturn) else { return ByteText.string(bytes) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            guard byte == carriageReturn else {
                out.append(byte)
                continue
            }
            out.append(lineFeed)
            if i < bytes.count, bytes[i] == lineFeed { i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
