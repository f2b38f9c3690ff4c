import Foundation

/// The scale a ratio's interval is taken on, decided by the values in its domain. The standard
/// error is the linearised SE of R on every scale; only the interval changes.
///
/// A ratio of values that are all 0 or more cannot be negative, yet R ± q·SE reaches below 0 whenever
/// SE > R/q, and its linearised distribution is skewed to the right. By the delta method
/// SE(log R) = SE(R)/R, so log R ± q·SE/R maps back to R·exp(∓q·SE/R) (Katz's interval for a risk
/// ratio; in R, `svycontrast(…, quote(log(y/x)))` then `exp(confint(…))`). A share of a whole
/// (every 0 ≤ yᵢ ≤ xᵢ) cannot pass 1 either, where the log interval can: there
/// SE(logit R) = SE(R)/(R(1 − R)), and logit R ± q·SE/(R(1 − R)) maps back inside (0, 1)
/// (in R, `svycontrast(…, quote(log(y/(x - y))))` then `plogis(confint(…))`).
enum RatioScale: Sendable {
    /// Some numerator or denominator value is negative: R ± q·SE.
    case linear
    /// Every value is 0 or more, some numerator above its denominator: R·exp(±q·SE/R).
    case log
    /// Every numerator value lies between 0 and its denominator value: expit(logit R ± q·SE/(R(1 − R))).
    case logit

    /// The scale for these values, reading only the domain's (`members`, or all when nil).
    init(numerator: [Double], denominator: [Double], members: [Bool]? = nil) {
        var share = true
        for i in numerator.indices where members?[i] ?? true {
            guard numerator[i] >= 0, denominator[i] >= 0 else {
                self = .linear
                return
            }
            if numerator[i] > denominator[i] { share = false }
        }
        self = share ? .logit : .log
    }

    /// The interval of `ratio` with quantile `quantile`, or why it has none: a ratio of 0 on the log
    /// or logit scale, a share of 1 on the logit scale. There its SE is 0, which says nothing of its
    /// uncertainty, and the scale's transform is infinite.
    func interval(
        ratio: Double, standardError: Double, quantile: Double, level: Double
    ) -> (interval: ConfidenceInterval?, note: IntervalNote?) {
        switch self {
        case .linear:
            return (ConfidenceInterval(lower: ratio - quantile * standardError, upper: ratio + quantile * standardError, level: level), nil)
        case .log:
            guard ratio > 0 else { return (nil, .ratioAtZero) }
            let spread = exp(quantile * standardError / ratio)
            return (ConfidenceInterval(lower: ratio / spread, upper: ratio * spread, level: level), nil)
        case .logit:
            guard ratio > 0 else { return (nil, .ratioAtZero) }
            guard ratio < 1 else { return (nil, .shareAtOne) }
            let logit = Foundation.log(ratio / (1 - ratio))
            let half = quantile * standardError / (ratio * (1 - ratio))
            return (ConfidenceInterval(lower: Logit.expit(logit - half), upper: Logit.expit(logit + half), level: level), nil)
        }
    }
}

/// The inverse of the logit, shared by the proportion's and the share's logit interval.
enum Logit {
    /// 1/(1 + e^−η), written so that neither exponential overflows (a share near 0 with a wide SE
    /// has an η beyond ±709).
    static func expit(_ eta: Double) -> Double {
        eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta))
    }
}
