import Estimators
import Testing

/// One row of `Golden/changes.csv`.
struct GoldenChange: Sendable, CustomTestStringConvertible {
    let fields: [String: String]
    var testDescription: String { fields["case"]! }
    static let all = GoldenTable("changes.csv").rows.map(GoldenChange.init)

    var level: Double { Double(testDescription.split(separator: "@").last!)! }

    /// The two estimates the case compares, built as `make-golden.R` builds them.
    func estimates() throws -> (earlier: Estimate, later: Estimate) {
        let name = testDescription
        let srs = GoldenDesigns.apisrs
        let strat = GoldenDesigns.apistrat
        func apisrsType(_ type: String) -> Domain { .mask(srs.column("stype").map { $0 == type }) }
        if name.hasPrefix("newcombe:") {
            let counts = name.dropFirst("newcombe:".count).split(separator: "@")[0]
                .split(whereSeparator: { "/->".contains($0) }).map { Int($0)! }
            func sample(_ x: Int, _ n: Int) -> [Double] {
                Array(repeating: 1, count: x) + Array(repeating: 0, count: n - x)
            }
            return (try Estimator.unweighted.proportion(sample(counts[0], counts[1]), level: level),
                    try Estimator.unweighted.proportion(sample(counts[2], counts[3]), level: level))
        }
        switch name {
        case "welch:srs-api00-E->M@0.95":
            return (try Estimator.unweighted.mean(srs.numbers("api00"), in: apisrsType("E")),
                    try Estimator.unweighted.mean(srs.numbers("api00"), in: apisrsType("M")))
        case "welch:srs-api00-H->E@0.9":
            return (try Estimator.unweighted.mean(srs.numbers("api00"), in: apisrsType("H")),
                    try Estimator.unweighted.mean(srs.numbers("api00"), in: apisrsType("E")))
        case "welch:api00-srs->strat@0.95":
            return (try Estimator.unweighted.mean(srs.numbers("api00")),
                    try Estimator.unweighted.mean(strat.numbers("api00")))
        case "normal:mean-api00-srs->strat@0.95":
            return (try Estimator(design: GoldenDesigns.design("srs")).mean(srs.numbers("api00")),
                    try Estimator(design: GoldenDesigns.design("strat")).mean(strat.numbers("api00")))
        case "normal:total-enroll-srs->strat@0.9":
            return (try Estimator(design: GoldenDesigns.design("srs")).total(srs.numbers("enroll")),
                    try Estimator(design: GoldenDesigns.design("strat")).total(strat.numbers("enroll")))
        case "normal:proportion-sch_wide-srs->strat@0.95":
            return (try Estimator(design: GoldenDesigns.design("srs")).proportion(srs.numbers("sch_wide")),
                    try Estimator(design: GoldenDesigns.design("strat")).proportion(strat.numbers("sch_wide")))
        case "normal:median-api00-srs->clus1@0.95":
            return (try Estimator(design: GoldenDesigns.design("srs")).median(srs.numbers("api00")),
                    try Estimator(design: GoldenDesigns.design("clus1")).median(GoldenDesigns.apiclus1.numbers("api00")))
        case "median-unweighted:srs-api00-E->M@0.95":
            return (try Estimator.unweighted.median(srs.numbers("api00"), in: apisrsType("E")),
                    try Estimator.unweighted.median(srs.numbers("api00"), in: apisrsType("M")))
        default:
            fatalError("no construction for change case \(name)")
        }
    }
}

@Suite struct ChangeTests {
    @Test(arguments: GoldenChange.all)
    func matchesR(_ row: GoldenChange) throws {
        let (earlier, later) = try row.estimates()
        let change = try Change.between(earlier, later, level: row.level)
        #expect(change.method.rawValue == row.fields["method"]!)
        expectClose(change.value, row.fields.number("estimate"), "\(row.testDescription) estimate")
        expectClose(change.standardError, row.fields.number("se"), "\(row.testDescription) standard error")
        expectClose(change.interval?.lower, row.fields.number("lower"), "\(row.testDescription) lower")
        expectClose(change.interval?.upper, row.fields.number("upper"), "\(row.testDescription) upper")
        expectClose(change.degreesOfFreedom, row.fields.number("df"), "\(row.testDescription) degrees of freedom")
    }

