import Foundation

/// How the duplicate rule compares key values: trimmed of white space and line breaks at both
/// ends (Foundation's `whitespacesAndNewlines`) and lower-cased, so ` Anna ` and `anna` are the
/// same key.
enum DuplicateKeyText {
    private static let trimmed = CharacterSet.whitespacesAndNewlines

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()`, without bridging to
    /// `NSString`: only the characters at the two ends are looked up.
    static func normalized(_ text: String) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isTrimmed(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard isTrimmed(scalars[last]) else { break }
            end = last
        }
        if start == scalars.startIndex && end == scalars.endIndex { return text.lowercased() }
        return String(scalars[start..<end]).lowercased()
    }

    @inline(__always)
    private static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) }
        return trimmed.contains(scalar)
    }
}
