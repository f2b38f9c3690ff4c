/// A decimal number as a CSV cell holds it: whole values below 2^53 as digits (`12`, not `12.0`),
/// others with the digits of the shortest form that reads back to the same Double, never with an
/// exponent (`0.1`, `0.00001`, `100000000000000000000`). `samla import` refuses exponents (a
/// spreadsheet's `1.23E+11` has lost digits), so an exported decimal imports again, and a decimal
/// sent as a JSON number is checked as this text of it would be.
public enum DecimalCell {
    /// 2^53: every whole Double below it is exact as an Int.
    public static let exactWholeLimit = 9_007_199_254_740_992.0

    /// The shortest text that reads back as `value`, which may have an exponent (`1e-05`): the
    /// form JSON may keep. A finite value only.
    public static func shortest(_ value: Double) -> String {
        if value.rounded(.towardZero) == value, abs(value) < exactWholeLimit { return String(Int(value)) }
        return value.description
    }

    /// ``shortest(_:)`` in plain notation. A finite value only.
    public static func text(_ value: Double) -> String {
        let short = shortest(value)
        guard let e = short.firstIndex(of: "e"), let exponent = Int(short[short.index(after: e)...]) else { return short }
        var mantissa = short[..<e]
        let sign = mantissa.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { mantissa = mantissa.dropFirst() }
        let digits = mantissa.filter { $0 != "." }
        // Where the decimal point falls among the digits once the exponent is applied.
        let point = (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count) + exponent
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) }
        return sign + digits.prefix(point) + "." + digits.dropFirst(point)
    }
}
