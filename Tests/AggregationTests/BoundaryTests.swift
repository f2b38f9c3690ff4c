import Aggregation
import Foundation
import Testing

/// Where a figure sits exactly on a line: a target it equals, a threshold its weighted responses
/// just miss.
struct BoundaryTests {
    /// Every response of shop-2025 answers 12, so the mean of 12 ÷ 40 is 0.3 and of 12 ÷ 60 is 0.2,
    /// exactly the targets; summing 25 of them in floating point lands a rounding step off
    /// (0.2999999999999999, 0.20000000000000007), which must not turn "met" into "off track".
    @Test func anEstimateEqualToItsTargetMeetsIt() throws {
        let results = try ComputeTests.compute(edit: { $0 + """

  - id: share_up
    node: happy_customers
    kind: mean
    survey: shop
    title: {sv: "Andel", en: "Share"}
    value: "${spend} div 40"
    direction: up
    targets: {shop-2025: 0.3}
  - id: share_down
    node: happy_customers
    kind: mean
    survey: shop
    title: {sv: "Andel", en: "Share"}
    value: "${spend} div 60"
    direction: down
    targets: {shop-2025: 0.2}
  - id: share_missed
    node: happy_customers
    kind: mean
    survey: shop
    title: {sv: "Andel", en: "Share"}
    value: "${spend} div 40"
    direction: up
    targets: {shop-2025: 0.3000001}

""" })
        #expect(ComputeTests.row(results, "share_up", "shop-2025")?.status == .met)
        #expect(ComputeTests.row(results, "share_down", "shop-2025")?.status == .met)
        // A real shortfall, however small against the figure, is still one.
        #expect(ComputeTests.row(results, "share_missed", "shop-2025")?.status == .offTrack)
    }

    /// A response of weight 0 adds nothing to a weighted estimate, so it is no response behind the
    /// figure: members of shop-2024 are n0…n9, of whom only n0, n1 and n2 weigh anything, so the
    /// group "Yes" rests on three responses and is withheld, though ten are in it. The group "Not
    /// answered" (three) is withheld too, and the two protect each other, so "No" (eight, all
    /// weighing 1) is published.
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
        #expect(ComputeTests.row(results, "mean_spend", "shop-2024", "member", "false")?.outcome.published?.n == 8)
        #expect(ComputeTests.row(results, "mean_spend", "shop-2024")?.outcome.published != nil)
    }
}
