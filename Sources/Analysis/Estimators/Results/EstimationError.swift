/// Why an estimate was refused. Every case names the input and position at fault and what to do.
public enum EstimationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An input array has a different length from the values (or the design).
    case lengthMismatch(input: String, expected: Int, actual: Int)
    /// NaN or ±∞ where a number is needed; `index` is 0-based.
    case notFinite(input: String, index: Int, value: Double)
    case negativeWeight(index: Int, value: Double)
    /// A proportion or count needs values 0 or 1.
    case notZeroOrOne(input: String, index: Int, value: Double)
    case emptyDesign
    /// No observation falls in the domain.
    case emptyDomain
    case domainIndexOutOfRange(index: Int, count: Int)
    case duplicateDomainIndex(Int)
    /// Every observation in the domain has weight 0.
    case zeroWeightSum
    /// The ratio's denominator sums to 0 over the domain.
    case zeroDenominator
    case invalidLevel(Double)
    case fpcNotPositive(index: Int, value: Double)
    /// Some fpc values are population sizes (> 1) and others sampling fractions (< 1).
    case fpcMixedConventions(populationSizeIndex: Int, fractionIndex: Int)
    /// Every fpc equals 1: neither a population size nor a fraction can be told apart.
    case fpcAllOne
    case fpcVariesWithinStratum(stratum: String)
    case fpcBelowSampleSize(stratum: String, populationSize: Double, sampleSize: Int)
    /// A stratum with one primary sampling unit under ``LonelyPSURule/fail``.
    case singlePSU(stratum: String)
    /// Changes are computed between estimates of the same kind only.
    case mismatchedKinds(EstimateKind, EstimateKind)
    /// A population count for post-stratification that is not a positive number.
    case populationCountNotPositive(postStratum: String, value: Double)
    /// An observation in a post-stratum without a population count; `index` is 0-based.
    case noPopulationCount(postStratum: String, index: Int)
    /// A post-stratum with a population count but no observation of weight above 0 (R refuses it too).
    case emptyPostStratum(String)
    /// A design is post-stratified or raked once.
    case alreadyPostStratified
    /// Raking needs at least one margin.
    case noRakingMargins
    /// Two raking margins whose population counts add up to different totals (names and totals);
    /// for calibration, the first is "population", the population's size.
    case rakingMarginTotalsDiffer(String, Double, String, Double)
    /// Raking that did not meet every margin within its passes: the group furthest from its count.
    case rakingNotConverged(passes: Int, margin: String, group: String, weighted: Double, population: Double)
    /// Calibration's cross-product matrix is singular: in the sample, `variable` is a linear
    /// combination of the variables before it (empty: it is 0 in every observation).
    case calibrationSingular(variable: String, combinationOf: [String])
    /// Calibration that gives `count` observations a weight of 0 or below, the smallest `smallest`.
    case calibratedWeightsNotPositive(count: Int, smallest: Double)
    /// Raking that stopped in `pass` because the weights of a group, adding up to `weighted` (0,
    /// or beyond the largest Double), cannot be scaled to its `population` count within the range
    /// of a Double; `after` is the margin scaled to just before, nil for the weights as given.
    case rakingWeightsOutOfRange(pass: Int, margin: String, group: String, weighted: Double, population: Double, after: String?)
    /// Post-stratification that cannot scale the weights of `postStratum`, adding up to `weighted`,
    /// to its `population` count within the range of a Double: their sum is beyond the largest
    /// Double, or so small that the count over it is, or a weight falls below the smallest Double.
    case postStratumWeightsOutOfRange(postStratum: String, weighted: Double, population: Double)
    /// Calibration whose weights, adding up to `weighted` (of every response for `variable`
    /// "population", of a margin's `code` otherwise), cannot be brought to `target` within the range
    /// of a Double: their sum is beyond the largest Double, or so small that the target over it is.
    case calibrationWeightsOutOfRange(variable: String, code: String?, weighted: Double, target: Double)
    /// Logit calibration without bounds, or bounds that are not finite with 0 ≤ lower < 1 < upper.
    case calibrationBoundsInvalid(method: String, lower: Double?, upper: Double?)
    /// Calibration (`method`, as ``CalibrationMethod/name``) that did not meet every target within
    /// `iterations` Newton steps: the target furthest from its weighted total (`variable`, and
    /// `code` for a margin's code), that total, and its gap |target − weighted| / (1 + |target|).
    case calibrationNotConverged(method: String, iterations: Int, variable: String, code: String?, weighted: Double, target: Double, gap: Double)

    public var description: String {
        switch self {
        case .lengthMismatch(let input, let expected, let actual):
            "\(input) has \(actual) entries but the values have \(expected); pass one entry per observation"
        case .notFinite(let input, let index, let value):
            "\(input)[\(index)] is \(value), not a number; leave missing answers out of the domain instead"
        case .negativeWeight(let index, let value):
            "weights[\(index)] is \(value); weights must be 0 or more"
        case .notZeroOrOne(let input, let index, let value):
            "\(input)[\(index)] is \(value); a proportion or count needs values 0 or 1"
        case .emptyDesign:
            "the design has no observations"
        case .emptyDomain:
            "no observation falls in the domain, so there is nothing to estimate"
        case .domainIndexOutOfRange(let index, let count):
            "domain index \(index) is outside 0..<\(count)"
        case .duplicateDomainIndex(let index):
            "domain index \(index) is listed twice; list each observation once"
        case .zeroWeightSum:
            "every observation in the domain has weight 0, so no weighted estimate exists"
        case .zeroDenominator:
            "the ratio's denominator sums to 0 over the domain"
        case .invalidLevel(let level):
            "confidence level \(level) is not between 0 and 1 (exclusive); use e.g. 0.95"
        case .fpcNotPositive(let index, let value):
            "fpc[\(index)] is \(value); give a population size (≥ 1) or a sampling fraction (between 0 and 1)"
        case .fpcMixedConventions(let sizeIndex, let fractionIndex):
            "fpc[\(sizeIndex)] is a population size but fpc[\(fractionIndex)] is a sampling fraction; use one convention for every observation"
        case .fpcAllOne:
            "every fpc is 1, which is neither a population size nor a sampling fraction below 1; give population sizes or fractions"
        case .fpcVariesWithinStratum(let stratum):
            "fpc differs between observations of stratum \(stratum); give the stratum's one population size on every row"
        case .fpcBelowSampleSize(let stratum, let populationSize, let sampleSize):
            "stratum \(stratum) has \(sampleSize) sampled units but a population of only \(populationSize); check the fpc"
        case .singlePSU(let stratum):
            "stratum \(stratum) has only one sampling unit, so its variance cannot be estimated; merge it with a similar stratum or choose a lonely-PSU rule"
        case .mismatchedKinds(let earlier, let later):
            "cannot compute a change from a \(earlier.rawValue) to a \(later.rawValue); both estimates must be of one kind"
        case .populationCountNotPositive(let postStratum, let value):
            "the population count of post-stratum \(postStratum) is \(value); give a number above 0"
        case .noPopulationCount(let postStratum, let index):
            "observation \(index) is in post-stratum \(postStratum), which has no population count; give its count or leave the observation out"
        case .emptyPostStratum(let postStratum):
            "post-stratum \(postStratum) has a population count but no observation with a weight above 0, so its weights cannot be scaled to it; merge it with a similar post-stratum"
        case .alreadyPostStratified:
            "the design is post-stratified or raked already; calibrate once, raking to every margin at the same time"
        case .noRakingMargins:
            "raking needs at least one margin"
        case .rakingMarginTotalsDiffer(let first, let firstTotal, let other, let otherTotal):
            "the population counts of margin \(first) add up to \(firstTotal.plain) but those of margin \(other) to \(otherTotal.plain); raking can meet both only when they describe one population of one size: correct the counts"
        case .rakingNotConverged(let passes, let margin, let group, let weighted, let population):
            "raking did not converge in \(passes) passes: the weights of \(margin) \(group) add up to \(weighted.plain), not its population count \(population.plain); the margins cannot all be met by this sample (a combination of groups they need has no or too few responses): merge groups or rake to fewer margins"
        case .calibrationSingular(let variable, let others):
            others.isEmpty
                ? "calibration variable \(variable) is 0 in every observation, so no weights can meet its total; leave it out"
                : "calibration variable \(variable) is, in this sample, a linear combination of \(others.joined(separator: ", ")), so its total cannot be met separately (the cross-product matrix is singular); leave it out or merge its groups"
        case .calibratedWeightsNotPositive(let count, let smallest):
            "calibration gives \(count) observation\(count == 1 ? "" : "s") a weight of 0 or below (the smallest \(((smallest * 100).rounded() / 100).plain)); the totals are too far from what the sample can reach with positive weights: check the totals, or calibrate to fewer variables"
        case .postStratumWeightsOutOfRange(let postStratum, let weighted, let population):
            "the weights of post-stratum \(postStratum) add up to \(weighted.sum), and scaling them to its population count \(population.plain) would take them beyond \(Self.doubleRange); check the population counts and the weights: counts and weights this far apart are not those of one population"
        case .calibrationWeightsOutOfRange(let variable, let code, let weighted, let target):
            (code.map { "the weights of \(variable) \($0) add up to \(weighted.sum), and calibrating them to its population count \(target.plain)" }
                ?? "the weights add up to \(weighted.sum), and calibrating them to the population's size \(target.plain)")
                + " would take them beyond \(Self.doubleRange); check the population counts and the weights: counts and weights this far apart are not those of one population"
        case .calibrationBoundsInvalid(let method, let lower, let upper):
            if let lower, let upper {
                "calibration bounds [\(lower.plain), \(upper.plain)] are not finite numbers with 0 ≤ lower < 1 < upper; give bounds such as [0.5, 2]"
            } else {
                "\(method) calibration needs bounds, 0 ≤ lower < 1 < upper, such as [0.5, 2]"
            }
        case .calibrationNotConverged(let method, let iterations, let variable, let code, let weighted, let target, let gap):
            "\(method) calibration did not converge in \(iterations) iterations: "
                + (gap.isNaN
                    ? "the weights became undefined (not a number), its steps having run beyond the range of 64-bit numbers"
                    : "the weighted total of \(code.map { "\(variable) \($0)" } ?? variable) is \(weighted.plain), not its target \(target.plain) (a gap of \(String(gap)) of 1 + the target; below 1e-7 is met)")
                + "; the bounds are too narrow for these targets, or the sample cannot reach them: widen the bounds, or calibrate to fewer variables"
        case .rakingWeightsOutOfRange(let pass, let margin, let group, let weighted, let population, let after):
            "raking stopped in pass \(pass): the weights of \(margin) \(group) add up to \(weighted.sum) \(after.map { "after scaling to \($0)" } ?? "as given"), and scaling them to its population count \(population.plain) would take them beyond \(Self.doubleRange); check the population counts and the weights: counts and weights this far apart are not those of one population"
        }
    }

    /// Where weights scaled out of range end up.
    private static let doubleRange = "the range of 64-bit floating-point numbers (about 4.9e-324 to 1.8e308), where they become 0 or infinite"
}

private extension Double {
    /// A whole number below 1e15 without a decimal point, a number from 0.005 to 1e15 to two
    /// decimals, others as Swift writes them (`1.7e+308`, `1e-323`).
    var plain: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int(self)) }
        if abs(self) >= 1e15 || abs(self) < 0.005 { return String(self) }
        return String((self * 100).rounded() / 100)
    }

    /// A sum of weights as ``plain`` writes it, or, beyond the largest Double, words for that.
    var sum: String { isFinite ? plain : "more than the largest 64-bit floating-point number (1.8e308)" }
}
