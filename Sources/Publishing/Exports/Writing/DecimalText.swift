import CSV

/// Decimal numbers as a CSV cell: whole values without a fraction (`12`, not `12.0`), others with
/// the digits of the shortest form that reads back to the same Double, never with an exponent
/// (`0.1`, `0.00001`); NaN and infinities as Table Schema writes them. JSON numbers may keep the
/// exponent (``text(_:)``).
enum DecimalText {
    /// 2^53: every whole Double below it is exact as an Int.
    private static let exactWholeLimit = 9_007_199_254_740_992.0

    /// `decimalComma`: `3,5` instead of `3.5`, for Excel in a Swedish locale.
    static func write(_ value: Double, decimalComma: Bool = false, to writer: CSVWriter) throws {
        if value.rounded(.towardZero) == value, abs(value) < exactWholeLimit {
            try writer.write(Int(value))
        } else {
            try writer.write(decimalComma ? withDecimalComma(cell(value)) : cell(value))
        }
    }

    /// A number written with a point, with a comma instead (`0.452` → `0,452`).
    static func withDecimalComma(_ number: String) -> String {
        String(number.map { $0 == "." ? "," : $0 })
    }

    /// ``text(_:)`` in plain notation: `0.00001`, not `1e-05`. `samla import` refuses exponents (a
    /// spreadsheet's `1.23E+11` has lost digits), so an exported decimal imports again.
    static func cell(_ value: Double) -> String {
        let short = text(value)
        guard value.isFinite, let e = short.firstIndex(of: "e"), let exponent = Int(short[short.index(after: e)...]) else { return short }
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

    static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        if value.rounded(.towardZero) == value, abs(value) < exactWholeLimit { return String(Int(value)) }
        return value.description
    }
}
