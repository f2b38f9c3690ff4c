/// One estimate with its uncertainty: what the aggregation engine reports per indicator, round and group.
public struct Estimate: Sendable, Hashable {
    public let kind: EstimateKind
    public let value: Double
    /// Nil where the method has none (one observation, an unweighted tally, a median interval that cannot reach the level).
    public let standardError: Double?
    public let interval: ConfidenceInterval?
    /// Why ``interval`` is nil, when it is.
    public let note: IntervalNote?
    public let method: IntervalMethod
    /// The unweighted number of observations in the domain.
    public let sampleSize: Int
    /// Σ weights over the domain, for weighted estimates.
    public let sumOfWeights: Double?
    /// The degrees of freedom of the t quantile, where the interval uses one.
    public let degreesOfFreedom: Double?
    /// The design effect: the design variance over that of a simple random sample of the same size
    /// (R's `deff`, ``SampleDesign/designEffectReference``); nil without a design, for a median, and
    /// where it is undefined (fewer than two responses with weight, no spread, weights that sum to
    /// no more than the responses when the reference is sampling without replacement).
    public let designEffect: Double?
    /// Kish's effective sample size from the weights of the domain, (Σw)² / Σw²; nil without a design.
    public let kishEffectiveSampleSize: Double?

    public init(
        kind: EstimateKind, value: Double, standardError: Double?, interval: ConfidenceInterval?,
        note: IntervalNote? = nil, method: IntervalMethod, sampleSize: Int,
        sumOfWeights: Double? = nil, degreesOfFreedom: Double? = nil,
        designEffect: Double? = nil, kishEffectiveSampleSize: Double? = nil
    ) {
        self.kind = kind
        self.value = value
        self.standardError = standardError
        self.interval = interval
        self.note = note
        self.method = method
        self.sampleSize = sampleSize
        self.sumOfWeights = sumOfWeights
        self.degreesOfFreedom = degreesOfFreedom
        self.designEffect = designEffect
        self.kishEffectiveSampleSize = kishEffectiveSampleSize
    }

    /// Whether this came from a sampling design (weights), rather than the unweighted formulas.
    public var isWeighted: Bool { sumOfWeights != nil }
}
