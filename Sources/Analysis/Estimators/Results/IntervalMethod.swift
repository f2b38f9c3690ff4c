/// How a standard error and interval were obtained. Raw values are stable identifiers
/// (for exports); ``description`` is the sentence for a report's methods section.
public enum IntervalMethod: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Unweighted proportion: Wilson score interval, no continuity correction.
    case wilson
    /// Unweighted mean: t interval with n − 1 degrees of freedom.
    case studentT = "student-t"
    /// Unweighted ratio: linearised (Cochran) standard error, t interval with n − 1 degrees of freedom.
    case ratioStudentT = "ratio-student-t"
    /// Unweighted ratio of values that are all 0 or more: as ``ratioStudentT``, with the interval on the log scale.
    case ratioLogStudentT = "ratio-log-student-t"
    /// Unweighted share of a whole (every 0 ≤ yᵢ ≤ xᵢ): as ``ratioStudentT``, with the interval on the logit scale.
    case ratioLogitStudentT = "ratio-logit-student-t"
    /// Unweighted median: distribution-free interval between two order statistics.
    case orderStatistics = "order-statistics"
    /// Unweighted total or count: a tally of the responses, without a sampling interval.
    case descriptive
    /// Weighted mean, total, count or ratio: Taylor-linearisation standard error, normal interval.
    case taylorNormal = "taylor-normal"
    /// Weighted ratio of values that are all 0 or more: Taylor-linearisation standard error, normal interval on the log scale.
    case taylorLogRatio = "taylor-log-ratio"
    /// Weighted share of a whole (every 0 ≤ yᵢ ≤ xᵢ): Taylor-linearisation standard error, normal interval on the logit scale.
    case taylorLogitRatio = "taylor-logit-ratio"
    /// Weighted proportion: Taylor-linearisation standard error, t interval on the logit scale.
    case taylorLogit = "xlogit"
    /// Weighted median: Woodruff interval read off the weighted distribution function.
    case woodruff
    /// Change in an unweighted proportion: Newcombe's hybrid score interval.
    case newcombeHybridScore = "newcombe-hybrid-score"
    /// Change in an unweighted mean: Welch's t interval.
    case welch
    /// Change in any other estimate: normal interval from the two standard errors.
    case normalDifference = "normal-difference"

    public var description: String {
        switch self {
        case .wilson:
            "Wilson score interval without continuity correction (as R's prop.test(correct = FALSE)); standard error √(p(1 − p)/n)."
        case .studentT:
            "Mean ± t(n − 1) · s/√n (as R's t.test)."
        case .ratioStudentT:
            "Ratio of sums with the linearised standard error √(Σ(yᵢ − R xᵢ)² / (n(n − 1))) / x̄ and a t(n − 1) interval."
        case .ratioLogStudentT:
            "Ratio of sums of values that are all 0 or more, with the linearised standard error √(Σ(yᵢ − R xᵢ)² / (n(n − 1))) / x̄ and a t(n − 1) interval on the log scale, R·exp(±t · SE/R), which cannot reach below 0."
        case .ratioLogitStudentT:
            "Ratio of sums that is a share of a whole (every numerator value between 0 and its denominator value), with the linearised standard error √(Σ(yᵢ − R xᵢ)² / (n(n − 1))) / x̄ and a t(n − 1) interval on the logit scale, expit(logit R ± t · SE/(R(1 − R))), which stays between 0 and 1."
        case .orderStatistics:
            "Sample median with a distribution-free interval between the order statistics x₍ₖ₎ and x₍ₙ₋ₖ₊₁₎, k = qbinom(α/2, n, ½), whose binomial coverage is at least the level."
        case .descriptive:
            "A tally of the responses; no sampling interval is given for an unweighted total or count."
        case .taylorNormal:
            "Design-based estimate with a Taylor-linearisation standard error (strata and finite-population correction) and a normal interval (as R's survey: svymean, svytotal, svyratio with confint)."
        case .taylorLogRatio:
            "Design-based ratio of sums of values that are all 0 or more, with a Taylor-linearisation standard error (as R's svyratio) and a normal interval on the log scale, R·exp(±z · SE/R), which cannot reach below 0."
        case .taylorLogitRatio:
            "Design-based ratio of sums that is a share of a whole (every numerator value between 0 and its denominator value), with a Taylor-linearisation standard error (as R's svyratio) and a normal interval on the logit scale, expit(logit R ± z · SE/(R(1 − R))), which stays between 0 and 1."
        case .taylorLogit:
            "Design-based proportion with a Taylor-linearisation standard error and an interval computed on the logit scale with a t quantile on the design degrees of freedom (as R's svyciprop(method = \"xlogit\"))."
        case .woodruff:
            "Design-based median read off the weighted distribution function, with Woodruff's interval (as R's svyquantile(qrule = \"math\", interval.type = \"mean\"))."
        case .newcombeHybridScore:
            "Difference of two independent proportions with Newcombe's hybrid score interval (method 10, from the two Wilson intervals)."
        case .welch:
            "Difference of two independent means with Welch's t interval (Welch–Satterthwaite degrees of freedom, as R's t.test)."
        case .normalDifference:
            "Difference of two independent estimates: standard error √(SE₁² + SE₂²), normal interval."
        }
    }
}
