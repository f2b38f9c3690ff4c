import Foundation

/// Design-based estimators with Taylor-linearisation variances, matching R's survey package.
enum DesignEstimates {
    /// What every design-based estimate reports about its domain.
    struct DomainSummary {
        let sampleSize: Int
        let sumOfWeights: Double
        let kishEffectiveSampleSize: Double?

        init(_ design: SampleDesign, _ members: [Bool]) {
            var n = 0
            var weightSum = 0.0
            for row in 0..<design.count where members[row] {
                n += 1
                weightSum += design.weights[row]
            }
            sampleSize = n
            sumOfWeights = weightSum
            kishEffectiveSampleSize = design.kishEffectiveSampleSize(domain: members)
        }
    }

    /// The weighted mean Σwy/Σw and its standard error (R's `svymean`).
    static func meanAndError(
        _ values: [Double], design: SampleDesign, members: [Bool]
    ) throws(EstimationError) -> (mean: Double, standardError: Double, domain: DomainSummary, designEffect: Double?) {
        let domain = DomainSummary(design, members)
        guard domain.sumOfWeights > 0 else { throw .zeroWeightSum }
        var weighted = 0.0
        for row in 0..<design.count where members[row] { weighted += design.weights[row] * values[row] }
        let mean = weighted / domain.sumOfWeights
        var influence = [Double](repeating: 0, count: design.count)
        for row in 0..<design.count where members[row] {
            influence[row] = design.weights[row] * (values[row] - mean) / domain.sumOfWeights
        }
        let variance = try design.linearisedVariance(of: influence, domain: members)
        let deff = design.designEffect(variance: variance, linearised: values, scale: 1, domain: members)
        return (mean, variance.squareRoot(), domain, deff)
    }

    static func mean(_ values: [Double], design: SampleDesign, members: [Bool], level: Double) throws(EstimationError) -> Estimate {
        let (mean, standardError, domain, deff) = try meanAndError(values, design: design, members: members)
        return normal(.mean, mean, standardError, domain, level, designEffect: deff)
    }

    /// Σwy over the domain (R's `svytotal`); a count is the total of a 0/1 indicator.
    static func total(
        _ kind: EstimateKind, _ values: [Double], design: SampleDesign, members: [Bool], level: Double
    ) throws(EstimationError) -> Estimate {
        let domain = DomainSummary(design, members)
        var influence = [Double](repeating: 0, count: design.count)
        var total = 0.0
        for row in 0..<design.count where members[row] {
            influence[row] = design.weights[row] * values[row]
            total += influence[row]
        }
        let variance = try design.linearisedVariance(of: influence, domain: members)
        let deff = design.designEffect(variance: variance, linearised: values, scale: domain.sumOfWeights, domain: members)
        return normal(kind, total, variance.squareRoot(), domain, level, designEffect: deff)
    }

    /// Σwy / Σwx with the linearised standard error (R's `svyratio`) and a normal interval (R's `confint`)
    /// on the scale the domain's values allow (``RatioScale``): logit for a share of a whole, log for
    /// other values that are all 0 or more, else R ± z·SE.
    static func ratio(
        numerator: [Double], denominator: [Double], design: SampleDesign, members: [Bool], level: Double
    ) throws(EstimationError) -> Estimate {
        let domain = DomainSummary(design, members)
        var ySum = 0.0
        var xSum = 0.0
        for row in 0..<design.count where members[row] {
            ySum += design.weights[row] * numerator[row]
            xSum += design.weights[row] * denominator[row]
        }
        guard xSum != 0 else { throw .zeroDenominator }
        let ratio = ySum / xSum
        var residuals = [Double](repeating: 0, count: design.count)
        var influence = [Double](repeating: 0, count: design.count)
        for row in 0..<design.count where members[row] {
            residuals[row] = (numerator[row] - ratio * denominator[row]) / xSum
            influence[row] = design.weights[row] * residuals[row]
        }
        let variance = try design.linearisedVariance(of: influence, domain: members)
        let standardError = variance.squareRoot()
        // R's svyratio takes the design effect of svytotal of the residuals (y − R x)/Σwx.
        let deff = design.designEffect(variance: variance, linearised: residuals, scale: domain.sumOfWeights, domain: members)
        let scale = RatioScale(numerator: numerator, denominator: denominator, members: members)
        let (interval, note) = scale.interval(
            ratio: ratio, standardError: standardError, quantile: NormalDistribution.quantile((1 + level) / 2), level: level)
        let method: IntervalMethod = switch scale {
        case .linear: .taylorNormal
        case .log: .taylorLogRatio
        case .logit: .taylorLogitRatio
        }
        return Estimate(
            kind: .ratio, value: ratio, standardError: standardError, interval: interval, note: note,
            method: method, sampleSize: domain.sampleSize, sumOfWeights: domain.sumOfWeights,
            designEffect: deff, kishEffectiveSampleSize: domain.kishEffectiveSampleSize)
    }

