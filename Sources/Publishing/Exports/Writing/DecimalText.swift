import CSV

/// Decimal numbers as a CSV cell: whole values without a fraction (`12`, not `12.0`), others with
/// the digits of the shortest form that reads back to the same Double, never with an exponent
/// (`0.1`, `0.00001`); NaN and infinities as Table Schema writes them. JSON numbers may keep the
/// exponent (``text(_:)``).
enum DecimalText {
    /// `decimalComma`: `3,5` instead of `3.5`, for Excel in a Swedish locale. Returns the number as
    /// written with a point, or nil for a whole number, written as an integer.
    @discardableResult
    static func write(_ value: Double, decimalComma: Bool = false, to writer: CSVWriter) throws -> String? {
        if value.rounded(.towardZero) == value, abs(value) < DecimalCell.exactWholeLimit {
            try writer.write(Int(value))
            return nil
        }
        let text = cell(value)
        try writer.write(decimalComma ? withDecimalComma(text) : text)
        return text
    }

    /// A number written with a point, with a comma instead (`0.452` → `0,452`).
    static func withDecimalComma(_ number: String) -> String {
        String(number.map { $0 == "." ? "," : $0 })
    }

    /// The value in plain notation: `0.00001`, not `1e-05` (``DecimalCell/text(_:)``).
    static func cell(_ value: Double) -> String {
        value.isFinite ? DecimalCell.text(value) : text(value)
    }

    static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        return DecimalCell.shortest(value)
    }
}
