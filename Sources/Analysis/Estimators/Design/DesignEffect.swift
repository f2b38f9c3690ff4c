/// The simple random sample a design effect compares the design's variance with.
public enum SimpleRandomReference: Sendable, Hashable {
    /// Without replacement from a population of Σw, with the factor (Σw − n)/Σw: R's `deff = TRUE`.
    case withoutReplacement
    /// With replacement, no finite-population factor: R's `deff = "replace"`.
    case withReplacement
}

extension SampleDesign {
    /// The design effect of an estimate whose design variance is `variance`: variance over the
    /// variance of the same estimate from a simple random sample of the domain's n responses with a
    /// weight above 0, as R's `svymean`, `svytotal` and `svyratio` compute it with `deff`:
    ///
    ///   V_srs = scale² · s² / n · (1 − n/Σw without replacement),  s² = n/(n − 1) · Σw(u − ū)² / Σw,
    ///
    /// ū the weighted mean of u over the domain (R's `svyvar`). Nil where R's is undefined or
    /// meaningless: n < 2, s² = 0, or Σw ≤ n without replacement (R: NA for a mean, a negative or
    /// infinite value for a total).
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
        return deff.isFinite ? deff : nil
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
