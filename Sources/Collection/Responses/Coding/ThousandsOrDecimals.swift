/// A number typed by a person whose one separator is not the decimal separator of the language
/// they type in and stands before exactly three digits: `1,000` on an English page (a thousand in
/// English, one with three decimals to a reader of `,` as a decimal comma), `1.000` on a Swedish
/// one. The reader of numbers takes `.` and `,` alike as the decimal separator, which suits files
/// and the API; on the web form such a text is asked about rather than stored as 1.
enum ThousandsOrDecimals {
    /// The digits before the separator (with a leading minus) and after it, of `text` typed on a page
    /// whose language writes decimals with `decimalSeparator`; nil when `text` is no such number
    /// (`1 000`, `3,5`, `0,125`, `1.000` in English).
    static func reading(_ text: String, decimalSeparator: Character) -> (whole: String, fraction: String)? {
        var rest = Substring(text).drop { $0.isWhitespace }
        while rest.last?.isWhitespace == true { rest = rest.dropLast() }
        let sign = rest.first == "-" ? "-" : ""
        rest = rest.dropFirst(sign.count)
        let other: Character = decimalSeparator == "," ? "." : ","
        let parts = rest.split(separator: other, omittingEmptySubsequences: false)
        guard parts.count == 2, (1...3).contains(parts[0].count), parts[0].first != "0", parts[1].count == 3,
              (parts[0] + parts[1]).allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return (sign + parts[0], String(parts[1]))
    }
}
