/// Why an estimate or change has no interval (or no standard error).
public enum IntervalNote: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// One observation: there is no variance to estimate.
    case singleObservation = "single-observation"
    /// Too few observations for any pair of order statistics to reach the level.
    case tooFewForLevel = "too-few-for-level"
    /// A proportion of exactly 0 or 1: a weighted one's logit interval is undefined, and its SE of 0
    /// says nothing of its uncertainty, so a normal interval of a change from or to it is undefined too.
    case proportionAtBoundary = "proportion-at-boundary"
    /// A ratio of values that are all 0 or more is 0 (no numerator value above 0): its standard error
    /// of 0 says nothing of its uncertainty, and its log- or logit-scale interval is undefined.
    case ratioAtZero = "ratio-at-zero"
    /// A share of a whole is 1 (every numerator value equals its denominator value): its standard
    /// error of 0 says nothing of its uncertainty, and its logit-scale interval is undefined.
    case shareAtOne = "share-at-one"
    /// The design has no degrees of freedom left for a t quantile.
    case noDegreesOfFreedom = "no-degrees-of-freedom"
    /// Woodruff's interval for the distribution function reaches below 0 or above 1.
    case quantileBoundOutOfRange = "quantile-bound-out-of-range"
    /// Every value in both rounds is constant, so Welch's interval is undefined.
    case zeroVariance = "zero-variance"
    /// A change between estimates when one of them has no standard error.
    case noStandardError = "no-standard-error"
    /// A total or count of unweighted responses is a tally, not a sample estimate.
    case descriptiveTally = "descriptive-tally"

    public var description: String {
        switch self {
        case .singleObservation: "only one observation, so no variance can be estimated"
        case .tooFewForLevel: "too few observations for a distribution-free interval at this level"
        case .proportionAtBoundary: "a proportion is 0 or 1, where its standard error of 0 says nothing of its uncertainty (and a logit interval is undefined)"
        case .ratioAtZero: "a ratio of values that are all 0 or more is 0, where its standard error of 0 says nothing of its uncertainty (and a log- or logit-scale interval is undefined)"
        case .shareAtOne: "a share of a whole is 1 (every numerator equals its denominator), where its standard error of 0 says nothing of its uncertainty (and a logit-scale interval is undefined)"
        case .noDegreesOfFreedom: "the design leaves no degrees of freedom for the interval"
        case .quantileBoundOutOfRange: "the interval for the distribution function leaves [0, 1], so a quantile bound is undefined"
        case .zeroVariance: "all values are equal in both rounds"
        case .noStandardError: "one of the two estimates has no standard error"
        case .descriptiveTally: "an unweighted total or count is a tally of the responses, without a sampling interval"
        }
    }
}
