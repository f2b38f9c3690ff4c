@testable import Estimators
import Testing

/// R's survey:::qrule_math on small inputs (values checked in R 4.2.2, survey 4.1.1).
@Suite struct WeightedQuantileRuleTests {
    let equal = WeightedQuantileRule.Sorted(values: [40, 10, 30, 20], weights: [1, 1, 1, 1])

    @Test func exactShareTakesTheLowerValue() {
        #expect(equal.quantile(0.5) == 20)  // qrule_math(c(10,20,30,40), rep(1,4), 0.5) = 20
        #expect(equal.quantile(0.6) == 30)  // … 0.6 = 30
    }

    /// Below the first cumulative share R returns the second value (qrule_math(…, 0.1) = 20); Samla follows.
    @Test func belowTheFirstShareFollowsR() {
        #expect(equal.quantile(0.1) == 20)
    }

    @Test func zeroWeightsAreDroppedAndTiesKeepOrder() {
        let sorted = WeightedQuantileRule.Sorted(values: [5, 1, 5, 3, 9], weights: [1, 0, 2, 1, 0])
        #expect(sorted.values == [3, 5, 5])
        #expect(sorted.cumulative == [1, 2, 4])
        #expect(sorted.total == 4)
        #expect(sorted.quantile(0.25) == 3)
        #expect(sorted.quantile(0.9) == 5)
    }
}
