import Estimators
import Testing

struct GoldenWilson: Sendable, CustomTestStringConvertible {
    let fields: [String: String]
    var testDescription: String { "\(fields["successes"]!)/\(fields["trials"]!) @\(fields.number("level")!)" }
    static let all = GoldenTable("wilson.csv").rows.map(GoldenWilson.init)
}

struct GoldenMedian: Sendable, CustomTestStringConvertible {
    let fields: [String: String]
    var testDescription: String { "n = \(fields["n"]!)" }
    static let all = GoldenTable("medians.csv").rows.map(GoldenMedian.init)
}

@Suite struct UnweightedTests {
    /// Wilson against R's prop.test(x, n, correct = FALSE), including 0 and n successes.
    @Test(arguments: GoldenWilson.all)
    func wilsonMatchesPropTest(_ row: GoldenWilson) throws {
        let successes = Int(row.fields.number("successes")!)
        let trials = Int(row.fields.number("trials")!)
        let values = Array(repeating: 1.0, count: successes) + Array(repeating: 0.0, count: trials - successes)
        let estimate = try Estimator.unweighted.proportion(values, level: row.fields.number("level")!)
        #expect(estimate.method == .wilson)
        #expect(estimate.sampleSize == trials)
        expectClose(estimate.value, Double(successes) / Double(trials), row.testDescription)
        expectClose(estimate.interval?.lower, row.fields.number("lower"), "\(row.testDescription) lower")
        expectClose(estimate.interval?.upper, row.fields.number("upper"), "\(row.testDescription) upper")
    }

    /// Order-statistic median intervals for n = 1…60 against the same rule computed in R.
    @Test(arguments: GoldenMedian.all)
    func medianOrderStatisticsMatchR(_ row: GoldenMedian) throws {
        let n = Int(row.fields.number("n")!)
        let values = (1...n).map { Double(($0 * $0) % 97) }
        let estimate = try Estimator.unweighted.median(values)
        #expect(estimate.value == row.fields.number("median"))
        #expect(estimate.interval?.lower == row.fields.number("lower"))
        #expect(estimate.interval?.upper == row.fields.number("upper"))
        expectClose(estimate.interval?.achievedCoverage, row.fields.number("coverage"), "coverage, \(row.testDescription)")
        if let coverage = estimate.interval?.achievedCoverage { #expect(coverage >= 0.95) }
        if estimate.interval == nil { #expect(estimate.note == (n == 1 ? .singleObservation : .tooFewForLevel)) }
    }

    @Test func allZeroAndAllOneProportionsKeepAWilsonInterval() throws {
        let zeros = try Estimator.unweighted.proportion([0, 0, 0, 0, 0])
        #expect(zeros.value == 0)
        #expect(zeros.interval?.lower == 0)
        #expect(try #require(zeros.interval).upper > 0.4)
        let ones = try Estimator.unweighted.proportion([1, 1, 1, 1, 1])
        #expect(ones.value == 1)
        #expect(ones.interval?.upper == 1)
        #expect(try #require(ones.interval).lower < 0.6)
    }

    @Test func singleObservation() throws {
        let mean = try Estimator.unweighted.mean([4.5])
        #expect(mean.value == 4.5)
        #expect(mean.standardError == nil)
        #expect(mean.interval == nil)
        #expect(mean.note == .singleObservation)
        let proportion = try Estimator.unweighted.proportion([1])
        #expect(proportion.interval != nil)
        let ratio = try Estimator.unweighted.ratio(numerator: [3], denominator: [4])
        #expect(ratio.value == 0.75)
        #expect(ratio.note == .singleObservation)
    }

    /// With a denominator of ones the ratio's linearised standard error is the mean's s/√n; with a
    /// negative value, its interval is the mean's t interval too (non-negative values take the log scale).
    @Test func ratioOverOnesIsTheMean() throws {
        let values = [3.0, 7, 8, 12, -2.5, 9]
        let ratio = try Estimator.unweighted.ratio(numerator: values, denominator: Array(repeating: 1, count: values.count))
        let mean = try Estimator.unweighted.mean(values)
        expectClose(ratio.value, mean.value, "value")
        expectClose(ratio.standardError, mean.standardError, "standard error")
        expectClose(ratio.interval?.lower, mean.interval?.lower, "lower")
        expectClose(ratio.interval?.upper, mean.interval?.upper, "upper")
        #expect(ratio.method == .ratioStudentT)
    }

    @Test func talliesHaveNoInterval() throws {
        let total = try Estimator.unweighted.total([2, 3, 5], in: .indices([0, 2]))
        #expect(total.value == 7)
        #expect(total.sampleSize == 2)
        #expect(total.interval == nil)
        #expect(total.method == .descriptive)
        let count = try Estimator.unweighted.count([1, 0, 1, 1])
        #expect(count.value == 3)
        #expect(count.note == .descriptiveTally)
    }

    @Test func valuesOutsideTheDomainAreNotRead() throws {
        let estimate = try Estimator.unweighted.mean([1, .nan, 3], in: .mask([true, false, true]))
        #expect(estimate.value == 2)
        #expect(estimate.sampleSize == 2)
    }
}
