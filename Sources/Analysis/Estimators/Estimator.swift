/// The entry point: one call per estimate.
///
/// Without a design, estimates are the classical unweighted ones (Wilson, t, order statistics).
/// With a ``SampleDesign`` they are design-based, with Taylor-linearisation standard errors equal to
/// R's survey package. Values are passed for the whole sample; a ``Domain`` picks the subgroup, and
/// with a design the subgroup's variance still uses the whole design (as R's `svyby`).
///
/// ```swift
/// let design = try SampleDesign(weights: w, strata: region, fpc: populationPerRegion)
/// let share = try Estimator(design: design).proportion(answeredYes, in: .mask(isWomenLed))
/// ```
public struct Estimator: Sendable {
    public let design: SampleDesign?

    public init(design: SampleDesign? = nil) {
        self.design = design
    }

    /// The estimator for responses without weights.
    public static let unweighted = Estimator()

    /// The share of ones among values that are 0 or 1.
    public func proportion(_ values: [Double], in domain: Domain = .all, level: Double = 0.95) throws(EstimationError) -> Estimate {
        let members = try check(values, domain, level, binary: true)
        guard let design else { return UnweightedEstimates.proportion(values, members: members, level: level) }
        return try DesignEstimates.proportion(values, design: design, members: members, level: level)
    }

    public func mean(_ values: [Double], in domain: Domain = .all, level: Double = 0.95) throws(EstimationError) -> Estimate {
        let members = try check(values, domain, level)
        guard let design else { return UnweightedEstimates.mean(values, members: members, level: level) }
        return try DesignEstimates.mean(values, design: design, members: members, level: level)
    }

    public func median(_ values: [Double], in domain: Domain = .all, level: Double = 0.95) throws(EstimationError) -> Estimate {
        let members = try check(values, domain, level)
        guard let design else { return UnweightedEstimates.median(values, members: members, level: level) }
        return try DesignEstimates.median(values, design: design, members: members, level: level)
    }

    /// Σ y; without a design, a tally of the responses.
    public func total(_ values: [Double], in domain: Domain = .all, level: Double = 0.95) throws(EstimationError) -> Estimate {
        let members = try check(values, domain, level)
        guard let design else { return UnweightedEstimates.tally(.total, values, members: members) }
        return try DesignEstimates.total(.total, values, design: design, members: members, level: level)
    }

    /// How many values are 1 among values that are 0 or 1; with a design, the estimated population count.
    public func count(_ values: [Double], in domain: Domain = .all, level: Double = 0.95) throws(EstimationError) -> Estimate {
        let members = try check(values, domain, level, binary: true)
        guard let design else { return UnweightedEstimates.tally(.count, values, members: members) }
        return try DesignEstimates.total(.count, values, design: design, members: members, level: level)
    }

    /// Σ numerator / Σ denominator over the domain (weighted with a design).
    public func ratio(
        numerator: [Double], denominator: [Double], in domain: Domain = .all, level: Double = 0.95
    ) throws(EstimationError) -> Estimate {
        let members = try check(numerator, domain, level, input: "numerator")
        _ = try InputChecks.domain(domain, values: denominator, input: "denominator", expected: numerator.count)
        guard let design else {
            return try UnweightedEstimates.ratio(numerator: numerator, denominator: denominator, members: members, level: level)
        }
        return try DesignEstimates.ratio(
            numerator: numerator, denominator: denominator, design: design, members: members, level: level)
    }

    private func check(
        _ values: [Double], _ domain: Domain, _ level: Double, input: String = "values", binary: Bool = false
    ) throws(EstimationError) -> [Bool] {
        try InputChecks.level(level)
        return try InputChecks.domain(domain, values: values, input: input, binary: binary, expected: design?.count)
    }
}
