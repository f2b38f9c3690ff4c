/// A sampling design: weights, and optionally strata, clusters (primary sampling units) and a
/// finite-population correction — the one-stage designs of R's
/// `svydesign(id = ~cluster or ~1, strata = ~stratum, weights = ~w, fpc = ~fpc)`.
///
/// Clusters are taken as nested in strata (R's `nest = TRUE`): a cluster id names a unit within
/// its stratum. Without clusters every observation is its own sampling unit.
public struct SampleDesign: Sendable {
    /// One weight per observation (0 allowed: the observation counts as sampled but carries no weight);
    /// post-stratified, raked or calibrated when the design is.
    public internal(set) var weights: [Double]
    public let lonelyPSURule: LonelyPSURule
    /// What design effects compare with: sampling without replacement when the design has an fpc
    /// (R's `deff = TRUE`), with replacement when it has none (R's `deff = "replace"`), so that each
    /// compares like with like and a simple random sample has a design effect of exactly 1.
    public var designEffectReference: SimpleRandomReference

    /// Stratum names, in order of first appearance.
    let stratumNames: [String]
    let stratumOfObservation: [Int]
    let unitOfObservation: [Int]
    /// The sampling units of each stratum.
    let unitsOfStratum: [[Int]]
    /// 1 − n_h/N_h, or 1 without a finite-population correction.
    let unsampledFraction: [Double]
    /// Set when the weights were post-stratified (``postStratified(by:populationCounts:)``),
    /// raked (``raked(to:control:)``) or calibrated (``calibrated(to:method:)``) to population figures.
    var calibration: Calibration?

    public var count: Int { weights.count }

    /// - Parameters:
    ///   - strata: a stratum id per observation; nil for an unstratified design.
    ///   - clusters: a primary-sampling-unit id per observation; nil when observations were sampled one by one.
    ///   - fpc: per observation, its stratum's population size (all values ≥ 1) or sampling fraction
    ///     (all values ≤ 1), as R reads `fpc`: in units of clusters when there are clusters.
    public init(
        weights: [Double], strata: [String]? = nil, clusters: [String]? = nil, fpc: [Double]? = nil,
        lonelyPSURule: LonelyPSURule = .fail
    ) throws(EstimationError) {
        let count = weights.count
        guard count > 0 else { throw .emptyDesign }
        for (index, weight) in weights.enumerated() {
            guard weight.isFinite else { throw .notFinite(input: "weights", index: index, value: weight) }
            guard weight >= 0 else { throw .negativeWeight(index: index, value: weight) }
        }
        if let strata, strata.count != count {
            throw .lengthMismatch(input: "strata", expected: count, actual: strata.count)
        }
        if let clusters, clusters.count != count {
            throw .lengthMismatch(input: "clusters", expected: count, actual: clusters.count)
        }
        if let fpc, fpc.count != count {
            throw .lengthMismatch(input: "fpc", expected: count, actual: fpc.count)
        }

        var names: [String] = []
        var stratumIndex: [String: Int] = [:]
        var stratumOfObservation = [Int](repeating: 0, count: count)
        if let strata {
            for (row, name) in strata.enumerated() {
                if let index = stratumIndex[name] {
                    stratumOfObservation[row] = index
                } else {
                    stratumIndex[name] = names.count
                    stratumOfObservation[row] = names.count
                    names.append(name)
                }
            }
        } else {
            names = ["(whole sample)"]
        }

        var unitsOfStratum = [[Int]](repeating: [], count: names.count)
        var unitOfObservation = [Int](repeating: 0, count: count)
        if let clusters {
            var unitIndex: [UnitKey: Int] = [:]
            for row in 0..<count {
                let key = UnitKey(stratum: stratumOfObservation[row], cluster: clusters[row])
                if let unit = unitIndex[key] {
                    unitOfObservation[row] = unit
                } else {
                    unitIndex[key] = unitIndex.count
                    unitOfObservation[row] = unitIndex.count - 1
                    unitsOfStratum[key.stratum].append(unitIndex.count - 1)
                }
            }
        } else {
            for row in 0..<count {
                unitOfObservation[row] = row
                unitsOfStratum[stratumOfObservation[row]].append(row)
            }
        }

        self.weights = weights
        self.lonelyPSURule = lonelyPSURule
        self.designEffectReference = fpc == nil ? .withReplacement : .withoutReplacement
        self.stratumNames = names
        self.stratumOfObservation = stratumOfObservation
        self.unitOfObservation = unitOfObservation
        self.unitsOfStratum = unitsOfStratum
        self.unsampledFraction = try fpc.map { values throws(EstimationError) in
            try Self.unsampledFractions(
                fpc: values, stratumOfObservation: stratumOfObservation, names: names,
                sampledUnits: unitsOfStratum.map(\.count))
        } ?? Array(repeating: 1, count: names.count)
    }

    private struct UnitKey: Hashable {
        let stratum: Int
        let cluster: String
    }

    /// 1 − n_h/N_h per stratum, from R's `fpc` conventions.
    private static func unsampledFractions(
        fpc: [Double], stratumOfObservation: [Int], names: [String], sampledUnits: [Int]
    ) throws(EstimationError) -> [Double] {
        var firstSize: Int?
        var firstFraction: Int?
        for (index, value) in fpc.enumerated() {
            guard value.isFinite else { throw .notFinite(input: "fpc", index: index, value: value) }
            guard value > 0 else { throw .fpcNotPositive(index: index, value: value) }
            if value > 1, firstSize == nil { firstSize = index }
            if value < 1, firstFraction == nil { firstFraction = index }
        }
        if let firstSize, let firstFraction {
            throw .fpcMixedConventions(populationSizeIndex: firstSize, fractionIndex: firstFraction)
        }
        if firstSize == nil, firstFraction == nil { throw .fpcAllOne }
        let givesPopulationSize = firstSize != nil

        var perStratum = [Double?](repeating: nil, count: names.count)
        for (row, value) in fpc.enumerated() {
            let stratum = stratumOfObservation[row]
            if let seen = perStratum[stratum], seen != value {
                throw .fpcVariesWithinStratum(stratum: names[stratum])
            }
            perStratum[stratum] = value
        }
        var fractions: [Double] = []
        for (stratum, value) in perStratum.enumerated() {
            let sampled = Double(sampledUnits[stratum])
            let population = givesPopulationSize ? value! : sampled / value!
            guard population >= sampled else {
                throw .fpcBelowSampleSize(stratum: names[stratum], populationSize: population, sampleSize: sampledUnits[stratum])
            }
            fractions.append((population - sampled) / population)
        }
        return fractions
    }
}
