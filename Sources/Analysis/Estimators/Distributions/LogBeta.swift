import Foundation

/// Logarithms of the gamma and beta functions, precise for the large arguments that
/// t and binomial distributions with many observations need (R's `lbeta` scheme).
enum LogBeta {
    private static let logSqrtTwoPi = 0.918938533204672741780329736406

    /// ln Γ(x) − ((x − ½) ln x − x + ½ ln 2π): the remainder of Stirling's formula, for x ≥ 10.
    static func stirlingRemainder(_ x: Double) -> Double {
        precondition(x >= 10)
        let inverse = 1 / x
        let inverseSquared = inverse * inverse
        // Bernoulli terms B₂ₖ / (2k(2k − 1)); at x = 10 the ninth would be below 1e-18.
        let coefficients: [Double] = [
            1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188,
            -691.0 / 360360, 1.0 / 156, -3617.0 / 122400,
        ]
        var sum = 0.0
        for coefficient in coefficients.reversed() {
            sum = sum * inverseSquared + coefficient
        }
        return sum * inverse
    }

    /// ln Γ(x) for x > 0.
    static func logGamma(_ x: Double) -> Double {
        precondition(x > 0)
        if x >= 10 {
            return (x - 0.5) * log(x) - x + logSqrtTwoPi + stirlingRemainder(x)
        }
        return log(tgamma(x))
    }

    /// ln B(a, b) for a, b > 0.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        precondition(a > 0 && b > 0)
        let p = min(a, b)
        let q = max(a, b)
        if p >= 10 {
            let correction = stirlingRemainder(p) + stirlingRemainder(q) - stirlingRemainder(p + q)
            return -0.5 * log(q) + logSqrtTwoPi + correction + (p - 0.5) * log(p / (p + q))
                + q * log1p(-p / (p + q))
        }
        if q >= 10 {
            let correction = stirlingRemainder(q) - stirlingRemainder(p + q)
            return logGamma(p) + correction + p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q))
        }
        return log(tgamma(p) * (tgamma(q) / tgamma(p + q)))
    }
}
