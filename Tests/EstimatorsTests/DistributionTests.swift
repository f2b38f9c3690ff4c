@testable import Estimators
import Testing

/// One row of `Golden/distributions.csv`: qnorm, qt, pt, qbinom or pbinom as R computes it.
struct GoldenDistributionValue: Sendable, CustomTestStringConvertible {
    let fields: [String: String]
    var testDescription: String { "\(fields["fn"]!)(\(fields["x"]!), \(fields["param"]!), \(fields["param2"]!))" }
    static let all = GoldenTable("distributions.csv").rows.map(GoldenDistributionValue.init)
}

@Suite struct DistributionTests {
    @Test(arguments: GoldenDistributionValue.all)
    func matchesR(_ row: GoldenDistributionValue) {
        let x = row.fields.number("x")!
        let expected = row.fields.number("value")!
        switch row.fields["fn"]! {
        case "qnorm":
            expectClose(NormalDistribution.quantile(x), expected, row.testDescription)
        case "qt":
            expectClose(StudentTDistribution.quantile(x, degreesOfFreedom: row.fields.number("param")!), expected, row.testDescription)
        case "pt":
            expectClose(StudentTDistribution.cdf(x, degreesOfFreedom: row.fields.number("param")!), expected, row.testDescription)
        case "qbinom":
            let k = BinomialDistribution.quantile(x, trials: Int(row.fields.number("param")!), probability: row.fields.number("param2")!)
            #expect(k.map(Double.init) == expected, "\(row.testDescription): got \(String(describing: k)), R gives \(expected)")
        case "pbinom":
            expectClose(
                BinomialDistribution.cdf(Int(x), trials: Int(row.fields.number("param")!), probability: row.fields.number("param2")!),
                expected, row.testDescription)
        default:
            Issue.record("unknown function in distributions.csv: \(row.fields["fn"]!)")
        }
    }

    @Test func goldenFileCoversEveryFunction() {
        #expect(Set(GoldenDistributionValue.all.map { $0.fields["fn"]! }) == ["qnorm", "qt", "pt", "qbinom", "pbinom"])
        #expect(GoldenDistributionValue.all.count > 900)
    }

    @Test func quantilesInvertTheirDistributionFunctions() {
        for nu in [0.7, 1, 3, 12.5, 80, 3000] {
            for p in [1e-8, 0.01, 0.2, 0.5, 0.8, 0.99, 1 - 1e-8] {
                let t = StudentTDistribution.quantile(p, degreesOfFreedom: nu)
                expectClose(StudentTDistribution.cdf(t, degreesOfFreedom: nu), p, relative: 1e-12, "pt(qt(\(p), \(nu)))")
            }
        }
        for p in [1e-12, 0.3, 0.5, 0.9, 1 - 1e-12] {
            expectClose(NormalDistribution.cdf(NormalDistribution.quantile(p)), p, relative: 1e-12, "pnorm(qnorm(\(p)))")
        }
    }

    @Test func boundariesAndInvalidArguments() {
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(1.5).isNaN)
        #expect(StudentTDistribution.quantile(0.5, degreesOfFreedom: 7) == 0)
        #expect(StudentTDistribution.quantile(0.975, degreesOfFreedom: .infinity) == NormalDistribution.quantile(0.975))
        #expect(StudentTDistribution.quantile(0.975, degreesOfFreedom: 0).isNaN)
        #expect(StudentTDistribution.cdf(.infinity, degreesOfFreedom: 3) == 1)
        #expect(StudentTDistribution.cdf(-.infinity, degreesOfFreedom: 3) == 0)
        #expect(BinomialDistribution.quantile(0.5, trials: 0, probability: 0.5) == 0)
        #expect(BinomialDistribution.quantile(1.2, trials: 10, probability: 0.5) == nil)
        #expect(BinomialDistribution.cdf(10, trials: 10, probability: 0.3) == 1)
        #expect(BinomialDistribution.cdf(-1, trials: 10, probability: 0.3) == 0)
    }
}
