/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Hashable {
    public let lower: Double
    public let upper: Double
    /// The nominal confidence level asked for, e.g. 0.95.
    public let level: Double
    /// The exact coverage where the method gives one (order statistics); otherwise nil.
    public let achievedCoverage: Double?

    public init(lower: Double, upper: Double, level: Double, achievedCoverage: Double? = nil) {
        self.lower = lower
        self.upper = upper
        self.level = level
        self.achievedCoverage = achievedCoverage
    }

    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}
