/// What an estimate measures.
public enum EstimateKind: String, Sendable, Hashable, CaseIterable {
    /// The share of observations whose value is 1 (values are 0 or 1).
    case proportion
    case mean
    case median
    case total
    /// How many observations have value 1 (values are 0 or 1); estimated for the population when weighted.
    case count
    /// Σ numerator / Σ denominator.
    case ratio
}
