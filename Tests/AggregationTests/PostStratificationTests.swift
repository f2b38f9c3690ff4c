import Aggregation
import Diagnostics
import Estimators
import Foundation
import Frameworks
import Store
import SurveyDefinition
import Testing

/// A round post-stratified by region: shop-2024 keeps 18 responses in the north (9 satisfied) and
/// 3 in the south (2 satisfied); the register says 600 shops are in the north and 400 in the south.
struct PostStratificationTests {
    static let round2024 = "  - {name: shop-2024, survey: shop, label: {sv: \"2024\", en: \"2024\"}}"

    static func poststratified(_ counts: String, round: String = "shop-2024") -> (String) -> String {
        { text in
            let line = "  - {name: \(round), survey: shop, label: {sv: \"\(round.suffix(4))\", en: \"\(round.suffix(4))\"}"
            return text.replacingOccurrences(
                of: line + "}",
                with: line + ", poststratify: {variable: region, counts: \(counts), source: {sv: \"Registret\", en: \"The register\"}}}")
        }
    }

    static let customers = "  - {id: customers, node: happy_customers, kind: count, survey: shop, title: {sv: \"Kunder\", en: \"Customers\"}, universe: \"${consent} = 'yes'\"}\n"

    @Test func estimatesOfAPostStratifiedRoundAreWeightedToThePopulation() throws {
        let edit = Self.poststratified("{north: 600, south: 400}")
        let results = try ComputeTests.compute(language: "en", edit: {
            edit($0).replacingOccurrences(of: "  - id: courses\n", with: Self.customers + "  - id: courses\n")
        })
        let satisfied = try #require(ComputeTests.row(results, "satisfied", "shop-2024")?.outcome.published)
        // Σ_g N_g p_g / N, where unweighted it is 11/21.
        let byHand = (600 * (9.0 / 18) + 400 * (2.0 / 3)) / 1000
        #expect(abs(satisfied.value - byHand) < 1e-12)
        #expect(satisfied.n == 21)
        #expect(satisfied.estimate?.isWeighted == true)
        #expect(satisfied.estimate?.method == .taylorLogit)
        // A count is an estimate for the population: every kept response has consent yes.
        let customers = try #require(ComputeTests.row(results, "customers", "shop-2024")?.outcome.published)
        #expect(abs(customers.value - 1000) < 1e-9)
        // The south has 3 responses: still suppressed on the number of responses, with its sibling.
        #expect(ComputeTests.row(results, "satisfied", "shop-2024", "region", "south")?.outcome
            == .suppressed(SuppressedCell(reason: .belowThreshold, threshold: 10)))
        // The other round is not post-stratified.
        #expect(ComputeTests.row(results, "satisfied", "shop-2025")?.outcome.published?.estimate?.method == .wilson)
        #expect(ComputeTests.row(results, "customers", "shop-2025")?.outcome.published?.value == 25)
        let note = ResultNote.roundPostStratified(round: "shop-2024", variables: ["region"], source: "The register")
        #expect(results.notes.contains(note))
        #expect(note.kind == "round-post-stratified")
        #expect(note.text("en") == "the estimates of round shop-2024 are weighted to known population counts by region (The register): counts and totals are estimates for the whole population")
    }

    /// Post-stratified, the count of every kept response is the register's 1,000 shops and that of
    /// the northern responses its 600: the weighting fixes them, so they show no interval but say
    /// why, and so does their change when the next round is post-stratified too (to 1,100 northern
    /// shops, every response being northern). A count of the pleased customers of shop-2024, who are
    /// no post-stratum, is an estimate with its interval, and so is its change.
    @Test func countsThePostStratificationFixesHaveNoIntervalNorTheirChange() throws {
        let northern = Self.customers.replacingOccurrences(of: "id: customers", with: "id: northern")
            .replacingOccurrences(of: "${consent} = 'yes'", with: "${region} = 'north'")
        let pleased = Self.customers.replacingOccurrences(of: "id: customers", with: "id: pleased")
            .replacingOccurrences(of: "${consent} = 'yes'", with: "${score} >= 4")
        let first = Self.poststratified("{north: 600, south: 400}"), second = Self.poststratified("{north: 1100}", round: "shop-2025")
        let results = try ComputeTests.compute(language: "en", edit: {
            second(first($0)).replacingOccurrences(of: "  - id: courses\n", with: Self.customers + northern + pleased + "  - id: courses\n")
        })
        for (indicator, round, count) in [("customers", "shop-2024", 1000.0), ("northern", "shop-2024", 600), ("customers", "shop-2025", 1100)] {
            let cell = try #require(ComputeTests.row(results, indicator, round)?.outcome.published)
            #expect(abs(cell.value - count) < 1e-9, "\(indicator) \(round): \(cell.value)")
            #expect(cell.estimate?.interval != nil && cell.interval == nil, "\(indicator) \(round)")
            #expect(cell.noIntervalReason == .fixedByWeighting)
        }
        let change = try #require(ComputeTests.row(results, "customers", "shop-2025")?.outcome.published?.change)
        #expect(abs(change.value - 100) < 1e-9)
        #expect(change.interval == nil && change.method == nil && change.noIntervalReason == .fixedByWeighting)
        // Every response of shop-2025 is pleased, so its count is fixed, but that of shop-2024 is
        // estimated: so is the change.
        let pleased2024 = try #require(ComputeTests.row(results, "pleased", "shop-2024")?.outcome.published)
        #expect(pleased2024.interval != nil && pleased2024.noIntervalReason == nil)
        let pleased2025 = try #require(ComputeTests.row(results, "pleased", "shop-2025")?.outcome.published)
        #expect(pleased2025.noIntervalReason == .fixedByWeighting)
        let pleasedChange = try #require(pleased2025.change)
        #expect(pleasedChange.interval != nil && pleasedChange.noIntervalReason == nil)

        let row = try #require(results.displayRows().first { $0.indicator == "customers" && $0.round == "shop-2025" && $0.breakdown.isEmpty })
        let fields = Dictionary(uniqueKeysWithValues: zip(DisplayRow.columns, row.fields))
        #expect(fields["interval_note"] == "fixed-by-weighting" && fields["change_note"] == "fixed-by-weighting", "\(fields)")
    }

    /// `poststratify: false` keeps an indicator out of the round's weighting: a count of the
    /// responses stays a tally of them, while the other indicators are weighted, and the note says which.
    @Test func anIndicatorCanStayOutOfTheRoundsWeighting() throws {
        let edit = Self.poststratified("{north: 600, south: 400}")
        let tally = Self.customers.replacingOccurrences(of: "universe: \"${consent} = 'yes'\"}", with: "universe: \"${consent} = 'yes'\", poststratify: false}")
        #expect(tally != Self.customers)
        let results = try ComputeTests.compute(language: "en", edit: {
            edit($0).replacingOccurrences(of: "  - id: courses\n", with: tally + "  - id: courses\n")
                .replacingOccurrences(of: "    weight: weight\n", with: "    weight: weight\n    poststratify: false\n")
        })
        // An indicator with a weight of its own keeps just that weight.
        let ownWeight = try ComputeTests.compute(language: "en")
        let spend = try #require(ComputeTests.row(results, "mean_spend", "shop-2024")?.outcome.published)
        #expect(spend.value == ComputeTests.row(ownWeight, "mean_spend", "shop-2024")?.outcome.published?.value)
        #expect(spend.estimate?.standardError == ComputeTests.row(ownWeight, "mean_spend", "shop-2024")?.outcome.published?.estimate?.standardError)
        let customers = try #require(ComputeTests.row(results, "customers", "shop-2024")?.outcome.published)
        #expect(customers.value == 21, "the 21 kept responses, not the population's 1000")
        #expect(customers.estimate?.isWeighted == false)
        let satisfied = try #require(ComputeTests.row(results, "satisfied", "shop-2024")?.outcome.published)
        #expect(abs(satisfied.value - (600 * (9.0 / 18) + 400 * (2.0 / 3)) / 1000) < 1e-12)
        let note = try #require(results.notes.first { $0.kind == "round-post-stratified" })
        #expect(note == .roundPostStratified(round: "shop-2024", variables: ["region"], source: "The register", except: ["mean_spend", "customers"]))
        #expect(note.text("en") == "the estimates of round shop-2024 are weighted to known population counts by region (The register): counts and totals are estimates for the whole population; not weighted: mean_spend and customers (`poststratify: false`)")
        #expect(note.text("sv").hasSuffix("; inte viktade: mean_spend och customers (`poststratify: false`)"))
    }

    /// When no indicator follows the round's weighting, the round is computed unweighted and
    /// its weighting is not checked against the responses (a post-stratum without one refuses nothing).
    @Test func aWeightingNoIndicatorFollowsWeighsNothing() throws {
        // Every response of shop-2025 is in the north: followed, the weighting would refuse the round (E327).
        let edit = Self.poststratified("{north: 600, south: 400}", round: "shop-2025")
        let results = try ComputeTests.compute(language: "en", edit: { text in
            edit(text).replacingOccurrences(of: "\n    survey: shop\n", with: "\n    survey: shop\n    poststratify: false\n")
        })
        #expect(ComputeTests.row(results, "satisfied", "shop-2025")?.outcome.published?.estimate?.method == .wilson)
        #expect(!results.notes.contains { $0.kind == "round-post-stratified" })
    }

    @Test func aPostStratumWithoutResponsesRefusesTheRound() throws {
        // Every response of shop-2025 is in the north.
        let edit = Self.poststratified("{north: 600, south: 400}", round: "shop-2025")
        let error = try #require(throws: AggregationError.self) { try ComputeTests.compute(edit: edit) }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(error.diagnostics.map(\.code.id) == ["E327"])
        #expect(diagnostic.message.contains("round shop-2025 has a population count for south under `poststratify`, but no cleaned response has region south"))
        guard case .source(let location) = diagnostic.location else { Issue.record("no place: \(diagnostic)"); return }
        #expect(location.line == 6)
    }

    @Test func responsesOutsideThePostStrataRefuseTheRoundNamingThem() throws {
        let noRegion = { (store: SQLiteStore, document: SurveyDocument) in
            _ = try store.insertCompleteResponses(round: "shop-2024", document: document, source: .import) { inserter in
                let values: [AnswerValue?] = [.choice("yes"), nil, .integer(4), .decimal(10), .boolean(true), nil, .text("nowhere"), .decimal(1)]
                try inserter.insert(values, info: ImportedResponseInfo(language: "sv"))
            }
            return
        }
        // The south has no count, and response 50 (after 24 + 25) has no region.
        let error = try #require(throws: AggregationError.self) {
            try ComputeTests.compute(edit: Self.poststratified("{north: 600}"), prepare: noRegion)
        }
        let messages = error.diagnostics.filter { $0.code.id == "E328" }.map(\.message)
        #expect(messages.count == 2, "\(error.diagnostics)")
        #expect(messages.contains { $0.hasPrefix("1 cleaned response of round shop-2024 has no region (id 50)") && $0.contains("`eligible: ${region} != ''`") })
        #expect(messages.contains { $0.hasPrefix("3 cleaned responses of round shop-2024 have region south, which has no population count under `poststratify` (ids 19, 20, 21)") })
    }
}
