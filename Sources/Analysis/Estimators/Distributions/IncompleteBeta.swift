import Foundation

/// The regularized incomplete beta function Iₓ(a, b), by its continued fraction
/// (modified Lentz), switching to 1 − I₁₋ₓ(b, a) where that converges faster.
enum IncompleteBeta {
    /// Iₓ(a, b). `y` must equal 1 − x; passing it separately keeps full precision when x is near 1.
    static func regularized(x: Double, y: Double, a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0)
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        if x < (a + 1) / (a + b + 2) {
            return prefactor(x: x, y: y, a: a, b: b) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - prefactor(x: y, y: x, a: b, b: a) * continuedFraction(x: y, a: b, b: a) / b
    }

    /// 1 − Iₓ(a, b) = I_y(b, a), computed without cancellation where it is small.
    static func complement(x: Double, y: Double, a: Double, b: Double) -> Double {
        regularized(x: y, y: x, a: b, b: a)
    }

    /// xᵃ yᵇ / B(a, b), in logarithms.
    private static func prefactor(x: Double, y: Double, a: Double, b: Double) -> Double {
        let logX = x < 0.5 ? log(x) : log1p(-y)
        let logY = y < 0.5 ? log(y) : log1p(-x)
        return exp(a * logX + b * logY - LogBeta.logBeta(a, b))
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let sum = a + b
        let aPlusOne = a + 1
        let aMinusOne = a - 1
        var c = 1.0
        var d = 1 - sum * x / aPlusOne
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m)
            let twoM = 2 * m
            var term = m * (b - m) * x / ((aMinusOne + twoM) * (a + twoM))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            term = -(a + m) * (sum + m) * x / ((a + twoM) * (aPlusOne + twoM))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) <= 4 * Double.ulpOfOne { break }
        }
        return h
    }
}
