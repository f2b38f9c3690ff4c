import Foundation

/// The Wilson score interval for a binomial proportion, without continuity correction:
/// the interval of R's `prop.test(x, n, correct = FALSE)`.
enum WilsonInterval {
    static func interval(successes: Int, trials n: Int, level: Double) -> ConfidenceInterval {
        let p = Double(successes) / Double(n)
        let z = NormalDistribution.quantile((1 + level) / 2)
        let nn = Double(n)
        let z22n = z * z / (2 * nn)
        let spread = z * (p * (1 - p) / nn + z22n / (2 * nn)).squareRoot()
        let lower = p > 0 ? (p + z22n - spread) / (1 + 2 * z22n) : 0
        let upper = p < 1 ? (p + z22n + spread) / (1 + 2 * z22n) : 1
        return ConfidenceInterval(lower: max(lower, 0), upper: min(upper, 1), level: level)
    }
}
