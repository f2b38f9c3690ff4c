import Estimators
import Testing

/// Post-stratification's weights and refusals; its estimates and standard errors are checked
/// against R's `postStratify` in `GoldenEstimateTests` (designs ending in `_ps`).
@Suite struct PostStratificationTests {
    @Test func weightsAddUpToEachPopulationCount() throws {
        let base = try SampleDesign(weights: [1, 1, 1, 2, 0])
        let design = try base.postStratified(by: ["a", "a", "b", "b", "b"], populationCounts: ["a": 10, "b": 30])
        // a: 10 / 2 per unit of base weight; b: 30 / 3.
        #expect(design.weights == [5, 5, 10, 20, 0])
        #expect(try Estimator(design: design).count([1, 1, 1, 1, 1]).value == 40)
        // Without weights of 0 (which R's svyrecvar counts with weight 1 in its residuals), a count
        // of the whole design is the population's size, with no sampling error left.
        let positive = try SampleDesign(weights: [1, 1, 1, 2]).postStratified(by: ["a", "a", "b", "b"], populationCounts: ["a": 10, "b": 30])
        let count = try Estimator(design: positive).count([1, 1, 1, 1])
        #expect(count.value == 40)
        #expect(abs(count.standardError!) < 1e-12)
    }

    @Test func shareIsTheMeanOfThePostStratumSharesWeightedByPopulation() throws {
        // Σ_g N_g p_g / N: a has p = 1/2 and N = 100, b has p = 1/3 and N = 300.
        let design = try SampleDesign(weights: [1, 1, 1, 1, 1])
            .postStratified(by: ["a", "a", "b", "b", "b"], populationCounts: ["a": 100, "b": 300])
        let share = try Estimator(design: design).proportion([1, 0, 1, 0, 0])
        #expect(abs(share.value - (100 * 0.5 + 300.0 / 3) / 400) < 1e-15)
    }

    @Test func refusesCountsAndPostStrataThatDoNotFit() throws {
        let base = try SampleDesign(weights: [1, 1, 0])
        #expect(throws: EstimationError.populationCountNotPositive(postStratum: "b", value: 0)) {
            try base.postStratified(by: ["a", "a", "b"], populationCounts: ["a": 5, "b": 0])
        }
        #expect(throws: EstimationError.noPopulationCount(postStratum: "c", index: 2)) {
            try base.postStratified(by: ["a", "a", "c"], populationCounts: ["a": 5])
        }
        // b's only observation has weight 0, as in R ("Some strata absent from sample").
        #expect(throws: EstimationError.emptyPostStratum("b")) {
            try base.postStratified(by: ["a", "a", "b"], populationCounts: ["a": 5, "b": 3])
        }
        #expect(throws: EstimationError.emptyPostStratum("z")) {
            try base.postStratified(by: ["a", "a", "a"], populationCounts: ["a": 5, "z": 3])
        }
        #expect(throws: EstimationError.lengthMismatch(input: "post-strata", expected: 3, actual: 2)) {
            try base.postStratified(by: ["a", "a"], populationCounts: ["a": 5])
        }
        let once = try base.postStratified(by: ["a", "a", "a"], populationCounts: ["a": 5])
        #expect(throws: EstimationError.alreadyPostStratified) {
            try once.postStratified(by: ["a", "a", "a"], populationCounts: ["a": 5])
        }
        #expect(EstimationError.emptyPostStratum("b").description.contains("merge it"))
    }

    /// Weights that cannot be scaled to their post-stratum's count within the range of a Double,
    /// where the post-stratified weights would be 0, infinite or not a number, and the estimates
    /// from them not a number, are refused with the post-stratum, its weights' sum and its count.
    @Test func refusesWeightsThatCannotBeScaledWithinTheRangeOfADouble() throws {
        let groups = ["a", "a", "a", "b", "b", "b"]
        let counts: [String: Double] = ["a": 100, "b": 200]
        func postStratified(_ weights: [Double]) throws -> SampleDesign {
            try SampleDesign(weights: weights).postStratified(by: groups, populationCounts: counts)
        }
        // a's weights add up beyond the largest Double: scaled by 100 / ∞, each would be 0.
        #expect(throws: EstimationError.postStratumWeightsOutOfRange(postStratum: "a", weighted: .infinity, population: 100)) {
            try postStratified([1e308, 1e308, 1, 1, 1, 1])
        }
        // b's weights add up to 1.5e-323: the factor 200 / 1.5e-323 is beyond the largest Double.
        #expect(throws: EstimationError.postStratumWeightsOutOfRange(postStratum: "b", weighted: 3 * Double.leastNonzeroMagnitude, population: 200)) {
            try postStratified([1, 1, 1, Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude])
        }
        // a's weights add up to 1e300: scaled by 1e-298, the weight of 1e-300 falls below the smallest Double, to 0.
        #expect(throws: EstimationError.postStratumWeightsOutOfRange(postStratum: "a", weighted: 1e300, population: 100)) {
            try postStratified([1e300, 1e-300, 1, 1, 1, 1])
        }
        // Weights of 1e300 that add up within range are scaled to the counts as any others.
        let huge = try postStratified([1e300, 1e300, 1e300, 1, 1, 1])
        for (weight, expected) in zip(huge.weights, [100.0 / 3, 100.0 / 3, 100.0 / 3, 200.0 / 3, 200.0 / 3, 200.0 / 3]) {
            expectClose(weight, expected, relative: 1e-15, "weight")
        }
        #expect(try Estimator(design: huge).mean([1, 2, 3, 4, 5, 6]).standardError?.isFinite == true)
        let message = EstimationError.postStratumWeightsOutOfRange(postStratum: "a", weighted: .infinity, population: 100).description
        #expect(message == "the weights of post-stratum a add up to more than the largest 64-bit floating-point number (1.8e308), and scaling them to its population count 100 would take them beyond the range of 64-bit floating-point numbers (about 4.9e-324 to 1.8e308), where they become 0 or infinite; check the population counts and the weights: counts and weights this far apart are not those of one population")
    }
}
