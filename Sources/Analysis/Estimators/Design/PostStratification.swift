/// The post-strata of a post-stratified design, and the weights before post-stratification,
/// as R's `postStratify` keeps them for `svyrecvar`.
struct PostStrata: Sendable {
    /// The post-stratum of each observation, an index into `names`.
    let groupOfObservation: [Int]
    let names: [String]
    let baseWeights: [Double]
}

/// How a design's weights were calibrated to population counts or totals, kept for the variance.
enum Calibration: Sendable {
    case postStratified(PostStrata)
    case raked([RakedMargin])
    case regression(CalibrationRegression)
}

extension SampleDesign {
    /// This design with its weights post-stratified to known population counts, as R's
    /// `postStratify(design, ~group, population)`: in each post-stratum g, every weight is
    /// multiplied by N_g / (the sum of the weights in g), so the weights of g add up to N_g.
    ///
    /// Variances then residualise each observation's influence value within its post-stratum
    /// before the strata and cluster sums (R's `svyrecvar`), and a domain keeps every observation
    /// of the design, as R's subsets of a calibrated design do.
    /// - Parameters:
    ///   - groups: the post-stratum of each observation.
    ///   - populationCounts: N_g by post-stratum; each must be a positive number, and each
    ///     post-stratum named here must have an observation with a weight above 0.
    /// - Throws: besides the refusals of the inputs, ``EstimationError/postStratumWeightsOutOfRange(postStratum:weighted:population:)``
    ///   where a post-stratum's weights cannot be scaled to N_g within the range of a Double (R's
    ///   weights become 0, infinite or not a number there, and its estimates with them).
    public func postStratified(by groups: [String], populationCounts: [String: Double]) throws(EstimationError) -> SampleDesign {
        guard calibration == nil else { throw .alreadyPostStratified }
        let (groupOfObservation, names) = try indexedGroups(groups, populationCounts, input: "post-strata")
        var design = self
        design.weights = try Self.postStratify(weights, (groupOfObservation, names), populationCounts)
        design.calibration = .postStratified(PostStrata(groupOfObservation: groupOfObservation, names: names, baseWeights: weights))
        return design
    }

    /// The influence values minus, per post-stratum, the base-weighted mean of z/w times each
    /// post-stratified weight, as R's `svyrecvar` does for a post-stratified design. An
    /// observation whose base and post-stratified weights are both 0 counts with weight 1 there, as in R.
    func residualisedWithinPostStrata(_ z: [Double], _ postStrata: PostStrata) -> [Double] {
        let groups = postStrata.groupOfObservation
        var sums = [Double](repeating: 0, count: postStrata.names.count)
        var baseSums = [Double](repeating: 0, count: postStrata.names.count)
        var adjusted = weights
        for row in 0..<count {
            let base = postStrata.baseWeights[row]
            if adjusted[row] == 0, base == 0 { adjusted[row] = 1 }
            sums[groups[row]] += z[row] * base / adjusted[row]
            baseSums[groups[row]] += base
        }
        return (0..<count).map { row in z[row] - sums[groups[row]] / baseSums[groups[row]] * adjusted[row] }
    }
}
