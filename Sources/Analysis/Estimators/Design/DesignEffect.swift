/// The simple random sample a design effect compares the design's variance with.
public enum SimpleRandomReference: Sendable, Hashable {
    /// Without replacement from a population of Σw, with the factor (Σw − n)/Σw: R's `deff = TRUE`.
    case withoutReplacement
    /// With replacement, no finite-population factor: R's `deff = "replace"`.
    case withReplacement
}

extension SampleDesign {
    /// The smallest design effect given. Below it the estimate is fixed by the weighting (the total
    /// or share of a post-stratum or a raking margin, or of groups the margins add up to): its design
    /// variance is 0 in exact arithmetic, and what R and Samla compute instead is rounding (R gives
    /// 1e-31 to 1e-17 in the golden designs) or, for a raked design, the residue of the variance's
    /// ten residualising passes (1e-10 to 1e-8). A ratio of that is not a design effect; a real one
    /// this small would need a variable the margins explain to 99.9999 %. The golden designs' real
    /// design effects are 0.2 and above.
    public static let smallestDesignEffect = 1e-6

    /// The design effect of an estimate whose design variance is `variance`: variance over the
    /// variance of the same estimate from a simple random sample of the domain's n responses with a
    /// weight above 0, as R's `svymean`, `svytotal` and `svyratio` compute it with `deff`:
    ///
    ///   V_srs = scale² · s² / n · (1 − n/Σw without replacement),  s² = n/(n − 1) · Σw(u − ū)² / Σw,
    ///
    /// ū the weighted mean of u over the domain (R's `svyvar`). Nil where R's is undefined or
    /// meaningless: n < 2, s² = 0, Σw ≤ n without replacement (R: NA for a mean, a negative or
    /// infinite value for a total), or an estimate the weighting fixes (``smallestDesignEffect``).
    /// - Parameters:
    ///   - linearised: u, the variable whose spread an SRS would have: y for a mean or total,
    ///     (y − R x)/Σwx for a ratio.
    ///   - scale: 1 for a mean, Σw for a total or a ratio (R's `svytotal` of u).
    func designEffect(variance: Double, linearised u: [Double], scale: Double, domain: [Bool]) -> Double? {
        var n = 0
        var weightSum = 0.0
        var weighted = 0.0
        for row in 0..<count where domain[row] && weights[row] != 0 {
            n += 1
            weightSum += weights[row]
            weighted += weights[row] * u[row]
        }
        guard n >= 2, weightSum > 0 else { return nil }
        let mean = weighted / weightSum
        var squares = 0.0
        for row in 0..<count where domain[row] && weights[row] != 0 {
            let deviation = u[row] - mean
            squares += weights[row] * deviation * deviation
        }
        let spread = Double(n) / Double(n - 1) * squares / weightSum
        let unsampled: Double
        switch designEffectReference {
        case .withReplacement:
            unsampled = 1
        case .withoutReplacement:
            guard weightSum > Double(n) else { return nil }
            unsampled = (weightSum - Double(n)) / weightSum
        }
        let reference = spread * scale * scale / Double(n) * unsampled
        guard reference > 0 else { return nil }
        let deff = variance / reference
        return deff.isFinite && deff >= Self.smallestDesignEffect ? deff : nil
    }

    /// Kish's effective sample size of the domain's weights, (Σw)² / Σw² (Kish 1965, section 11.7).
    func kishEffectiveSampleSize(domain: [Bool]) -> Double? {
        var sum = 0.0
        var squares = 0.0
        for row in 0..<count where domain[row] {
            sum += weights[row]
            squares += weights[row] * weights[row]
        }
        return squares > 0 ? sum * sum / squares : nil
    }
}
