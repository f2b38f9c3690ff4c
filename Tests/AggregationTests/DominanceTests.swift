import Aggregation
import Testing

/// The p % rule: a figure built from a sum is withheld when one response makes up nearly all of it.
struct DominanceTests {
    @Test func aCellFailsWhenTheRestIsLessThanPPercentOfTheLargest() {
        // The rest after the two largest: 160 of a largest of 1,000 passes at 10 %, not at 20 %.
        let north = [1000.0] + Array(repeating: 10, count: 17)
        #expect(!Dominance.fails(north, p: 10))
        #expect(Dominance.fails(north, p: 20))
        // At exactly p % of the largest the cell passes (less than, not at most).
        #expect(!Dominance.fails([1000, 500, 60, 40], p: 10))
        #expect(Dominance.fails([1000, 500, 60, 39.5], p: 10))
    }

    @Test func oneOrTwoContributionsAlwaysFailUnlessTheyAreNothing() {
        #expect(Dominance.fails([5], p: 10))
        #expect(Dominance.fails([5, 5], p: 10))
        #expect(Dominance.fails([5, 5, 0, 0], p: 10))
        #expect(!Dominance.fails([0, 0, 0], p: 10))
        #expect(!Dominance.fails([], p: 10))
    }

    @Test func negativeValuesContributeTheirSize() {
        // A loss of 1,000 beside small profits is as dominant as a profit of 1,000.
        #expect(Dominance.fails([-1000, 10, 10, 10, 10], p: 10))
        #expect(!Dominance.fails([-100, 50, 40, 30, 20], p: 10))
    }

    /// Groups of 15 (north), 5 (south, one of them 2,000) and 5 (not answered): south fails alone,
    /// so the smallest published group goes with it, and the two together pass.
    @Test func aDominatedGroupTakesTheSmallestPublishedGroupWithItUntilTheyPassTogether() {
        let values: [[Double]] = [Array(repeating: 12, count: 15), [2000, 12, 12, 12, 12], Array(repeating: 100, count: 5)]
        let reasons = Dominance.withhold([nil, nil, nil], bases: values.map(\.count)) { groups in
            Dominance.fails(groups.flatMap { values[$0] }, p: 10)
        }
        #expect(reasons == [nil, .dominated, .secondary])
        // With the others all 12, south and the 5 still fail together: north goes too.
        let small: [[Double]] = [Array(repeating: 12, count: 15), [2000, 12, 12, 12, 12], Array(repeating: 12, count: 5)]
        let all = Dominance.withhold([nil, nil, nil], bases: small.map(\.count)) { groups in
            Dominance.fails(groups.flatMap { small[$0] }, p: 10)
        }
        #expect(all == [.secondary, .dominated, .secondary])
    }

