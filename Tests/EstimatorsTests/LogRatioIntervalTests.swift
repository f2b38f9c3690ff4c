import Estimators
import Foundation
import Testing

/// One row of `Golden/log-ratio.csv`: a hand-made ratio and the estimate, SE and interval that
/// `Golden/make-log-ratio.py` computed for it with numpy and scipy.
struct LogRatioCase: Sendable, CustomTestStringConvertible {
    let fields: [String: String]
    var testDescription: String { fields["case"]! }

    static let all = GoldenTable("log-ratio.csv").rows.map(LogRatioCase.init)

    /// The stratified design of the script: strata A, B, C with population sizes 40, 25 and 12.
    static let design = try! SampleDesign(
        weights: [8, 8, 8, 8, 8, 6.25, 6.25, 6.25, 6.25, 4, 4, 4],
        strata: Array(repeating: "A", count: 5) + Array(repeating: "B", count: 4) + Array(repeating: "C", count: 3),
        fpc: Array(repeating: 40, count: 5) + Array(repeating: 25, count: 4) + Array(repeating: 12, count: 3))

    func numbers(_ key: String) -> [Double] { fields[key]!.split(separator: " ").map { Double($0)! } }

    func compute() throws -> Estimate {
        let domain = fields["domain"]!.isEmpty ? Domain.all : .indices(fields["domain"]!.split(separator: " ").map { Int($0)! })
        let estimator = fields["weighted"] == "yes" ? Estimator(design: Self.design) : Estimator.unweighted
        return try estimator.ratio(
            numerator: numbers("numerator"), denominator: numbers("denominator"), in: domain, level: fields.number("level")!)
    }
}

@Suite struct LogRatioIntervalTests {
    @Test(arguments: LogRatioCase.all)
    func matchesTheIndependentComputation(_ row: LogRatioCase) throws {
        let label = row.testDescription
        let estimate = try row.compute()
        expectClose(estimate.value, row.fields.number("estimate"), "\(label) estimate")
        expectClose(estimate.standardError, row.fields.number("se"), "\(label) standard error")
        expectClose(estimate.interval?.lower, row.fields.number("lower"), "\(label) lower")
        expectClose(estimate.interval?.upper, row.fields.number("upper"), "\(label) upper")
        expectClose(estimate.degreesOfFreedom, row.fields.number("df"), "\(label) degrees of freedom")
        let weighted = row.fields["weighted"] == "yes"
        switch row.fields["interval"]! {
        case "log":
            #expect(estimate.method == (weighted ? .taylorLogRatio : .ratioLogStudentT), "\(label)")
            if let interval = estimate.interval {
                #expect(interval.lower > 0, "\(label): a ratio of non-negative values has an interval above 0")
                #expect(estimate.note == nil, "\(label)")
            } else {
                #expect(estimate.value == 0 && estimate.note == .ratioAtZero, "\(label)")
            }
        default:
            #expect(estimate.method == (weighted ? .taylorNormal : .ratioStudentT), "\(label)")
        }
    }

    @Test func casesCoverTheEdges() {
        let names = Set(LogRatioCase.all.map(\.testDescription))
        #expect(names.isSuperset(of: ["demo-aktiebolag", "unweighted-near-zero", "unweighted-zero", "unweighted-negative-numerator",
                                      "weighted-near-zero", "weighted-zero", "weighted-negative-numerator", "weighted-domain-non-negative"]))
    }

    /// The demo's Aktiebolag group: its symmetric t interval ran from −1.93 % to 19.80 %.
    @Test func demoRatioNoLongerReachesBelowZero() throws {
        let demo = try #require(LogRatioCase.all.first { $0.testDescription == "demo-aktiebolag" })
        let estimate = try demo.compute()
        let interval = try #require(estimate.interval)
        let symmetricLower = estimate.value - 2.0322445093177186 * estimate.standardError!  // t(0.975; 34)
        #expect(symmetricLower < 0 && interval.lower > 0)
    }

    /// A ratio of 0 has an SE of 0 that measures nothing, so a change from it gets no interval either
    /// (else it would be as narrow as if that round were known exactly).
    @Test func changeFromARatioOfZeroHasNoInterval() throws {
        let staff = [3.0, 1, 12, 2, 5, 1]
        let earlier = try Estimator.unweighted.ratio(numerator: [0, 0, 0, 0, 0, 0], denominator: staff)
        let later = try Estimator.unweighted.ratio(numerator: [1, 0, 2, 0, 1, 0], denominator: staff)
        #expect(earlier.note == .ratioAtZero && earlier.standardError == 0)
        let change = try Change.between(earlier, later)
        #expect(change.value == later.value)
        #expect(change.interval == nil)
        #expect(change.note == .ratioAtZero)
        let back = try Change.between(later, earlier)
        #expect(back.interval == nil && back.note == .ratioAtZero)
        let both = try Change.between(later, try Estimator.unweighted.ratio(numerator: [2, 0, 1, 0, 1, 1], denominator: staff))
        #expect(both.interval != nil)
    }

    /// Only the domain's values decide the interval: a negative value outside it changes nothing.
    @Test func valuesOutsideTheDomainDoNotDecideTheScale() throws {
        let inside = try Estimator.unweighted.ratio(numerator: [1, 2, 0, 4], denominator: [2, 3, 1, 5], in: .indices([0, 1, 2, 3]))
        let withOutside = try Estimator.unweighted.ratio(
            numerator: [1, 2, 0, 4, -7], denominator: [2, 3, 1, 5, 2], in: .indices([0, 1, 2, 3]))
        #expect(withOutside == inside)
        #expect(inside.method == .ratioLogStudentT)
        let negativeDenominator = try Estimator.unweighted.ratio(numerator: [1, 2, 0, 4], denominator: [2, 3, -1, 5])
        #expect(negativeDenominator.method == .ratioStudentT)
    }
}
