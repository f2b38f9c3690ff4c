/// What the cells of one column of the data file hold, measured while they are written: what a
/// statistics program needs to declare the column (``SPSSVariable``), string widths in bytes and
/// numbers' digits.
struct ColumnMeasure: Hashable, Sendable {
    /// The longest cell in UTF-8 bytes, as written (with the apostrophe of a neutralised text).
    var widestBytes = 0
    /// The most characters of a number before its decimal mark, its sign included.
    var widestWhole = 0
    /// The most digits of a number after its decimal mark.
    var mostFractionDigits = 0
    /// A cell was written with the apostrophe of spreadsheet safety (``FormulaNeutralization``).
    var hasNeutralized = false
    /// A text cell holds a line break (CR or LF).
    var hasLineBreak = false

    /// Notes a text cell of `count` bytes as written.
    mutating func noteText(_ bytes: UnsafeBufferPointer<UInt8>, neutralized: Bool) {
        widestBytes = max(widestBytes, bytes.count + (neutralized ? 1 : 0))
        if neutralized { hasNeutralized = true }
        if !hasLineBreak, bytes.contains(where: { $0 == 0x0A || $0 == 0x0D }) { hasLineBreak = true }
    }

    /// Notes a whole number.
    mutating func noteInteger(_ value: Int) {
        let characters = Self.characters(value)
        widestWhole = max(widestWhole, characters)
        widestBytes = max(widestBytes, characters)
    }

    /// Notes a number as written (`-37.25`; a comma as the mark works alike).
    mutating func noteNumber(_ text: String) {
        let utf8 = text.utf8
        let mark = utf8.firstIndex { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }
        let whole = mark.map { utf8.distance(from: utf8.startIndex, to: $0) } ?? utf8.count
        widestWhole = max(widestWhole, whole)
        if let mark { mostFractionDigits = max(mostFractionDigits, utf8.distance(from: mark, to: utf8.endIndex) - 1) }
        widestBytes = max(widestBytes, utf8.count)
    }

    /// The characters of `value` in decimal, its sign included.
    static func characters(_ value: Int) -> Int {
        var count = value < 0 ? 2 : 1
        var rest = value.magnitude / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }
}
