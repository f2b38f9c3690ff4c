/// `responses-spss.csv`: the wide data file again for SPSS, written only when a text cell of it holds
/// a line break. SPSS's and PSPP's GET DATA read one case per line and end a quoted field at the end
/// of its line, so such a cell would split its response in two. The copy is the same file with every
/// LF in a cell written as U+001E and every CR as U+001F, control characters that no answer holds
/// (a text answer with one is refused, E417), and the syntax file puts the line breaks back.
enum SPSSDataCopy {
    static let file = "responses-spss.csv"
    static let lineFeedMark: UInt8 = 0x1E
    static let carriageReturnMark: UInt8 = 0x1F

    /// Whether `bytes` hold a line break.
    static func hasLineBreak(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { $0 == 0x0A || $0 == 0x0D }
    }

    /// `bytes` with each line break marked.
    static func marked(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        bytes.map { $0 == 0x0A ? lineFeedMark : $0 == 0x0D ? carriageReturnMark : $0 }
    }
}
