import CSV

/// Decimal numbers as a CSV cell: whole values without a fraction (`12`, not `12.0`), others in
/// the shortest form that reads back to the same Double (`0.1`, `1e-05`); NaN and infinities as
/// Table Schema writes them.
enum DecimalText {
    /// 2^53: every whole Double below it is exact as an Int.
    private static let exactWholeLimit = 9_007_199_254_740_992.0

    static func write(_ value: Double, to writer: CSVWriter) throws {
        if value.rounded(.towardZero) == value, abs(value) < exactWholeLimit {
            try writer.write(Int(value))
        } else {
            try writer.write(text(value))
        }
    }

    static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        if value.rounded(.towardZero) == value, abs(value) < exactWholeLimit { return String(Int(value)) }
        return value.description
    }
}
