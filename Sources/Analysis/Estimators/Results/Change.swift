/// The difference `later − earlier` between two independent estimates, e.g. between two rounds.
public struct Change: Sendable, Hashable {
    public let kind: EstimateKind
    public let value: Double
    public let standardError: Double?
    public let interval: ConfidenceInterval?
    /// Why ``interval`` is nil, when it is.
    public let note: IntervalNote?
    public let method: IntervalMethod
    /// Welch–Satterthwaite degrees of freedom, for ``IntervalMethod/welch``.
    public let degreesOfFreedom: Double?
}
