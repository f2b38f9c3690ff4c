import Foundation

/// The interval of a ratio of two sums whose values are all 0 or more, computed on the log scale.
///
/// Such a ratio cannot be negative, yet R ± q·SE reaches below 0 whenever SE > R/q, and its
/// linearised distribution is skewed to the right. By the delta method SE(log R) = SE(R)/R, so
/// log R ± q·SE/R maps back to R·exp(∓q·SE/R): positive, and wider above R than below
/// (Katz's interval for a risk ratio; in R, `svycontrast(…, quote(log(y/x)))` then `exp(confint(…))`).
enum LogRatioInterval {
    /// Whether every numerator and denominator value in the domain is 0 or more.
    static func applies(numerator: [Double], denominator: [Double], members: [Bool]? = nil) -> Bool {
        numerator.indices.allSatisfy { i in
            if let members, !members[i] { return true }
            return numerator[i] >= 0 && denominator[i] >= 0
        }
    }

    /// R·exp(−q·SE/R) to R·exp(q·SE/R), for a ratio R > 0 and the quantile q.
    static func interval(ratio: Double, standardError: Double, quantile: Double, level: Double) -> ConfidenceInterval {
        let spread = exp(quantile * standardError / ratio)
        return ConfidenceInterval(lower: ratio / spread, upper: ratio * spread, level: level)
    }
}
