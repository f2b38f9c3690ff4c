/// Differences between two independent estimates (e.g. two survey rounds).
extension Change {
    /// The change `later − earlier`, with the interval suited to the pair:
    /// Newcombe's hybrid score interval for two unweighted proportions, Welch's t interval for two
    /// unweighted means, no interval for two unweighted tallies, and otherwise a normal interval
    /// from √(SE₁² + SE₂²). A proportion of 0 or 1 has an SE of 0 that measures nothing, so in
    /// that normal interval a change from or to one has no interval (else it would be as narrow as
    /// if that round were known exactly: +1 from 0 to 1 would come with the interval 1 to 1); this
    /// holds for an unweighted (Wilson) proportion paired with a weighted one too. A ratio of
    /// non-negative values that is 0 (``IntervalNote/ratioAtZero``) and a share of a whole that is 1
    /// (``IntervalNote/shareAtOne``) have such an SE of 0 as well.
    public static func between(
        _ earlier: Estimate, _ later: Estimate, level: Double = 0.95
    ) throws(EstimationError) -> Change {
        try InputChecks.level(level)
        guard earlier.kind == later.kind else { throw .mismatchedKinds(earlier.kind, later.kind) }
        let kind = later.kind
        let difference = later.value - earlier.value
        switch (earlier.method, later.method) {
        case (.wilson, .wilson):
            return newcombe(earlier, later, level: level)
        case (.studentT, .studentT):
            return welch(earlier, later, level: level)
        case (.descriptive, .descriptive):
            return Change(
                kind: kind, value: difference, standardError: nil, interval: nil, note: .descriptiveTally,
                method: .descriptive, degreesOfFreedom: nil)
        default:
            if kind == .proportion, [earlier, later].contains(where: { $0.value == 0 || $0.value == 1 }) {
                return Change(
                    kind: kind, value: difference, standardError: nil, interval: nil, note: .proportionAtBoundary,
                    method: .normalDifference, degreesOfFreedom: nil)
            }
            if let note = [earlier, later].lazy.compactMap(\.note).first(where: { $0 == .ratioAtZero || $0 == .shareAtOne }) {
                return Change(
                    kind: kind, value: difference, standardError: nil, interval: nil, note: note,
                    method: .normalDifference, degreesOfFreedom: nil)
            }
            guard let first = earlier.standardError, let second = later.standardError,
                first.isFinite, second.isFinite
            else {
                return Change(
                    kind: kind, value: difference, standardError: nil, interval: nil, note: .noStandardError,
                    method: .normalDifference, degreesOfFreedom: nil)
            }
            let standardError = (first * first + second * second).squareRoot()
            let z = NormalDistribution.quantile((1 + level) / 2)
            return Change(
                kind: kind, value: difference, standardError: standardError,
                interval: ConfidenceInterval(lower: difference - z * standardError, upper: difference + z * standardError, level: level),
                note: nil, method: .normalDifference, degreesOfFreedom: nil)
        }
    }

    /// Newcombe (1998) method 10, from each round's Wilson interval:
    /// d − √((p₂ − l₂)² + (u₁ − p₁)²) to d + √((u₂ − p₂)² + (p₁ − l₁)²), d = p₂ − p₁.
    private static func newcombe(_ earlier: Estimate, _ later: Estimate, level: Double) -> Change {
        func wilson(_ estimate: Estimate) -> (p: Double, n: Double, interval: ConfidenceInterval) {
            let n = estimate.sampleSize
            let successes = Int((estimate.value * Double(n)).rounded())
            return (estimate.value, Double(n), WilsonInterval.interval(successes: successes, trials: n, level: level))
        }
        let one = wilson(earlier)
        let two = wilson(later)
        let difference = two.p - one.p
        let below = ((two.p - two.interval.lower) * (two.p - two.interval.lower)
            + (one.interval.upper - one.p) * (one.interval.upper - one.p)).squareRoot()
        let above = ((two.interval.upper - two.p) * (two.interval.upper - two.p)
            + (one.p - one.interval.lower) * (one.p - one.interval.lower)).squareRoot()
        let standardError = (one.p * (1 - one.p) / one.n + two.p * (1 - two.p) / two.n).squareRoot()
        return Change(
            kind: .proportion, value: difference, standardError: standardError,
            interval: ConfidenceInterval(lower: difference - below, upper: difference + above, level: level),
            note: nil, method: .newcombeHybridScore, degreesOfFreedom: nil)
    }

    /// Welch: SE = √(SE₁² + SE₂²) with Welch–Satterthwaite degrees of freedom
    /// (SE₁² + SE₂²)² / (SE₁⁴/(n₁ − 1) + SE₂⁴/(n₂ − 1)).
    private static func welch(_ earlier: Estimate, _ later: Estimate, level: Double) -> Change {
        let difference = later.value - earlier.value
        guard let first = earlier.standardError, let second = later.standardError else {
            return Change(
                kind: .mean, value: difference, standardError: nil, interval: nil, note: .singleObservation,
                method: .welch, degreesOfFreedom: nil)
        }
        let v1 = first * first
        let v2 = second * second
        let standardError = (v1 + v2).squareRoot()
        guard standardError > 0 else {
            return Change(
                kind: .mean, value: difference, standardError: 0, interval: nil, note: .zeroVariance,
                method: .welch, degreesOfFreedom: nil)
        }
        let df = (v1 + v2) * (v1 + v2)
            / (v1 * v1 / Double(earlier.sampleSize - 1) + v2 * v2 / Double(later.sampleSize - 1))
        let t = StudentTDistribution.quantile((1 + level) / 2, degreesOfFreedom: df)
        return Change(
            kind: .mean, value: difference, standardError: standardError,
            interval: ConfidenceInterval(lower: difference - t * standardError, upper: difference + t * standardError, level: level),
            note: nil, method: .welch, degreesOfFreedom: df)
    }
}
