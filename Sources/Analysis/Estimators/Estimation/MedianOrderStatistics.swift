/// The distribution-free interval for a median between two order statistics.
///
/// With B ~ Binomial(n, ½) and k = qbinom(α/2, n, ½) (the smallest k with P(B ≤ k) ≥ α/2),
/// the interval is [x₍ₖ₎, x₍ₙ₋ₖ₊₁₎] (1-based order statistics), with exact coverage
/// 1 − 2 P(B ≤ k − 1) ≥ 1 − α for continuous data. When k = 0 no pair reaches the level.
enum MedianOrderStatistics {
    /// The 1-based ranks (k, n − k + 1) and the coverage, or nil when the level cannot be reached.
    static func ranks(n: Int, level: Double) -> (lower: Int, upper: Int, coverage: Double)? {
        guard let k = BinomialDistribution.quantile((1 - level) / 2, trials: n, probability: 0.5), k >= 1 else {
            return nil
        }
        let coverage = 1 - 2 * BinomialDistribution.cdf(k - 1, trials: n, probability: 0.5)
        return (k, n - k + 1, coverage)
    }

    /// The sample median: the middle value, or the mean of the two middle values (R's `median`).
    static func median(sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}
