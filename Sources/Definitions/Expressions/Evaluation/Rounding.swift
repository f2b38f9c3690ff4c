import Foundation

/// Decimal rounding half away from zero, as ODK's `round()`: `round(2.5) = 3`, `round(-2.5) = -3`,
/// `round(2.675, 2) = 2.68` (the decimal the number is written as, not its binary approximation).
enum Rounding {
    static func round(_ x: Double, digits: Int) -> Double {
        guard x.isFinite else { return x }
        let digits = max(-22, min(22, digits))
        let scale = pow(10, Double(abs(digits)))
        let scaled = digits >= 0 ? x * scale : x / scale
        // So large that it has no decimals to round (its scaled value would be infinite).
        guard scaled.isFinite else { return x }
        let fraction = abs(scaled - scaled.rounded(.towardZero))
        // Near a half, the binary product may sit on the wrong side: decide on the decimal text.
        if abs(fraction - 0.5) < 1e-7 {
            return decimalRound(x, digits: digits)
        }
        let rounded = scaled.rounded(.toNearestOrAwayFromZero)
        return digits >= 0 ? rounded / scale : rounded * scale
    }

    private static func decimalRound(_ x: Double, digits: Int) -> Double {
        guard var decimal = Decimal(string: "\(x)", locale: Locale(identifier: "en_US_POSIX")) else { return x }
        var result = Decimal()
        NSDecimalRound(&result, &decimal, digits, .plain)
        return (result as NSDecimalNumber).doubleValue
    }
}