    /// Newcombe (1998), Statistics in Medicine 17:873, example (a): 56/70 − 48/80, method 10 gives 0.0524 to 0.3339.
    @Test func newcombePublishedExample() throws {
        let earlier = try Estimator.unweighted.proportion(Array(repeating: 1, count: 48) + Array(repeating: 0, count: 32))
        let later = try Estimator.unweighted.proportion(Array(repeating: 1, count: 56) + Array(repeating: 0, count: 14))
        let interval = try #require(try Change.between(earlier, later).interval)
        #expect((interval.lower * 10_000).rounded() == 524)
        #expect((interval.upper * 10_000).rounded() == 3339)
    }

    @Test func mismatchedKindsAreRefused() throws {
        let proportion = try Estimator.unweighted.proportion([0, 1, 1])
        let mean = try Estimator.unweighted.mean([0, 1, 1])
        #expect(throws: EstimationError.mismatchedKinds(.proportion, .mean)) { try Change.between(proportion, mean) }
    }

    @Test func changesWithoutStandardErrors() throws {
        let tally = try Change.between(try Estimator.unweighted.total([1, 2]), try Estimator.unweighted.total([5, 5]))
        #expect(tally.value == 7)
        #expect(tally.interval == nil)
        #expect(tally.note == .descriptiveTally)
        let single = try Change.between(try Estimator.unweighted.mean([1]), try Estimator.unweighted.mean([2, 4]))
        #expect(single.value == 2)
        #expect(single.interval == nil)
        let constant = try Change.between(try Estimator.unweighted.mean([1, 1]), try Estimator.unweighted.mean([2, 2]))
        #expect(constant.note == .zeroVariance)
        let tiny = try Change.between(try Estimator.unweighted.median([1, 2]), try Estimator.unweighted.median([3, 4, 5, 6, 7, 8, 9]))
        #expect(tiny.note == .noStandardError)
    }

    /// A weighted proportion of 0 or 1 has an SE of 0 but no interval: a change from or to it
    /// must not borrow that 0 as if the round were known exactly.
    @Test func changesFromOrToAWeightedProportionAtZeroOrOneHaveNoInterval() throws {
        let design = try SampleDesign(weights: [1, 2, 3, 1, 2, 3])
        let none = try Estimator(design: design).proportion([0, 0, 0, 0, 0, 0])
        let all = try Estimator(design: design).proportion([1, 1, 1, 1, 1, 1])
        let some = try Estimator(design: design).proportion([1, 0, 1, 0, 0, 1])
        for (earlier, later) in [(none, all), (some, none), (all, some)] {
            let change = try Change.between(earlier, later)
            #expect(change.value == later.value - earlier.value)
            #expect(change.interval == nil)
            #expect(change.standardError == nil)
            #expect(change.note == .proportionAtBoundary)
        }
        #expect(try Change.between(some, some).interval != nil)

        // An unweighted proportion of 0 beside a weighted round: its Wilson interval is fine, but
        // its SE of 0 would make the change's normal interval as narrow as the weighted side alone.
        let unweightedNone = try Estimator.unweighted.proportion([0, 0, 0, 0, 0, 0, 0, 0])
        #expect(unweightedNone.method == .wilson && unweightedNone.interval != nil)
        for change in [try Change.between(unweightedNone, some), try Change.between(some, unweightedNone)] {
            #expect(change.interval == nil)
            #expect(change.note == .proportionAtBoundary)
        }
        let unweightedSome = try Estimator.unweighted.proportion([1, 0, 0, 1, 0, 0, 0, 1])
        #expect(try Change.between(unweightedSome, some).interval != nil)
    }
}
