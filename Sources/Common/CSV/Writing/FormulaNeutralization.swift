/// Spreadsheet safety for text cells (OWASP "CSV injection"): a text value whose first character is
/// `=`, `+`, `-`, `@`, TAB (U+0009) or CR (U+000D) gets one apostrophe (`'`) in front, so that Excel,
/// LibreOffice and Google Sheets show it as text instead of running it as a formula. A negative
/// number (`-3`, `-0.5`, `-1,5`) is left alone: a spreadsheet reads it as a number, never as a
/// formula, and a code such as `-1` must read the same in the data as in its codebook. A value that
/// already reads like a neutralized one, apostrophes before such a character (`'=x`), gets one more
/// (`''=x`), so that removing one apostrophe from a neutralized value always gives back the value
/// (``unneutralized(_:)``, which `samla import` applies). Nothing else in the value changes, and
/// values with any other first character are left alone. The apostrophe is part of the written
/// value: a program reading the file sees `'=1+2`.
///
/// Apply it to text columns only: a number such as `-5` must stay a number.
public enum FormulaNeutralization {
    /// The first characters that trigger the prefix.
    public static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The prefix added in front of such a value.
    public static let prefix: Character = "'"

    /// The rule in one sentence, for codebooks and export notes.
    public static let summary =
        "Text values that begin with =, +, -, @, a tab or a carriage return are written with an apostrophe (') "
        + "in front, so that spreadsheets show them as text instead of running them as formulas; "
        + "a negative number such as -3 is not, a value that begins with apostrophes before such a character gets one more, "
        + "and no other change is made."

    /// True when `text`, after any apostrophes it starts with, starts with one of the ``triggers``
    /// and is not a negative number.
    public static func isNeeded(for text: String) -> Bool {
        var text = text
        return text.withUTF8(isNeeded)
    }

    /// True when the UTF-8 `bytes`, after any apostrophes they start with, start with one of the
    /// ``triggers`` and are not a negative number.
    @inline(__always)
    public static func isNeeded(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        if isTrigger(first) { return !isNegativeNumber(bytes) }
        guard first == UInt8(ascii: "'") else { return false }
        var start = 1
        while start < bytes.count, bytes[start] == UInt8(ascii: "'") { start += 1 }
        guard start < bytes.count, isTrigger(bytes[start]) else { return false }
        return !isNegativeNumber(UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// The value a written cell holds: the UTF-8 `bytes` without their first apostrophe when it is
    /// one that neutralization adds (`'=x` → `=x`, `''=x` → `'=x`); nil when the cell is the value
    /// as it stands (`'hello`, `'-3`, `=x`).
    public static func unneutralized(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard bytes.first == UInt8(ascii: "'") else { return nil }
        let rest = UnsafeBufferPointer(rebasing: bytes[1...])
        return isNeeded(rest) ? rest : nil
    }

    /// `text` with the apostrophe in front when it needs one, else unchanged.
    public static func neutralized(_ text: String) -> String {
        isNeeded(for: text) ? String(prefix) + text : text
    }

    @inline(__always)
    static func isTrigger(_ firstByte: UInt8) -> Bool {
        switch firstByte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// `-`, digits, and at most one `.` or `,` between digits.
    static func isNegativeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "-") else { return false }
        var digitsBefore = 0
        var digitsAfter = 0
        var separator = false
        for byte in bytes.dropFirst() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if separator { digitsAfter += 1 } else { digitsBefore += 1 }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard !separator, digitsBefore > 0 else { return false }
                separator = true
            default:
                return false
            }
        }
        return digitsBefore > 0 && (!separator || digitsAfter > 0)
    }
}
