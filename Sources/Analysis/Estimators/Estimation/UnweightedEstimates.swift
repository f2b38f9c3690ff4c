/// The classical estimators for responses without a sampling design.
enum UnweightedEstimates {
    /// Share of ones, with the Wilson interval and the standard error √(p(1 − p)/n).
    static func proportion(_ values: [Double], members: [Bool], level: Double) -> Estimate {
        let sample = InputChecks.members(of: values, members)
        let n = sample.count
        let successes = sample.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
        let p = Double(successes) / Double(n)
        return Estimate(
            kind: .proportion, value: p, standardError: (p * (1 - p) / Double(n)).squareRoot(),
            interval: WilsonInterval.interval(successes: successes, trials: n, level: level),
            method: .wilson, sampleSize: n)
    }

    /// Mean with the t interval on n − 1 degrees of freedom.
    static func mean(_ values: [Double], members: [Bool], level: Double) -> Estimate {
        let sample = InputChecks.members(of: values, members)
        let n = sample.count
        let mean = sample.reduce(0, +) / Double(n)
        guard n > 1 else {
            return Estimate(
                kind: .mean, value: mean, standardError: nil, interval: nil, note: .singleObservation,
                method: .studentT, sampleSize: n)
        }
        let squares = sample.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let standardError = (squares / Double(n - 1) / Double(n)).squareRoot()
        return tInterval(kind: .mean, value: mean, standardError: standardError, n: n, level: level, method: .studentT)
    }

    /// Σ y / Σ x with the linearised (Cochran) standard error and a t interval on n − 1 degrees of freedom,
    /// on the scale the values allow (``RatioScale``): logit for a share of a whole, log for other values
    /// that are all 0 or more, else R ± t·SE.
    static func ratio(
        numerator: [Double], denominator: [Double], members: [Bool], level: Double
    ) throws(EstimationError) -> Estimate {
        let y = InputChecks.members(of: numerator, members)
        let x = InputChecks.members(of: denominator, members)
        let n = y.count
        let xSum = x.reduce(0, +)
        guard xSum != 0 else { throw .zeroDenominator }
        let ratio = y.reduce(0, +) / xSum
        guard n > 1 else {
            return Estimate(
                kind: .ratio, value: ratio, standardError: nil, interval: nil, note: .singleObservation,
                method: .ratioStudentT, sampleSize: n)
        }
        var squares = 0.0
        for i in 0..<n {
            let residual = y[i] - ratio * x[i]
            squares += residual * residual
        }
        let nn = Double(n)
        let standardError = (squares / (nn * (nn - 1))).squareRoot() / (xSum / nn)
        let df = Double(n - 1)
        let scale = RatioScale(numerator: y, denominator: x)
        let (interval, note) = scale.interval(
            ratio: ratio, standardError: standardError,
            quantile: StudentTDistribution.quantile((1 + level) / 2, degreesOfFreedom: df), level: level)
        let method: IntervalMethod = switch scale {
        case .linear: .ratioStudentT
        case .log: .ratioLogStudentT
        case .logit: .ratioLogitStudentT
        }
        return Estimate(
            kind: .ratio, value: ratio, standardError: standardError, interval: interval, note: note,
            method: method, sampleSize: n, degreesOfFreedom: df)
    }

    /// Sample median with the order-statistic interval; its standard error is the interval's
    /// width over 2 z, z the normal quantile of the interval's exact coverage (after Bonett and Price).
    static func median(_ values: [Double], members: [Bool], level: Double) -> Estimate {
        let sorted = InputChecks.members(of: values, members).sorted()
        let n = sorted.count
        let median = MedianOrderStatistics.median(sorted: sorted)
        guard let ranks = MedianOrderStatistics.ranks(n: n, level: level) else {
            return Estimate(
                kind: .median, value: median, standardError: nil, interval: nil,
                note: n == 1 ? .singleObservation : .tooFewForLevel, method: .orderStatistics, sampleSize: n)
        }
        let lower = sorted[ranks.lower - 1]
        let upper = sorted[ranks.upper - 1]
        let z = NormalDistribution.quantile((1 + ranks.coverage) / 2)
        return Estimate(
            kind: .median, value: median, standardError: (upper - lower) / (2 * z),
            interval: ConfidenceInterval(lower: lower, upper: upper, level: level, achievedCoverage: ranks.coverage),
            method: .orderStatistics, sampleSize: n)
    }

    /// Σ y over the responses: a tally, with no sampling interval.
    static func tally(_ kind: EstimateKind, _ values: [Double], members: [Bool]) -> Estimate {
        let sample = InputChecks.members(of: values, members)
        return Estimate(
            kind: kind, value: sample.reduce(0, +), standardError: nil, interval: nil, note: .descriptiveTally,
            method: .descriptive, sampleSize: sample.count)
    }

    private static func tInterval(
        kind: EstimateKind, value: Double, standardError: Double, n: Int, level: Double, method: IntervalMethod
    ) -> Estimate {
        let df = Double(n - 1)
        let t = StudentTDistribution.quantile((1 + level) / 2, degreesOfFreedom: df)
        return Estimate(
            kind: kind, value: value, standardError: standardError,
            interval: ConfidenceInterval(lower: value - t * standardError, upper: value + t * standardError, level: level),
            method: method, sampleSize: n, degreesOfFreedom: df)
    }
}
