/// Spreadsheet safety for text cells (OWASP "CSV injection"): a text value whose first character is
/// `=`, `+`, `-`, `@`, TAB (U+0009) or CR (U+000D) gets one apostrophe (`'`) in front, so that Excel,
/// LibreOffice and Google Sheets show it as text instead of running it as a formula. Nothing else in
/// the value changes, and values with any other first character are left alone. The apostrophe is
/// part of the written value: a program reading the file sees `'=1+2`.
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
        + "in front, so that spreadsheets show them as text instead of running them as formulas; no other change is made."

    /// True when `text` starts with one of the ``triggers``.
    public static func isNeeded(for text: String) -> Bool {
        text.utf8.first.map(isTrigger) ?? false
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
}
