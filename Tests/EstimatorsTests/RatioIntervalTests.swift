import Estimators
import Foundation
import Testing

/// One row of `Golden/ratio-interval.csv`: a hand-made ratio and the estimate, SE and interval that
/// `Golden/make-ratio-interval.py` computed for it with numpy and scipy.
struct RatioIntervalCase: Sendable, CustomTestStringConvertible {
    let fields: [String: String]
    var testDescription: String { fields["case"]! }

    static let all = GoldenTable("ratio-interval.csv").rows.map(RatioIntervalCase.init)

    static func named(_ name: String) throws -> RatioIntervalCase {
        try #require(all.first { $0.testDescription == name })
    }

    /// The stratified design of the script: strata A, B, C with population sizes 40, 25 and 12.
    static let design = try! SampleDesign(
        weights: [8, 8, 8, 8, 8, 6.25, 6.25, 6.25, 6.25, 4, 4, 4],
        strata: Array(repeating: "A", count: 5) + Array(repeating: "B", count: 4) + Array(repeating: "C", count: 3),
        fpc: Array(repeating: 40, count: 5) + Array(repeating: 25, count: 4) + Array(repeating: 12, count: 3))

    func numbers(_ key: String) -> [Double] { fields[key]!.split(separator: " ").map { Double($0)! } }
    var weighted: Bool { fields["weighted"] == "yes" }

    func compute() throws -> Estimate {
        let domain = fields["domain"]!.isEmpty ? Domain.all : .indices(fields["domain"]!.split(separator: " ").map { Int($0)! })
        let estimator = weighted ? Estimator(design: Self.design) : Estimator.unweighted
        return try estimator.ratio(
            numerator: numbers("numerator"), denominator: numbers("denominator"), in: domain, level: fields.number("level")!)
    }
}

@Suite struct RatioIntervalTests {
    @Test(arguments: RatioIntervalCase.all)
    func matchesTheIndependentComputation(_ row: RatioIntervalCase) throws {
        let label = row.testDescription
        let estimate = try row.compute()
        expectClose(estimate.value, row.fields.number("estimate"), "\(label) estimate")
        expectClose(estimate.standardError, row.fields.number("se"), "\(label) standard error")
        expectClose(estimate.interval?.lower, row.fields.number("lower"), "\(label) lower")
        expectClose(estimate.interval?.upper, row.fields.number("upper"), "\(label) upper")
        expectClose(estimate.degreesOfFreedom, row.fields.number("df"), "\(label) degrees of freedom")
        switch row.fields["interval"]! {
        case "logit":
            #expect(estimate.method == (row.weighted ? .taylorLogitRatio : .ratioLogitStudentT), "\(label)")
            if let interval = estimate.interval {
                #expect(interval.lower > 0 && interval.upper < 1, "\(label): a share of a whole has an interval inside (0, 1)")
                #expect(estimate.note == nil, "\(label)")
            } else {
                #expect(estimate.value == 0 && estimate.note == .ratioAtZero || estimate.value == 1 && estimate.note == .shareAtOne, "\(label)")
            }
        case "log":
            #expect(estimate.method == (row.weighted ? .taylorLogRatio : .ratioLogStudentT), "\(label)")
            if let interval = estimate.interval {
                #expect(interval.lower > 0, "\(label): a ratio of non-negative values has an interval above 0")
                #expect(estimate.note == nil, "\(label)")
            } else {
                #expect(estimate.value == 0 && estimate.note == .ratioAtZero, "\(label)")
            }
        default:
            #expect(estimate.method == (row.weighted ? .taylorNormal : .ratioStudentT), "\(label)")
        }
    }

