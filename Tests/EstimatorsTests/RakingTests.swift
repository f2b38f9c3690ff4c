import Estimators
import Testing

/// Raking's weights and refusals; its estimates and standard errors are checked against R's
/// `rake` in `GoldenEstimateTests` (designs ending in `_rake`).
@Suite struct RakingTests {
    @Test(arguments: ["srs_rake", "strat_rake", "clus1_rake"])
    func weightsAreRsRakedWeights(_ name: String) throws {
        let expected = GoldenTable("raked-weights.csv").rows.filter { $0["design"] == name }.map { $0.number("weight")! }
        let weights = try GoldenDesigns.raked(name).weights
        #expect(weights.count == expected.count)
        for (actual, wanted) in zip(weights, expected) {
            expectClose(actual, wanted, relative: 1e-12, "\(name) weight")
        }
    }

    /// A 2×2 sample raked by a plain loop written here: rows a/b, columns x/y, each pass scales
    /// the rows to their counts, then the columns, until a pass moves no cell by 1 or more.
    @Test func twoMarginsMatchAPlainLoop() throws {
        let rows = ["a", "a", "b", "b", "b"]
        let columns = ["x", "y", "x", "y", "y"]
        let base: [Double] = [1, 2, 1, 1, 3]
        let rowCounts = ["a": 60.0, "b": 40.0]
        let columnCounts = ["x": 30.0, "y": 70.0]
        var w = base
        for _ in 0..<10 {
            let before = w
            for (labels, counts) in [(rows, rowCounts), (columns, columnCounts)] {
                for (label, count) in counts {
                    let sum = w.indices.filter { labels[$0] == label }.reduce(0.0) { $0 + w[$1] }
                    for i in w.indices where labels[i] == label { w[i] *= count / sum }
                }
            }
            if zip(before, w).allSatisfy({ abs($0 - $1) < 1 }) { break }
        }
        let design = try SampleDesign(weights: base).raked(to: [
            RakingMargin(name: "row", groups: rows, populationCounts: rowCounts),
            RakingMargin(name: "column", groups: columns, populationCounts: columnCounts),
        ])
        for (actual, wanted) in zip(design.weights, w) { #expect(abs(actual - wanted) < 1e-9) }
        // Each cell here holds one observation but (b, y); a cell's change bounds its observations'.
        let rowSums = ["a", "b"].map { label in design.weights.indices.filter { rows[$0] == label }.reduce(0.0) { $0 + design.weights[$1] } }
        #expect(abs(rowSums[0] - 60) < 1 && abs(rowSums[1] - 40) < 1)
        let estimate = try Estimator(design: design).total([1, 0, 0, 1, 1])
        #expect(abs(estimate.value - (w[0] + w[3] + w[4])) < 1e-9)
    }

    @Test func refusesMarginsWhoseTotalsDiffer() throws {
        let base = try SampleDesign(weights: [1, 1, 1, 1])
        let region = RakingMargin(name: "region", groups: ["N", "S", "N", "S"], populationCounts: ["N": 2500, "S": 3900])
        let legalForm = RakingMargin(name: "legal_form", groups: ["ab", "ab", "ef", "ef"], populationCounts: ["ab": 4000, "ef": 2350])
        #expect(throws: EstimationError.rakingMarginTotalsDiffer("region", 6400, "legal_form", 6350)) {
            try base.raked(to: [region, legalForm])
        }
        #expect(EstimationError.rakingMarginTotalsDiffer("region", 6400, "legal_form", 6350).description
            .contains("region add up to 6400 but those of margin legal_form to 6350"))
    }

    /// The two cases of `make-golden.R` where R keeps weights that miss a margin.
    @Test func refusesMarginsItCannotMeet() throws {
        func margins(_ m: [String], _ n: [String], _ mCounts: [Double], _ nCounts: [Double]) -> [RakingMargin] {
            [RakingMargin(name: "m", groups: m, populationCounts: ["a": mCounts[0], "b": mCounts[1]]),
             RakingMargin(name: "n", groups: n, populationCounts: ["x": nCounts[0], "y": nCounts[1]])]
        }
        // (a, y) must become empty: R still moves by more than 1 after 10 passes and warns.
        let slow = try SampleDesign(weights: [1, 1, 1])
        #expect {
            try slow.raked(to: margins(["a", "a", "b"], ["x", "y", "y"], [1000, 1000], [1000, 1000]))
        } throws: { error in
            guard case EstimationError.rakingNotConverged(let passes, let margin, let group, _, 1000) = error else { return false }
            return passes == 10 && margin == "m" && group == "a"
        }
        // Only (a, x) and (b, y): the weights alternate and R stops without a warning, missing m by 10.
        let cycling = try SampleDesign(weights: [1, 1])
        #expect(throws: EstimationError.rakingNotConverged(passes: 2, margin: "m", group: "a", weighted: 20, population: 10)) {
            try cycling.raked(to: margins(["a", "b"], ["x", "y"], [10, 20], [20, 10]))
        }
        #expect(throws: EstimationError.noRakingMargins) { try cycling.raked(to: []) }
        #expect(throws: EstimationError.emptyPostStratum("b")) {
            try SampleDesign(weights: [1, 0]).raked(to: margins(["a", "b"], ["x", "x"], [10, 20], [30, 0.5]).prefix(1).map { $0 })
        }
    }
}
