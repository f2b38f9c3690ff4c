import Aggregation
import Foundation
import Frameworks
import Store
import Testing

/// `samla.source`: results by how each response was collected, over ModeRounds' responses.
struct SourceBreakdownTests {
    /// The shop framework with `satisfied` and `mean_spend` broken down by collection mode too.
    static func compute(language: String? = nil, edit: (String) -> String = { $0 }) async throws -> ResultSet {
        let rounds = try await ModeRounds()
        let file = ComputeTests.folder.appendingPathComponent("shop-toc.yaml").path
        let text = edit(try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(of: "disaggregate: [region, member]", with: "disaggregate: [region, member, samla.source]")
            .replacingOccurrences(of: "    weight: weight\n", with: "    weight: weight\n    disaggregate: [samla.source]\n"))
        let loaded = FrameworkLoader.load(text: text, path: file, surveys: SurveyCatalogue([rounds.document.survey]))
        let framework = try #require(loaded.framework, "\(loaded.diagnostics)")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        return try Aggregator(framework: framework, store: rounds.store, language: language).compute()
    }

    static func groups(_ results: ResultSet, _ indicator: String, _ round: String) -> [ResultRow] {
        results.rows.filter { $0.indicator == indicator && $0.round == round && $0.group.variable == "samla.source" }
    }

    /// The 95 % Wilson score interval of `yes` of `n`, written out here rather than taken from Estimators.
    static func wilson(_ yes: Int, of n: Int) -> (low: Double, high: Double) {
        let z = 1.959963984540054
        let count = Double(n)
        let share = Double(yes) / count
        let divisor = 1 + z * z / count
        let centre = (share + z * z / (2 * count)) / divisor
        let half = z * (share * (1 - share) / count + z * z / (4 * count * count)).squareRoot() / divisor
        return (centre - half, centre + half)
    }

    @Test func eachModeIsAGroupInOrderWithItsBaseEstimateAndWilsonInterval() async throws {
        let results = try await Self.compute(language: "en")
        let groups = Self.groups(results, "satisfied", "shop-2024")
        #expect(groups.map(\.group.code) == ["web", "import", "api"])
        #expect(groups.map(\.group.label) == ["Web form", "Imported file", "API (partner system)"])
        #expect(groups.allSatisfy { $0.group.variableLabel == "Collection mode" })
        // The test response came through the form too: cleaning removed it before the groups were formed.
        for (row, (yes, n)) in zip(groups, [(9, 12), (6, 15), (8, 10)]) {
            let cell = try #require(row.outcome.published, "\(row.group.label)")
            #expect(cell.n == n, "\(row.group.label)")
            #expect(abs(cell.value - Double(yes) / Double(n)) < 1e-12, "\(row.group.label)")
            let interval = try #require(cell.interval, "\(row.group.label)")
            let expected = Self.wilson(yes, of: n)
            #expect(abs(interval.lower - expected.low) < 1e-9 && abs(interval.upper - expected.high) < 1e-9, "\(row.group.label): \(interval)")
        }
        // The target and its status are the total's: 23 of 37 (62 %) meets the target of 60 % already.
        #expect(groups.allSatisfy { $0.target == nil && $0.status == nil })
        let totalRow = try #require(ComputeTests.row(results, "satisfied", "shop-2024"))
        #expect(totalRow.target == 0.6 && totalRow.status == .met)
        let total = try #require(totalRow.outcome.published)
        #expect(total.n == 37)
        #expect(results.cleaning.first { $0.round == "shop-2024" }?.entries.first?.count == 1)
    }

    @Test func aWeightedIndicatorEstimatesEachModeOverTheDesign() async throws {
        let results = try await Self.compute()
        let groups = Self.groups(results, "mean_spend", "shop-2024")
        // Web: six spend 10 with weight 1 and six 20 with weight 3, so (60 + 360) / 24; unweighted it would be 15.
        let expected = [("web", 17.5, 12), ("import", 10.0, 15), ("api", 30.0, 10)]
        #expect(groups.map(\.group.code) == expected.map(\.0))
        for (row, (code, mean, n)) in zip(groups, expected) {
            let cell = try #require(row.outcome.published, "\(code)")
            #expect(cell.n == n, "\(code)")
            #expect(abs(cell.value - mean) < 1e-9, "\(code)")
            #expect(cell.estimate?.isWeighted == true, "\(code)")
        }
    }

    /// shop-2025 has 3 API responses: under the share's threshold of 10, and the smallest published
    /// group beside it (the 11 of the web form) is withheld too, so that the 3 cannot be worked out
    /// from the total. The imports are published with their change since 2024.
    @Test func aSmallModeIsSuppressedWithTheNextSmallestAndTheOthersGetTheirChange() async throws {
        let results = try await Self.compute()
        let groups = Self.groups(results, "satisfied", "shop-2025")
        try #require(groups.map(\.group.code) == ["web", "import", "api"])
        #expect(groups[2].outcome == .suppressed(SuppressedCell(reason: .belowThreshold, threshold: 10)))
        #expect(groups[0].outcome == .suppressed(SuppressedCell(reason: .secondary, threshold: 10)))
        let imported = try #require(groups[1].outcome.published)
        #expect(imported.n == 14)
        let change = try #require(imported.change)
        #expect(change.since == "shop-2024")
        #expect(abs(change.value - (7.0 / 14.0 - 6.0 / 15.0)) < 1e-12)
        #expect(change.method == .newcombeHybridScore)
        #expect(ComputeTests.row(results, "satisfied", "shop-2025")?.outcome.published?.n == 28)

        let rows = results.displayRows().filter { $0.indicator == "satisfied" && $0.round == "shop-2025" && $0.breakdown == "samla.source" }
        #expect(rows.map(\.group) == ["Webbformulär", "Importerad fil", "API (partnersystem)"])
        #expect(rows.map(\.suppressed) == ["secondary", "", "primary"])
        #expect(rows.map(\.n) == ["", "14", "< 10"])
    }

    /// A mode with no response in an indicator's base is not listed, and does not count as a small group.
    @Test func aModeWithoutResponsesInTheBaseIsNotListed() async throws {
        let results = try await Self.compute(edit: {
            $0.replacingOccurrences(of: "    universe: \"${consent} = 'yes'\"\n", with: "    universe: \"${spend} < 30\"\n")
        })
        let groups = Self.groups(results, "satisfied", "shop-2025")
        #expect(groups.map(\.group.code) == ["web", "import"])
        #expect(groups.allSatisfy { $0.outcome.published != nil })
    }
}
