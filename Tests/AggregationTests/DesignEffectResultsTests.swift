import Aggregation
import Estimators
import Testing

/// shop-2024 weighted: its 18 responses in the north weigh 1 (9 satisfied), its 3 in the south
/// weigh 3 (2 satisfied).
struct DesignEffectResultsTests {
    static let weightedSatisfied = """
          - {id: weighted_satisfied, node: happy_customers, kind: proportion, survey: shop, title: {sv: "Nöjda", en: "Satisfied"}, \
        numerator: "${score} >= 4", weight: weight, disaggregate: [region]}

        """

    static func compute() throws -> ResultSet {
        try ComputeTests.compute(
            language: "en", rounds: ["shop-2024"], weightOf: { $0.spend == nil ? nil : $0.region == "south" ? 3 : 1 },
            edit: { $0.replacingOccurrences(of: "  - id: courses\n", with: Self.weightedSatisfied + "  - id: courses\n") })
    }

    @Test func aWeightedCellCarriesItsDesignEffectAndKishsEffectiveSize() throws {
        let results = try Self.compute()
        let total = try #require(ComputeTests.row(results, "weighted_satisfied", "shop-2024"))
        let estimate = try #require(total.outcome.published?.estimate)
        #expect(abs(estimate.value - 5.0 / 9) < 1e-12)
        // Kish: (18·1 + 3·3)² / (18·1² + 3·3²) = 27² / 45.
        #expect(abs(estimate.kishEffectiveSampleSize! - 729.0 / 45) < 1e-12)
        // R: svymean(~sat, svydesign(id = ~1, weights = ~w), deff = "replace") (no fpc: with replacement).
        #expect(abs(estimate.designEffect! - 1.2703703703703704) < 1e-12)
        let display = DisplayRow(total, indicator: results.framework.indicators.first { $0.id == "weighted_satisfied" }, language: "en")
        #expect(display.designEffect == "1.27037" && display.effectiveSampleSize == "16.2")
    }

    @Test func suppressedAndUnweightedCellsHaveNone() throws {
        let results = try Self.compute()
        let rows = results.displayRows()
        // The south (3 responses) is withheld, and the north with it.
        for code in ["north", "south"] {
            let row = try #require(ComputeTests.row(results, "weighted_satisfied", "shop-2024", "region", code))
            #expect(row.outcome.isSuppressed, "\(code)")
        }
        let groups = rows.filter { $0.indicator == "weighted_satisfied" && $0.breakdown == "region" }
        #expect(groups.count == 2 && groups.allSatisfy { $0.suppressed != "" && $0.designEffect == "" && $0.effectiveSampleSize == "" })
        let unweighted = try #require(rows.first { $0.indicator == "satisfied" && $0.breakdown == "" })
        #expect(unweighted.estimate != "" && unweighted.designEffect == "" && unweighted.effectiveSampleSize == "")
    }
}