    /// The weighted share of ones with the logit ("xlogit") interval on the design degrees of freedom
    /// (R's `svyciprop(method = "xlogit")`).
    static func proportion(_ values: [Double], design: SampleDesign, members: [Bool], level: Double) throws(EstimationError) -> Estimate {
        let (p, standardError, domain, deff) = try meanAndError(values, design: design, members: members)
        let df = Double(design.degreesOfFreedom(domain: members))
        func estimate(_ interval: ConfidenceInterval?, _ note: IntervalNote?) -> Estimate {
            Estimate(
                kind: .proportion, value: p, standardError: standardError, interval: interval, note: note,
                method: .taylorLogit, sampleSize: domain.sampleSize, sumOfWeights: domain.sumOfWeights,
                degreesOfFreedom: df, designEffect: deff, kishEffectiveSampleSize: domain.kishEffectiveSampleSize)
        }
        guard p > 0, p < 1 else { return estimate(nil, .proportionAtBoundary) }
        guard df > 0 else { return estimate(nil, .noDegreesOfFreedom) }
        let logit = log(p / (1 - p))
        let logitError = standardError / (p * (1 - p))
        let t = StudentTDistribution.quantile((1 + level) / 2, degreesOfFreedom: df)
        let interval = ConfidenceInterval(
            lower: Logit.expit(logit - t * logitError), upper: Logit.expit(logit + t * logitError), level: level)
        return estimate(interval, nil)
    }

    /// The weighted median by R's `qrule_math`, with Woodruff's interval: the normal-theory interval
    /// F̂(q̂) ± t·SE for the distribution function at the median, on the design degrees of freedom,
    /// mapped back through the same quantile rule (R's `svyquantile(interval.type = "mean")`).
    /// The standard error is the interval's width over 2t, as R reports it.
    static func median(_ values: [Double], design: SampleDesign, members: [Bool], level: Double) throws(EstimationError) -> Estimate {
        let domain = DomainSummary(design, members)
        guard domain.sumOfWeights > 0 else { throw .zeroWeightSum }
        let memberValues = InputChecks.members(of: values, members)
        let memberWeights = InputChecks.members(of: design.weights, members)
        let sorted = WeightedQuantileRule.Sorted(values: memberValues, weights: memberWeights)
        let median = sorted.quantile(0.5)
        let df = Double(design.degreesOfFreedom(domain: members))
        func estimate(_ standardError: Double?, _ interval: ConfidenceInterval?, _ note: IntervalNote?) -> Estimate {
            Estimate(
                kind: .median, value: median, standardError: standardError, interval: interval, note: note,
                method: .woodruff, sampleSize: domain.sampleSize, sumOfWeights: domain.sumOfWeights,
                degreesOfFreedom: df, kishEffectiveSampleSize: domain.kishEffectiveSampleSize)
        }
        guard df > 0 else { return estimate(nil, nil, .noDegreesOfFreedom) }
        let below = values.indices.map { members[$0] && values[$0] <= median ? 1.0 : 0.0 }
        let (share, shareError, _, _) = try meanAndError(below, design: design, members: members)
        let t = StudentTDistribution.quantile((1 + level) / 2, degreesOfFreedom: df)
        let lowerShare = share - t * shareError
        let upperShare = share + t * shareError
        guard lowerShare >= 0, upperShare <= 1 else { return estimate(nil, nil, .quantileBoundOutOfRange) }
        let lower = sorted.quantile(lowerShare)
        let upper = sorted.quantile(upperShare)
        return estimate((upper - lower) / (2 * t), ConfidenceInterval(lower: lower, upper: upper, level: level), nil)
    }

    private static func normal(
        _ kind: EstimateKind, _ value: Double, _ standardError: Double, _ domain: DomainSummary, _ level: Double,
        designEffect: Double?
    ) -> Estimate {
        let z = NormalDistribution.quantile((1 + level) / 2)
        return Estimate(
            kind: kind, value: value, standardError: standardError,
            interval: ConfidenceInterval(lower: value - z * standardError, upper: value + z * standardError, level: level),
            method: .taylorNormal, sampleSize: domain.sampleSize, sumOfWeights: domain.sumOfWeights,
            designEffect: designEffect, kishEffectiveSampleSize: domain.kishEffectiveSampleSize)
    }
}
