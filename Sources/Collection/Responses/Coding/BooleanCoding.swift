/// Yes/no answers: `1`, `true`, `yes`, `ja`, `sant` are true; `0`, `false`, `no`, `nej`, `falskt`
/// are false, in any letter case. `SANT` and `FALSKT` are how a spreadsheet in a Swedish locale
/// writes its TRUE and FALSE. Nothing else (not `y`, `n`, `2`) is accepted.
enum BooleanCoding {
    static let trueWords: [[UInt8]] = ["1", "true", "yes", "ja", "sant"].map { Array($0.utf8) }
    static let falseWords: [[UInt8]] = ["0", "false", "no", "nej", "falskt"].map { Array($0.utf8) }

    /// The words accepted, for messages.
    static let accepted = "1/0, true/false, yes/no, ja/nej, sant/falskt"

    /// `bytes` must be trimmed and non-empty.
    static func boolean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if bytes.count == 1 {
            if bytes[0] == UInt8(ascii: "1") { return true }
            if bytes[0] == UInt8(ascii: "0") { return false }
            return nil
        }
        for word in trueWords where ByteText.equalsIgnoringCase(bytes, word) { return true }
        for word in falseWords where ByteText.equalsIgnoringCase(bytes, word) { return false }
        return nil
    }
}
