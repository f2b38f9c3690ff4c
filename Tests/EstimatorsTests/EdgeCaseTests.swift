import Estimators
import Testing

@Suite struct EdgeCaseTests {
    let unweighted = Estimator.unweighted

    @Test func emptyInputsAndDomainsAreRefused() throws {
        #expect(throws: EstimationError.emptyDomain) { try unweighted.mean([]) }
        #expect(throws: EstimationError.emptyDomain) { try unweighted.proportion([1, 0], in: .mask([false, false])) }
        #expect(throws: EstimationError.emptyDomain) { try unweighted.median([1, 2], in: .indices([])) }
        #expect(throws: EstimationError.emptyDesign) { try SampleDesign(weights: []) }
        let design = try SampleDesign(weights: [1, 2, 3])
        #expect(throws: EstimationError.emptyDomain) { try Estimator(design: design).total([1, 2, 3], in: .mask([false, false, false])) }
    }

    @Test func notANumberIsRefusedWithItsPosition() throws {
        #expect(throws: EstimationError.notFinite(input: "values", index: 1, value: .infinity)) {
            try unweighted.mean([1, .infinity, 3])
        }
        #expect {
            try unweighted.mean([1, 2, .nan])
        } throws: { error in
            guard case EstimationError.notFinite(let input, let index, let value) = error else { return false }
            return input == "values" && index == 2 && value.isNaN
        }
        #expect {
            try unweighted.ratio(numerator: [1, 2], denominator: [1, .nan])
        } throws: { error in
            guard case EstimationError.notFinite("denominator", 1, _) = error else { return false }
            return true
        }
        #expect {
            try SampleDesign(weights: [1, .nan])
        } throws: { error in
            guard case EstimationError.notFinite("weights", 1, _) = error else { return false }
            return true
        }
        let message = EstimationError.notFinite(input: "values", index: 4, value: .nan).description
        #expect(message.contains("values[4]") && message.contains("domain"))
    }

    @Test func proportionsAndCountsNeedZeroOrOne() {
        #expect(throws: EstimationError.notZeroOrOne(input: "values", index: 2, value: 2)) {
            try unweighted.proportion([0, 1, 2])
        }
        #expect(throws: EstimationError.notZeroOrOne(input: "values", index: 0, value: 0.5)) {
            try unweighted.count([0.5])
        }
    }

    @Test func lengthsAndDomainsMustFit() throws {
        let design = try SampleDesign(weights: [1, 1, 1])
        #expect(throws: EstimationError.lengthMismatch(input: "values", expected: 3, actual: 2)) {
            try Estimator(design: design).mean([1, 2])
        }
        #expect(throws: EstimationError.lengthMismatch(input: "denominator", expected: 3, actual: 2)) {
            try unweighted.ratio(numerator: [1, 2, 3], denominator: [1, 2])
        }
        #expect(throws: EstimationError.lengthMismatch(input: "domain mask", expected: 3, actual: 1)) {
            try unweighted.mean([1, 2, 3], in: .mask([true]))
        }
        #expect(throws: EstimationError.domainIndexOutOfRange(index: 3, count: 3)) {
            try unweighted.mean([1, 2, 3], in: .indices([0, 3]))
        }
        #expect(throws: EstimationError.duplicateDomainIndex(1)) {
            try unweighted.mean([1, 2, 3], in: .indices([1, 1]))
        }
        #expect(throws: EstimationError.lengthMismatch(input: "strata", expected: 2, actual: 1)) {
            try SampleDesign(weights: [1, 1], strata: ["a"])
        }
        #expect(throws: EstimationError.invalidLevel(1)) { try unweighted.mean([1, 2], level: 1) }
        #expect(throws: EstimationError.invalidLevel(0)) { try Change.between(try unweighted.mean([1, 2]), try unweighted.mean([1, 3]), level: 0) }
    }

    @Test func weightsAndFPCAreChecked() {
        #expect(throws: EstimationError.negativeWeight(index: 1, value: -2)) { try SampleDesign(weights: [1, -2]) }
        #expect(throws: EstimationError.fpcNotPositive(index: 0, value: 0)) {
            try SampleDesign(weights: [1, 1], fpc: [0, 0])
        }
        #expect(throws: EstimationError.fpcMixedConventions(populationSizeIndex: 1, fractionIndex: 0)) {
            try SampleDesign(weights: [1, 1], strata: ["a", "b"], fpc: [0.5, 10])
        }
        #expect(throws: EstimationError.fpcAllOne) { try SampleDesign(weights: [1, 1], fpc: [1, 1]) }
        #expect(throws: EstimationError.fpcVariesWithinStratum(stratum: "a")) {
            try SampleDesign(weights: [1, 1, 1], strata: ["a", "a", "b"], fpc: [10, 11, 10])
        }
        #expect(throws: EstimationError.fpcBelowSampleSize(stratum: "a", populationSize: 2, sampleSize: 3)) {
            try SampleDesign(weights: [1, 1, 1], strata: ["a", "a", "a"], fpc: [2, 2, 2])
        }
    }

    @Test func zeroWeights() throws {
        let design = try SampleDesign(weights: [0, 2, 0, 4, 1])
        let estimator = Estimator(design: design)
        let mean = try estimator.mean([100, 1, 100, 4, 2])
        #expect(mean.value == (2 + 16 + 2) / 7.0)
        #expect(mean.sampleSize == 5)
        #expect(mean.sumOfWeights == 7)
        #expect(throws: EstimationError.zeroWeightSum) { try estimator.mean([1, 2, 3, 4, 5], in: .indices([0, 2])) }
        #expect(throws: EstimationError.zeroWeightSum) { try estimator.median([1, 2, 3, 4, 5], in: .indices([0, 2])) }
        // Weighted distribution without the zero weights: F(1) = 2/7, F(2) = 3/7, F(4) = 1.
        let median = try estimator.median([100, 1, 100, 4, 2])
        #expect(median.value == 4)
    }

    @Test func ratioWithZeroDenominator() throws {
        #expect(throws: EstimationError.zeroDenominator) { try unweighted.ratio(numerator: [1, 2], denominator: [0, 0]) }
        let design = try SampleDesign(weights: [1, 1, 1])
        #expect(throws: EstimationError.zeroDenominator) {
            try Estimator(design: design).ratio(numerator: [1, 2, 3], denominator: [0, 1, 0], in: .indices([0, 2]))
        }
    }

    @Test func weightedProportionsAtZeroAndOne() throws {
        let design = try SampleDesign(weights: [1, 2, 3, 4], strata: ["a", "a", "b", "b"])
        let none = try Estimator(design: design).proportion([0, 0, 0, 0])
        #expect(none.value == 0)
        #expect(none.standardError == 0)
        #expect(none.interval == nil)
        #expect(none.note == .proportionAtBoundary)
        let noDegrees = try Estimator(design: design).proportion([0, 1, 0, 0], in: .indices([1, 3]))
        #expect(noDegrees.degreesOfFreedom == 0)
        #expect(noDegrees.note == .noDegreesOfFreedom)
    }

    @Test func lonelyUnitsFailWithTheStratumName() throws {
        let design = try SampleDesign(weights: [1, 1, 1], strata: ["north", "north", "south"])
        #expect(throws: EstimationError.singlePSU(stratum: "south")) { try Estimator(design: design).mean([1, 2, 3]) }
        // A domain without members in the lonely stratum is fine, as in R.
        let north = try Estimator(design: design).mean([1, 2, 3], in: .indices([0, 1]))
        #expect(north.value == 1.5)
        #expect(EstimationError.singlePSU(stratum: "south").description.contains("south"))
        let single = try SampleDesign(weights: [5])
        #expect(throws: EstimationError.singlePSU(stratum: "(whole sample)")) { try Estimator(design: single).total([2]) }
    }

    /// A domain's variance uses the whole design: a design built from the domain's rows alone
    /// (wrongly) treats the domain size as fixed and gives a different standard error.
    @Test func domainVarianceUsesTheFullDesign() throws {
        let values = [3.0, 5, 8, 1, 9, 4, 7, 2]
        let inDomain = [true, false, true, true, false, true, false, true]
        let weights = [2.0, 3, 1, 2, 2, 3, 1, 2]
        let full = try Estimator(design: SampleDesign(weights: weights)).total(values, in: .mask(inDomain))
        let rows = inDomain.indices.filter { inDomain[$0] }
        let subset = try Estimator(design: SampleDesign(weights: rows.map { weights[$0] })).total(rows.map { values[$0] })
        #expect(full.value == subset.value)
        let fullError = try #require(full.standardError)
        let subsetError = try #require(subset.standardError)
        #expect(fullError > subsetError)
        // By hand: z = w·y in the domain, 0 outside; n/(n − 1) Σ (z − z̄)².
        let z = values.indices.map { inDomain[$0] ? weights[$0] * values[$0] : 0 }
        let mean = z.reduce(0, +) / 8
        let byHand = (8.0 / 7 * z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }).squareRoot()
        expectClose(fullError, byHand, relative: 1e-14, "domain total SE")
    }

    @Test func intervalMethodsDescribeThemselves() {
        for method in IntervalMethod.allCases { #expect(method.description.count > 20) }
        for note in IntervalNote.allCases { #expect(!note.description.isEmpty) }
        #expect(IntervalMethod.taylorLogit.rawValue == "xlogit")
    }
}
