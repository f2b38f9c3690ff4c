import Aggregation
import Foundation
import Testing

/// Where a figure sits exactly on a line: a target it equals, a threshold its weighted responses
/// just miss.
struct BoundaryTests {
    /// Every response of shop-2025 answers 12, so the mean of 12 ÷ 40 is 0.3 and of 12 ÷ 60 is 0.2,
    /// exactly the targets; summing 25 of them in floating point lands a rounding step off
    /// (0.2999999999999999, 0.20000000000000007), which must not turn "met" into "not met".
    @Test func anEstimateEqualToItsTargetMeetsIt() throws {
        func mean(_ id: String, _ value: String, _ direction: String, _ target: String) -> String {
            "  - {id: \(id), node: happy_customers, kind: mean, survey: shop, title: {sv: \"x\", en: \"x\"}, "
                + "value: \"\(value)\", direction: \(direction), targets: {shop-2025: \(target)}}\n"
        }
        let results = try ComputeTests.compute(edit: {
            $0 + "\n" + mean("share_up", "${spend} div 40", "up", "0.3") + mean("share_down", "${spend} div 60", "down", "0.2")
                + mean("share_missed", "${spend} div 40", "up", "0.3000001")
        })
        #expect(ComputeTests.row(results, "share_up", "shop-2025")?.status == .met)
        #expect(ComputeTests.row(results, "share_down", "shop-2025")?.status == .met)
        // A real shortfall, however small against the figure, is still one.
        #expect(ComputeTests.row(results, "share_missed", "shop-2025")?.status == .notMet)
    }

    /// A response of weight 0 adds nothing to a weighted estimate, so it is no response behind the
    /// figure: members of shop-2024 are n0…n9, of whom only n0, n1 and n2 weigh anything, so the
    /// group "Yes" rests on three responses and is withheld, though ten are in it. The group "Not
    /// answered" (three) is withheld too, and "No" (eight, all weighing 1) beside them, as the
    /// smallest group left.
    @Test func responsesOfWeightZeroDoNotCountTowardsTheThreshold() throws {
        let weighing: ComputeTests.Weighing = { row in
            guard let index = Int(row.name.dropFirst()), row.name.hasPrefix("n") else { return 1 }
            return index < 3 || index >= 10 ? 1 : 0
        }
        let results = try ComputeTests.compute(
            weightOf: weighing,
            edit: { $0.replacingOccurrences(of: "    value: \"${spend}\"\n    weight: weight\n",
                                            with: "    value: \"${spend}\"\n    weight: weight\n    disaggregate: [member]\n") })
        let yes = try #require(ComputeTests.row(results, "mean_spend", "shop-2024", "member", "true"))
        #expect(yes.outcome == .suppressed(SuppressedCell(reason: .belowThreshold, threshold: 5)))
        let notAnswered = try #require(ComputeTests.row(results, "mean_spend", "shop-2024", "member", nil))
        #expect(notAnswered.outcome.isSuppressed)
        #expect(ComputeTests.row(results, "mean_spend", "shop-2024", "member", "false")?.outcome == .suppressed(SuppressedCell(reason: .secondary, threshold: 5)))
        #expect(ComputeTests.row(results, "mean_spend", "shop-2024")?.outcome.published != nil)
    }

    /// A response without a weight is left out of a weighted indicator's base and counted as
    /// missing; the others keep their weights. shop-2024 kept: n0 and n1 (satisfied) without a
    /// weight, n2…n8 (satisfied) weighing 1, n9…n17 (not) 2, s0 and Anna (satisfied) and s2 (not) 3:
    /// p = 13/34. The two stay in the design with weight 0, as R's `subset()` keeps a unit it
    /// leaves out, so the variance runs over all 21 kept responses. The standard error and the
    /// xlogit interval (t on 18 degrees of freedom, the members weighing more than 0 less one) were
    /// computed apart with numpy and scipy: z = w(y − p)/Σw, 0 for the two, V = 21/20 Σ(z − z̄)².
    @Test func aResponseWithoutAWeightIsMissingFromAWeightedBase() throws {
        let weighing: ComputeTests.Weighing = { row in
            if row.name == "n0" || row.name == "n1" { return nil }
            if row.region == "south" { return 3 }
            guard row.name.hasPrefix("n"), let index = Int(row.name.dropFirst()) else { return 1 }
            return index < 9 ? 1 : 2
        }
        let results = try ComputeTests.compute(
            rounds: ["shop-2024"], weightOf: weighing,
            edit: { $0.replacingOccurrences(of: "    universe: \"${consent} = 'yes'\"\n", with: "    universe: \"${consent} = 'yes'\"\n    weight: weight\n") })
        let total = try #require(ComputeTests.row(results, "satisfied", "shop-2024")?.outcome.published)
        #expect(total.n == 19)
        #expect(results.missing.first { $0.indicator == "satisfied" && $0.round == "shop-2024" }?.count == 2)
        #expect(abs(total.value - 13.0 / 34.0) < 1e-12)
        #expect(abs(try #require(total.standardError) - 0.12098826333155752) < 1e-12)
        let interval = try #require(total.interval)
        #expect(abs(interval.lower - 0.17423427273108244) < 1e-12)
        #expect(abs(interval.upper - 0.6449156488089751) < 1e-12)
    }
}
