/// The lines of a text, found once, so that a line can be looked up by number without
/// splitting the whole text again.
public struct SourceLines: Sendable {
    private let text: String
    /// Where each line starts; a final entry past the end.
    private let starts: [String.Index]

    public init(_ text: String) {
        self.text = text
        var starts = [text.startIndex]
        let utf8 = text.utf8
        var index = utf8.startIndex
        while let newline = utf8[index...].firstIndex(of: UInt8(ascii: "\n")) {
            index = utf8.index(after: newline)
            starts.append(index)
        }
        starts.append(text.endIndex)
        self.starts = starts
    }

    /// The number of lines (a text ending in a line break has an empty last line).
    public var count: Int { starts.count - 1 }

    /// Line `number` (from 1) without its line break (a `\r` before it stays); empty when out of range.
    public subscript(number: Int) -> Substring {
        guard number >= 1, number <= count else { return "" }
        var end = starts[number]
        if number < count { end = text.utf8.index(before: end) }
        return text[starts[number - 1]..<end]
    }
}
