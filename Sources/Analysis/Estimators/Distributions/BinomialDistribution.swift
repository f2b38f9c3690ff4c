import Foundation

/// The binomial distribution with `trials` trials and success probability `probability`.
public enum BinomialDistribution {
    /// P(X ≤ k).
    public static func cdf(_ k: Int, trials n: Int, probability p: Double) -> Double {
        guard n >= 0, p >= 0, p <= 1 else { return .nan }
        if k < 0 { return 0 }
        if k >= n { return 1 }
        if p == 0 { return 1 }
        if p == 1 { return 0 }
        // P(X ≤ k) = I_{1−p}(n − k, k + 1).
        return IncompleteBeta.regularized(x: 1 - p, y: p, a: Double(n - k), b: Double(k + 1))
    }

    /// The smallest k with P(X ≤ k) ≥ q, with R's `qbinom` fuzz q·(1 − 64ε) against rounding.
    public static func quantile(_ q: Double, trials n: Int, probability p: Double) -> Int? {
        guard n >= 0, p >= 0, p <= 1, q >= 0, q <= 1 else { return nil }
        if q == 0 || p == 0 || n == 0 { return 0 }
        if q == 1 || p == 1 { return n }
        let target = q * (1 - 64 * Double.ulpOfOne)
        let mean = Double(n) * p
        let sd = (mean * (1 - p)).squareRoot()
        let z = NormalDistribution.quantile(q)
        let skew = (1 - 2 * p) / sd
        var k = Int((mean + sd * (z + skew * (z * z - 1) / 6) + 0.5).rounded(.down))
        k = min(max(k, 0), n)
        if cdf(k, trials: n, probability: p) >= target {
            while k > 0, cdf(k - 1, trials: n, probability: p) >= target { k -= 1 }
        } else {
            while k < n, cdf(k, trials: n, probability: p) < target { k += 1 }
        }
        return k
    }
}
