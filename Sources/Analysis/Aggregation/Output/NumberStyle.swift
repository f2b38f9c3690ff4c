import Expressions
import Foundation

/// Numbers as a reader of the results' language writes them: `45,2 %`, `12 345`, `−3,1`, `29 svar`
/// in Swedish; `45.2%`, `12,345`, `−3.1`, `29 responses` in English. Minus is the minus sign
/// (U+2212). Every text of results (the reasons and cleaning rules here, reports, admin pages, the
/// terminal) writes its numbers with it, so that in Swedish no line break parts a number's digits,
/// nor a number from its `%`, its unit or the word it counts: each is joined by a no-break space
/// (U+00A0). Thousands are grouped from five digits up (`1234`, `12 345`), but for an amount
/// (a count, an indicator's value) in English, which groups from four (`6,955 people`).
public struct NumberStyle: Sendable {
    public let language: String

    public init(language: String) {
        self.language = language
    }

    public var isSwedish: Bool { language == "sv" }
    private var decimalMark: String { isSwedish ? "," : "." }
    /// A no-break space in Swedish, a comma in English.
    private var groupMark: String { isSwedish ? "\u{00A0}" : "," }

    /// `value` with exactly `digits` decimals, grouped in thousands from 10 000 up.
    public func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "–" }
        let text = String(format: "%.\(digits)f", abs(value))
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        var whole = parts[0]
        if whole.count > 4 { whole = Self.grouped(whole, mark: groupMark) }
        var result = whole
        if parts.count > 1 { result += decimalMark + parts[1] }
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        return value < 0 && !isZero ? "\u{2212}" + result : result
    }

    /// A whole number that is an amount, a count of responses or rows: `6,955` in English, `6955`
    /// in Swedish. A year is not an amount: write it with ``decimal(_:digits:)``.
    public func integer(_ value: Int) -> String {
        amount(Double(value), digits: 0)
    }

    /// A number that is an amount, never a year or a code: as ``decimal(_:digits:)``, but English
    /// groups its thousands from 1,000 up (`6,955`), as English style writes an amount; Swedish
    /// from 10 000, as Swedish style does.
    public func amount(_ value: Double, digits: Int) -> String {
        let text = decimal(value, digits: digits)
        let sign = text.hasPrefix("\u{2212}") ? "\u{2212}" : ""
        let unsigned = text.dropFirst(sign.count)
        let whole = unsigned.prefix { $0 != "." }
        // Five digits and more are grouped already.
        guard !isSwedish, whole.count == 4, whole.allSatisfy(\.isNumber) else { return text }
        return sign + Self.grouped(String(whole), mark: groupMark) + unsigned.dropFirst(whole.count)
    }

    /// A share (0–1) as a percentage: `45,2 %` (no-break space) or `45.2%`.
    public func percent(_ share: Double, digits: Int = 1) -> String {
        decimal(share * 100, digits: digits) + percentSign
    }

    /// A whole percentage: `100 %` (no-break space) or `100%`.
    public func percent(whole value: Int) -> String {
        integer(value) + percentSign
    }

    /// What follows a percentage's number: a no-break space and `%` in Swedish, which a narrow
    /// screen would otherwise break from the number; `%` alone in English.
    public var percentSign: String { isSwedish ? "\u{00A0}%" : "%" }

    /// A number and its unit joined by a no-break space, so that no line break parts them:
    /// `2,5 minuter`, `30 seconds`.
    public func quantity(_ number: String, _ unit: String) -> String {
        number + "\u{00A0}" + unit
    }

    /// What joins a number to the word that follows it (`29 svar`, `320 lästa`): a no-break
    /// space in Swedish, so that no line break parts them; a plain space in English.
    public var wordSpace: String { isSwedish ? "\u{00A0}" : " " }

    /// A count and the word it counts, grouped and joined by ``wordSpace``: `1 234 svar`,
    /// `29 lästa`; `1,234 responses`.
    public func count(_ value: Int, _ word: String) -> String {
        integer(value) + wordSpace + word
    }

    /// A signed difference: `+3,1` or `−2,0`.
    public func signed(_ value: String, negative: Bool, zero: Bool) -> String {
        zero || negative ? value : "+" + value
    }

    /// A range: `40,1–50,3`.
    public func range(_ low: String, _ high: String) -> String {
        low + "\u{2013}" + high
    }

    /// A range whose ends may be negative, in words so that no dash stands beside a minus sign:
    /// `−9,8 till 6,8`, `−9.8 to 6.8`.
    public func span(_ low: String, _ high: String) -> String {
        low + spanWord + high
    }

    /// The word between a range's ends when it is said: ` till `, ` to `.
    public var spanWord: String { isSwedish ? " till " : " to " }

    /// A calendar date as written in running text: `29 november 2026`, `29 November 2026`.
    public func date(_ day: CalendarDate) -> String {
        day.inWords(language: isSwedish ? "sv" : "en")
    }

    public static func grouped(_ digits: String, mark: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += mark }
            out.append(c)
        }
        return out
    }
}
