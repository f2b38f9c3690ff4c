import Foundation

/// Student's t distribution with ν degrees of freedom (any real ν > 0; ν = ∞ is the normal).
public enum StudentTDistribution {
    /// P(T ≤ t), through the regularized incomplete beta function.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard !t.isNaN, nu > 0 else { return .nan }
        if nu.isInfinite { return NormalDistribution.cdf(t) }
        if t.isInfinite { return t < 0 ? 0 : 1 }
        let tail = lowerTail(-abs(t), nu)
        return t < 0 ? tail : 1 - tail
    }

    /// The density of T at t.
    public static func density(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard !t.isNaN, nu > 0 else { return .nan }
        if nu.isInfinite { return NormalDistribution.density(t) }
        return exp(-LogBeta.logBeta(nu / 2, 0.5) - 0.5 * log(nu) - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// The quantile: the t with P(T ≤ t) = p, by safeguarded Newton steps on the t distribution
    /// function from a Cornish–Fisher or tail start, to full double precision.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard p >= 0, p <= 1, nu > 0 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if nu.isInfinite || nu > 1e20 { return NormalDistribution.quantile(p) }
        // Solve in the lower tail, where P(T ≤ t) keeps its relative precision; 1 − p is exact for p > ½.
        let tailProbability = p < 0.5 ? p : 1 - p
        let t = negativeQuantile(tailProbability, nu)
        return p < 0.5 ? t : -t
    }

    /// P(T ≤ t) for t ≤ 0: ½ I_{ν/(ν+t²)}(ν/2, ½).
    static func lowerTail(_ t: Double, _ nu: Double) -> Double {
        let squared = t * t
        if squared.isInfinite { return 0 }
        let x = nu / (nu + squared)
        let y = squared / (nu + squared)
        return 0.5 * IncompleteBeta.regularized(x: x, y: y, a: nu / 2, b: 0.5)
    }

    /// The t < 0 with P(T ≤ t) = probability, for 0 < probability < ½.
    private static func negativeQuantile(_ probability: Double, _ nu: Double) -> Double {
        let start = startingPoint(probability, nu)
        // Bracket: lowerTail increases from 0 at −∞ to ½ at 0.
        var high = 0.0
        var low = start
        while lowerTail(low, nu) > probability {
            high = low
            low *= 2
            if low.isInfinite { return -.infinity }
        }
        var t = start
        for _ in 0..<400 {
            let value = lowerTail(t, nu) - probability
            if value == 0 { return t }
            if value > 0 { high = min(high, t) } else { low = max(low, t) }
            let slope = density(t, degreesOfFreedom: nu)
            var next = t - value / slope
            if !(next > low && next < high) || !next.isFinite {
                // Bisect, geometrically while the bracket spans orders of magnitude.
                next = (high < 0 && low / high > 4) ? -(low * high).squareRoot() : (low + high) / 2
            }
            if abs(next - t) <= 2 * Double.ulpOfOne * abs(t) { return next }
            t = next
        }
        return t
    }

    private static func startingPoint(_ probability: Double, _ nu: Double) -> Double {
        let z = NormalDistribution.quantile(probability)
        let z2 = z * z
        let g1 = (z2 + 1) * z / 4
        let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
        let cornishFisher = z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
        // Far tail: P(T ≤ t) ≈ ν^{ν/2 − 1} |t|^{−ν} / B(ν/2, ½).
        let logScale = (nu / 2 - 1) * log(nu) - LogBeta.logBeta(nu / 2, 0.5)
        let tail = -exp((logScale - log(probability)) / nu)
        let candidates = [cornishFisher, tail].filter { $0.isFinite && $0 < 0 }
        guard !candidates.isEmpty else { return z.isFinite && z < 0 ? z : -1 }
        return candidates.min { abs(lowerTail($0, nu) - probability) < abs(lowerTail($1, nu) - probability) }!
    }
}