    @Test func casesCoverTheEdges() {
        let names = Set(RatioIntervalCase.all.map(\.testDescription))
        #expect(names.isSuperset(of: [
            "demo-aktiebolag", "unweighted-share-near-zero", "unweighted-share-near-one", "unweighted-share-zero", "unweighted-share-one",
            "unweighted-events-near-zero", "unweighted-money", "unweighted-negative-numerator", "weighted-money", "weighted-share-near-zero",
            "weighted-share-near-one", "weighted-share-zero", "weighted-share-one", "weighted-events-near-zero", "weighted-negative-numerator",
            "weighted-domain-non-negative", "weighted-domain-share",
        ]))
    }

    /// The demo's Aktiebolag group: its symmetric t interval ran from −1.93 % to 19.80 %, its log
    /// interval from 2.65 % to 30.14 %; as a share of a whole it is 2.52 % to 27.16 %.
    @Test func demoShareStaysInsideZeroAndOne() throws {
        let estimate = try RatioIntervalCase.named("demo-aktiebolag").compute()
        let interval = try #require(estimate.interval)
        let symmetricLower = estimate.value - 2.0322445093177186 * estimate.standardError!  // t(0.975; 34)
        #expect(symmetricLower < 0 && interval.lower > 0)
        #expect(estimate.method == .ratioLogitStudentT)
    }

    /// Near 1 the log interval of a share passes 1 (103.3 % here); the logit interval stays below it.
    @Test func aShareNearOneStaysBelowOne() throws {
        for name in ["unweighted-share-near-one", "weighted-share-near-one"] {
            let estimate = try RatioIntervalCase.named(name).compute()
            let standardError = try #require(estimate.standardError)
            let q = estimate.degreesOfFreedom.map { StudentTDistribution.quantile(0.975, degreesOfFreedom: $0) }
                ?? NormalDistribution.quantile(0.975)
            #expect(estimate.value * exp(q * standardError / estimate.value) > 1, "\(name): the log interval passes 1")
            #expect(try #require(estimate.interval).upper < 1, "\(name)")
        }
    }

    /// A share is a share only where every numerator value lies between 0 and its denominator value:
    /// one unit with more target-group staff than staff (a data error, or another kind of ratio)
    /// takes the log interval, and a negative value the symmetric one.
    @Test func oneNumeratorAboveItsDenominatorTakesTheLogScale() throws {
        let staff = [3.0, 1, 12, 2, 5, 1]
        let share = try Estimator.unweighted.ratio(numerator: [1, 1, 2, 0, 1, 0], denominator: staff)
        let above = try Estimator.unweighted.ratio(numerator: [1, 2, 2, 0, 1, 0], denominator: staff)
        let negative = try Estimator.unweighted.ratio(numerator: [1, 1, 2, 0, -1, 0], denominator: staff)
        #expect(share.method == .ratioLogitStudentT)
        #expect(above.method == .ratioLogStudentT)
        #expect(negative.method == .ratioStudentT)
    }

    /// A ratio of 0, or a share of 1, has an SE of 0 that measures nothing, so a change from or to it
    /// gets no interval either (else it would be as narrow as if that round were known exactly).
    @Test(arguments: [(Array(repeating: 0.0, count: 6), IntervalNote.ratioAtZero), ([3.0, 1, 12, 2, 5, 1], .shareAtOne)])
    func changeFromAnEstimateWithoutUncertaintyHasNoInterval(_ numerator: [Double], _ note: IntervalNote) throws {
        let staff = [3.0, 1, 12, 2, 5, 1]
        let earlier = try Estimator.unweighted.ratio(numerator: numerator, denominator: staff)
        let later = try Estimator.unweighted.ratio(numerator: [1, 0, 2, 0, 1, 0], denominator: staff)
        #expect(earlier.note == note && earlier.standardError == 0 && earlier.interval == nil)
        let change = try Change.between(earlier, later)
        #expect(change.value == later.value - earlier.value)
        #expect(change.interval == nil)
        #expect(change.note == note)
        let back = try Change.between(later, earlier)
        #expect(back.interval == nil && back.note == note)
        let both = try Change.between(later, try Estimator.unweighted.ratio(numerator: [2, 0, 1, 0, 1, 1], denominator: staff))
        #expect(both.interval != nil)
    }

    /// Only the domain's values decide the interval: a value outside it changes nothing.
    @Test func valuesOutsideTheDomainDoNotDecideTheScale() throws {
        let inside = try Estimator.unweighted.ratio(numerator: [1, 2, 0, 4], denominator: [2, 3, 1, 5], in: .indices([0, 1, 2, 3]))
        for outside in [-7.0, 9] {
            let withOutside = try Estimator.unweighted.ratio(
                numerator: [1, 2, 0, 4, outside], denominator: [2, 3, 1, 5, 2], in: .indices([0, 1, 2, 3]))
            #expect(withOutside == inside)
        }
        #expect(inside.method == .ratioLogitStudentT)
        let negativeDenominator = try Estimator.unweighted.ratio(numerator: [1, 2, 0, 4], denominator: [2, 3, -1, 5])
        #expect(negativeDenominator.method == .ratioStudentT)
    }
}