    /// Small groups withheld by their count are known together too: their sum may be one response.
    @Test func smallGroupsWithheldTogetherMustPassTheRuleToo() {
        // 4 and 20 withheld by the count rule; the 20's 5,000 makes their sum give it away.
        let values: [[Double]] = [Array(repeating: 10, count: 4), [5000] + Array(repeating: 10, count: 19), Array(repeating: 10, count: 30), Array(repeating: 10, count: 40)]
        let reasons = Dominance.withhold([.belowThreshold, .secondary, nil, nil], bases: values.map(\.count)) { groups in
            Dominance.fails(groups.flatMap { values[$0] }, p: 10)
        }
        // The 20 is withheld already; the rule takes the 30 with them: the rest, 520, passes 10 % of 5,000.
        #expect(reasons == [.belowThreshold, .secondary, .secondary, nil])
        // Without a dominant response nothing more is withheld.
        let even: [[Double]] = [Array(repeating: 10, count: 4), Array(repeating: 10, count: 20), Array(repeating: 10, count: 30)]
        #expect(Dominance.withhold([.belowThreshold, .secondary, nil], bases: even.map(\.count)) { groups in
            Dominance.fails(groups.flatMap { even[$0] }, p: 10)
        } == [.belowThreshold, .secondary, nil])
    }

    /// shop-2025 with one customer who spent 2,000 in the south (m15), beside 14 north at 12, four
    /// more south at 12 and five without a region at 100.
    static func oneBigSpender(_ round: String) -> [ComputeTests.Answers] {
        guard round == "shop-2025" else { return ComputeTests.rows2024() }
        return (0..<25).map { i in
            let region: String? = i < 15 ? "north" : i < 20 ? "south" : nil
            return ("yes", region, 5, i == 15 ? 2000 : i >= 20 ? 100 : 12, true, "m\(i)")
        }
    }

    static func sums(_ own: String = "") -> (String) -> String {
        { framework in
            framework.replacingOccurrences(of: "languages: [sv, en]\n", with: "languages: [sv, en]\nsuppression: {p_percent: 10}\n") + """

              - {id: spend_total, node: happy_customers, kind: total, survey: shop, title: {sv: "Summa", en: "Sum"}, value: "${spend}", disaggregate: [region]\(own)}
              - {id: spend_mean, node: happy_customers, kind: mean, survey: shop, title: {sv: "Medel", en: "Mean"}, value: "${spend}", disaggregate: [region]\(own)}
              - {id: spend_per_score, node: happy_customers, kind: ratio, survey: shop, title: {sv: "Kvot", en: "Ratio"}, value: "${score}", denominator: "${spend}", disaggregate: [region], min_base: 5\(own)}
              - {id: spend_median, node: happy_customers, kind: median, survey: shop, title: {sv: "Median", en: "Median"}, value: "${spend}", disaggregate: [region]}

            """
        }
    }

    @Test func totalsMeansAndRatiosWithholdTheDominatedGroupAndOneBesideIt() throws {
        let results = try ComputeTests.compute(rowsOf: Self.oneBigSpender, edit: Self.sums())
        // A ratio fails on its denominator as on its value.
        for indicator in ["spend_total", "spend_mean", "spend_per_score"] {
            // The total passes: 2,728 less 2,000 and 100 leaves 628, over 10 % of 2,000.
            #expect(ComputeTests.row(results, indicator, "shop-2025")?.outcome.published != nil, "\(indicator)")
            #expect(ComputeTests.row(results, indicator, "shop-2025", "region", "north")?.outcome.published?.n == 15, "\(indicator)")
            #expect(ComputeTests.row(results, indicator, "shop-2025", "region", "south")?.outcome
                    == .suppressed(SuppressedCell(reason: .dominated, threshold: 5)), "\(indicator)")
            #expect(ComputeTests.row(results, indicator, "shop-2025", "region", nil)?.outcome
                    == .suppressed(SuppressedCell(reason: .secondary, threshold: 5)), "\(indicator)")
        }
        // A median is one response's value whatever the others are: the rule does not apply.
        #expect(ComputeTests.row(results, "spend_median", "shop-2025", "region", "south")?.outcome.published != nil)
        let south = results.displayRows().first { $0.indicator == "spend_total" && $0.round == "shop-2025" && $0.groupCode == "south" }
        #expect(south?.suppressed == "dominance")
        #expect(south?.n == "")
        #expect(south?.estimate == "")
    }

    @Test func anIndicatorTurnsTheRuleOffWithPPercentZero() throws {
        let results = try ComputeTests.compute(rowsOf: Self.oneBigSpender, edit: Self.sums(", p_percent: 0"))
        let south = try #require(ComputeTests.row(results, "spend_total", "shop-2025", "region", "south")?.outcome.published)
        #expect(south.value == 2048)
        #expect(ComputeTests.row(results, "spend_mean", "shop-2025", "region", nil)?.outcome.published != nil)
    }

    @Test func aDominatedTotalTakesEveryGroupWithIt() throws {
        // At 40 % the total fails too: the 628 left is less than 800.
        let results = try ComputeTests.compute(rowsOf: Self.oneBigSpender, edit: Self.sums(", p_percent: 40"))
        #expect(ComputeTests.row(results, "spend_total", "shop-2025")?.outcome == .suppressed(SuppressedCell(reason: .dominated, threshold: 5)))
        #expect(ComputeTests.row(results, "spend_total", "shop-2025", "region", "north")?.outcome == .suppressed(SuppressedCell(reason: .secondary, threshold: 5)))
        #expect(ComputeTests.row(results, "spend_total", "shop-2025", "region", "south")?.outcome == .suppressed(SuppressedCell(reason: .dominated, threshold: 5)))
        #expect(ComputeTests.row(results, "spend_total", "shop-2025", "region", nil)?.outcome == .suppressed(SuppressedCell(reason: .secondary, threshold: 5)))
    }
}
