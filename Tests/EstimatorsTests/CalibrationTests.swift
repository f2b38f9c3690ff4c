import Estimators
import Testing

/// Calibration's weights and refusals; its estimates, standard errors and design effects are
/// checked against R's `calibrate` in `GoldenEstimateTests` and `DesignEffectTests` (designs with
/// `_cal`; raking, logit and bounded linear calibration in `calibrated-methods.csv`).
@Suite struct CalibrationTests {
    @Test(arguments: ["srs_cal", "srs_cal_unweighted", "srs_cal_total", "strat_cal", "clus1_cal"])
    func weightsAreRsCalibratedWeights(_ name: String) throws {
        let expected = GoldenTable("calibrated-weights.csv").rows.filter { $0["design"] == name }.map { $0.number("weight")! }
        let weights = try GoldenDesigns.calibrated(name).weights
        #expect(weights.count == expected.count && !expected.isEmpty)
        for (actual, wanted) in zip(weights, expected) {
            expectClose(actual, wanted, relative: 1e-12, "\(name) weight")
        }
    }

    /// The weighted sample meets every target: the population, each code's count, each total.
    @Test func weightsMeetEveryTarget() throws {
        let data = GoldenDesigns.apistrat
        let weights = try GoldenDesigns.calibrated("strat_cal").weights
        let sum = { (values: [Double]) in zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } }
        expectClose(weights.reduce(0, +), 6194, relative: 1e-12, "population")
        expectClose(sum(data.numbers("sch_wide")), 5122, relative: 1e-12, "sch_wide 1")
        expectClose(sum(data.numbers("api99")), 3_914_069, relative: 1e-12, "api99")
        expectClose(sum(data.numbers("enroll")), 3_811_472, relative: 1e-12, "enroll")
    }

    /// Calibrated to one margin only, linear calibration is post-stratification (R's ?calibrate says so).
    @Test func oneMarginIsPostStratification() throws {
        let data = GoldenDesigns.apisrs
        let counts = GoldenDesigns.populationCounts("stype")
        let base = try GoldenDesigns.design("srs")
        let calibrated = try base.calibrated(to: CalibrationTargets(
            populationSize: 6194, margins: [RakingMargin(name: "stype", groups: data.column("stype"), populationCounts: counts)]))
        let postStratified = try base.postStratified(by: data.column("stype"), populationCounts: counts)
        for (a, b) in zip(calibrated.weights, postStratified.weights) { expectClose(a, b, relative: 1e-12, "weight") }
        let values = data.numbers("api00")
        let (fromCalibration, fromPostStrata) = (try Estimator(design: calibrated).mean(values), try Estimator(design: postStratified).mean(values))
        expectClose(fromCalibration.standardError, fromPostStrata.standardError, relative: 1e-10, "SE of mean api00")
    }

    /// `make-golden.R`'s case: R gives weights −4 and −1.5 and keeps them.
    @Test func refusesWeightsOfZeroOrBelow() throws {
        let design = try SampleDesign(weights: [1, 1, 1, 1, 1])
        let x = CalibrationTotal(name: "x", values: [1, 2, 3, 4, 5], populationTotal: 40)
        #expect {
            try design.calibrated(to: CalibrationTargets(populationSize: 5, totals: [x]))
        } throws: { error in
            guard case EstimationError.calibratedWeightsNotPositive(let count, let smallest) = error else { return false }
            return count == 2 && abs(smallest + 4) < 1e-12
        }
        #expect(EstimationError.calibratedWeightsNotPositive(count: 2, smallest: -4).description.contains("2 observations a weight of 0 or below (the smallest -4)"))
        // A total the sample can reach with positive weights is met.
        let met = try design.calibrated(to: CalibrationTargets(populationSize: 5, totals: [CalibrationTotal(name: "x", values: x.values, populationTotal: 16)]))
        #expect(met.weights.allSatisfy { $0 > 0 })
    }

    @Test func refusesASingularCrossProduct() throws {
        let design = try SampleDesign(weights: [2, 2, 2, 2])
        let constant = CalibrationTotal(name: "fte", values: [3, 3, 3, 3], populationTotal: 100)
        #expect(throws: EstimationError.calibrationSingular(variable: "fte", combinationOf: ["population"])) {
            try design.calibrated(to: CalibrationTargets(populationSize: 30, totals: [constant]))
        }
        let zero = CalibrationTotal(name: "turnover", values: [0, 0, 0, 0], populationTotal: 100)
        #expect(throws: EstimationError.calibrationSingular(variable: "turnover", combinationOf: [])) {
            try design.calibrated(to: CalibrationTargets(populationSize: 30, totals: [zero]))
        }
        // Two margins that split the sample the same way: legal_form's b is region's S.
        let region = RakingMargin(name: "region", groups: ["N", "N", "S", "S"], populationCounts: ["N": 10, "S": 20])
        let legalForm = RakingMargin(name: "legal_form", groups: ["a", "a", "b", "b"], populationCounts: ["a": 12, "b": 18])
        #expect(throws: EstimationError.calibrationSingular(variable: "legal_form", combinationOf: ["region"])) {
            try design.calibrated(to: CalibrationTargets(populationSize: 30, margins: [region, legalForm]))
        }
        let employees = CalibrationTotal(name: "employees", values: [1, 2, 3, 4], populationTotal: 70)
        let twice = CalibrationTotal(name: "fte", values: [2, 4, 6, 8], populationTotal: 140)
        #expect(throws: EstimationError.calibrationSingular(variable: "fte", combinationOf: ["employees"])) {
            try design.calibrated(to: CalibrationTargets(populationSize: 30, totals: [employees, twice]))
        }
    }

    @Test func refusesTargetsThatDoNotDescribeOnePopulation() throws {
        let design = try SampleDesign(weights: [1, 1, 1, 1])
        let region = RakingMargin(name: "region", groups: ["N", "N", "S", "S"], populationCounts: ["N": 10, "S": 20])
        #expect(throws: EstimationError.rakingMarginTotalsDiffer("population", 40, "region", 30)) {
            try design.calibrated(to: CalibrationTargets(populationSize: 40, margins: [region]))
        }
        let empty = RakingMargin(name: "region", groups: ["N", "N", "N", "N"], populationCounts: ["N": 10, "S": 20])
        #expect(throws: EstimationError.emptyPostStratum("S")) {
            try design.calibrated(to: CalibrationTargets(populationSize: 30, margins: [empty]))
        }
        #expect(throws: EstimationError.alreadyPostStratified) {
            try design.calibrated(to: CalibrationTargets(populationSize: 30, margins: [region])).calibrated(to: CalibrationTargets(populationSize: 30))
        }
    }

    static let methodDesigns = GoldenTable("calibration-methods.csv").rows.map { $0["design"]! }

    /// Raking, logit and bounded linear calibration reach R's weights (`grake`), and the bounded
    /// ones keep every ratio to the base weight within the bounds.
    @Test(arguments: methodDesigns)
    func otherMethodsReachRsWeights(_ name: String) throws {
        let expected = GoldenTable("calibrated-methods-weights.csv").rows.filter { $0["design"] == name }.map { $0.number("weight")! }
        let weights = try GoldenDesigns.calibrated(name).weights
        #expect(weights.count == expected.count && !expected.isEmpty)
        for (actual, wanted) in zip(weights, expected) {
            expectClose(actual, wanted, relative: 1e-12, "\(name) weight")
        }
        let row = try #require(GoldenTable("calibration-methods.csv").rows.first { $0["design"] == name })
        if let lower = row.number("lower"), let upper = row.number("upper") {
            let base = try GoldenDesigns.design(String(name.prefix { $0 != "_" })).weights
            let ratios = zip(weights, base).map { $0 / $1 }
            #expect(ratios.allSatisfy { $0 >= lower * (1 - 1e-12) && $0 <= upper * (1 + 1e-12) }, "\(name) within its bounds")
        }
    }

    @Test func goldenMethodsCoverEveryDistanceAndBindingBounds() throws {
        let rows = GoldenTable("calibration-methods.csv").rows
        #expect(Set(rows.map { $0["method"]! }) == Set(CalibrationDistance.allCases.map(\.rawValue)))
        // Bounded linear calibration whose weights sit on both bounds: the bounds bind.
        let bounded = try GoldenDesigns.calibrated("clus1_cal_bounded").weights
        let ratios = zip(bounded, try GoldenDesigns.design("clus1").weights).map { $0 / $1 }
        expectClose(ratios.min(), 0.6, relative: 1e-12, "smallest ratio")
        expectClose(ratios.max(), 1.6, relative: 1e-12, "largest ratio")
        // Unbounded, the same targets move some weights further: to 0.42 and 1.83 of their base.
        let linear = try GoldenDesigns.calibrated("clus1_cal").weights
        let unbounded = zip(linear, try GoldenDesigns.design("clus1").weights).map { $0 / $1 }
        #expect(unbounded.min()! < 0.5 && unbounded.max()! > 1.8)
    }

    /// `make-golden.R`'s case: linear calibration to a total of 21 gives x = 1 a weight of −0.2,
    /// refused; raking meets the same targets with weights above 0.
    @Test func rakingMeetsWhatLinearCalibrationGivesNegativeWeightsFor() throws {
        let design = try SampleDesign(weights: [1, 1, 1, 1, 1])
        let targets = CalibrationTargets(populationSize: 5, totals: [CalibrationTotal(name: "x", values: [1, 2, 3, 4, 5], populationTotal: 21)])
        #expect {
            try design.calibrated(to: targets)
        } throws: { error in
            guard case EstimationError.calibratedWeightsNotPositive(let count, let smallest) = error else { return false }
            return count == 1 && abs(smallest + 0.2) < 1e-12
        }
        let raked = try design.calibrated(to: targets, method: CalibrationMethod(distance: .raking))
        #expect(raked.weights.allSatisfy { $0 > 0 })
        expectClose(raked.weights.reduce(0, +), 5, relative: 1e-9, "population")
        expectClose(zip(raked.weights, [1.0, 2, 3, 4, 5]).reduce(0) { $0 + $1.0 * $1.1 }, 21, relative: 1e-9, "total of x")
    }

    /// apiclus1 to clus1_cal's targets within [0.8, 1.2]: R's grake warns "Failed to converge: eps=0.354
    /// in 51 iterations" (its count includes the check after the 50th step) and calibrate stops.
    @Test func refusesACalibrationThatDoesNotConverge() throws {
        let clus1 = try GoldenDesigns.design("clus1")
        let data = GoldenDesigns.apiclus1
        let targets = CalibrationTargets(
            populationSize: 6194,
            margins: [RakingMargin(name: "stype", groups: data.column("stype"), populationCounts: GoldenDesigns.populationCounts("stype"))],
            totals: [CalibrationTotal(name: "api99", values: data.numbers("api99"), populationTotal: 3_914_069)])
        let method = CalibrationMethod(distance: .linear, bounds: CalibrationBounds(lower: 0.8, upper: 1.2))
        #expect {
            try clus1.calibrated(to: targets, method: method)
        } throws: { error in
            guard case EstimationError.calibrationNotConverged(let name, let iterations, _, _, _, _, let gap) = error else { return false }
            return name == "linear within [0.8, 1.2]" && iterations == 50 && abs(gap - 0.353972557108238) < 1e-6
        }
    }

    /// Weights that cannot be brought to the population's size, or a margin's code's to its count,
    /// within the range of a Double are refused by every method before calibrating. Without the
    /// check, weights adding up beyond the largest Double were refused as if the population's
    /// column were 0, tiny weights gave linear calibration weights that are not a number (and
    /// estimates from them) and the other methods a failed convergence, and a code's tiny weights
    /// a singular cross-product.
    @Test(arguments: [
        CalibrationMethod.linear, CalibrationMethod(distance: .raking),
        CalibrationMethod(distance: .logit, bounds: CalibrationBounds(lower: 0, upper: 1e10)),
        CalibrationMethod(distance: .linear, bounds: CalibrationBounds(lower: 0, upper: 1e10)),
    ])
    func refusesWeightsOutOfTheRangeOfADouble(_ method: CalibrationMethod) throws {
        let region = RakingMargin(name: "region", groups: ["N", "N", "N", "S", "S", "S"], populationCounts: ["N": 100, "S": 200])
        let staff = CalibrationTotal(name: "staff", values: [1, 2, 3, 4, 5, 6], populationTotal: 1000)
        let targets = CalibrationTargets(populationSize: 300, margins: [region], totals: [staff])
        func calibrated(_ weights: [Double]) throws -> SampleDesign {
            try SampleDesign(weights: weights).calibrated(to: targets, method: method)
        }
        #expect(throws: EstimationError.calibrationWeightsOutOfRange(variable: "population", code: nil, weighted: .infinity, target: 300)) {
            try calibrated([1e308, 1e308, 1, 1, 1, 1])
        }
        #expect(throws: EstimationError.calibrationWeightsOutOfRange(variable: "population", code: nil, weighted: 6 * Double.leastNonzeroMagnitude, target: 300)) {
            try calibrated(Array(repeating: Double.leastNonzeroMagnitude, count: 6))
        }
        #expect(throws: EstimationError.calibrationWeightsOutOfRange(variable: "region", code: "S", weighted: 3 * Double.leastNonzeroMagnitude, target: 200)) {
            try calibrated([1, 1, 1, Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude])
        }
        #expect(throws: EstimationError.calibrationWeightsOutOfRange(variable: "population", code: nil, weighted: .infinity, target: 300)) {
            try SampleDesign(weights: [1e308, 1e308, 1, 1, 1, 1]).calibrated(to: CalibrationTargets(populationSize: 300), method: method)
        }
    }

    @Test func weightsOutOfRangeAreDescribedInFiniteFigures() {
        #expect(EstimationError.calibrationWeightsOutOfRange(variable: "population", code: nil, weighted: .infinity, target: 300).description
            == "the weights add up to more than the largest 64-bit floating-point number (1.8e308), and calibrating them to the population's size 300 would take them beyond the range of 64-bit floating-point numbers (about 4.9e-324 to 1.8e308), where they become 0 or infinite; check the population counts and the weights: counts and weights this far apart are not those of one population")
        #expect(EstimationError.calibrationWeightsOutOfRange(variable: "region", code: "S", weighted: 3 * Double.leastNonzeroMagnitude, target: 200).description
            .hasPrefix("the weights of region S add up to 1.5e-323, and calibrating them to its population count 200 would take them beyond"))
    }

    @Test func refusesLogitWithoutBoundsAndBoundsOutsideTheirRange() throws {
        let design = try SampleDesign(weights: [1, 1, 1, 1])
        let targets = CalibrationTargets(populationSize: 8)
        #expect(throws: EstimationError.calibrationBoundsInvalid(method: "logit", lower: nil, upper: nil)) {
            try design.calibrated(to: targets, method: CalibrationMethod(distance: .logit))
        }
        for (lower, upper) in [(1.0, 2.0), (0.5, 1.0), (-0.5, 2.0), (0.5, Double.infinity)] {
            #expect(throws: EstimationError.calibrationBoundsInvalid(method: "linear", lower: lower, upper: upper)) {
                try design.calibrated(to: targets, method: CalibrationMethod(distance: .linear, bounds: CalibrationBounds(lower: lower, upper: upper)))
            }
        }
    }
}
