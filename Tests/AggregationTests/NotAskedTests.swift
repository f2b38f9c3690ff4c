import Aggregation
import Diagnostics
import Expressions
import Foundation
import Frameworks
import Store
import SurveyDefinition
import Testing

/// A response that a question's or its page's `relevant` hid the question from was never asked it:
/// the results count it apart from the responses that left the question blank, and W307 asks for
/// the `universe` that says whom the indicator is about.
@Suite struct NotAskedTests {
    static let survey = """
        id: fund
        version: "1"
        title: {sv: "Finansiering", en: "Finance"}
        languages: [sv, en]
        choices:
          yes_no:
            - {value: "yes", label: {sv: "Ja", en: "Yes"}}
            - {value: "no", label: {sv: "Nej", en: "No"}}
        pages:
          - id: start
            title: {sv: "Start", en: "Start"}
            questions:
              - {name: sought, type: select_one, choices: yes_no, label: {sv: "Sökt", en: "Sought"}}
              - {name: met, type: integer, relevant: "${sought} = 'yes'", label: {sv: "Täckt", en: "Met"}}
          - id: staff
            title: {sv: "Personal", en: "Staff"}
            relevant: "${sought} = 'no' or ${sought} = ''"
            questions:
              - {name: staff, type: integer, relevant: "${met} = ''", label: {sv: "Anställda", en: "Staff"}}
        """

    static func framework(_ indicators: String) -> String {
        """
        id: fund-toc
        title: {sv: "Ramverk", en: "Framework"}
        languages: [sv, en]
        suppression: {min_cell: 1, min_base: 1}
        rounds:
          - {name: fund-2025, survey: fund, label: {sv: "2025", en: "2025"}}
        impact:
          id: better
          title: {sv: "Bättre", en: "Better"}
        outcomes:
          - id: funded
            title: {sv: "Finansierade", en: "Funded"}
            contributes_to: [better]
        indicators:
        \(indicators)
        """
    }

    static func indicator(_ id: String, _ kind: String, _ keys: String) -> String {
        "  - {id: \(id), node: funded, kind: \(kind), survey: fund, title: {sv: \"x\", en: \"x\"}, \(keys)}"
    }

    /// sought, met, staff of each response: 6 sought finance and gave the share met, 2 sought it and
    /// left the share blank, 4 did not seek it and gave their staff, 1 did not and left staff blank,
    /// and 1 answered nothing (so `${sought} = 'yes'` is false and met was hidden from it).
    static let answers: [(String?, Int64?, Int64?)] =
        Array(repeating: ("yes", 50, nil), count: 6) + Array(repeating: ("yes", nil, nil), count: 2)
        + Array(repeating: ("no", nil, 3), count: 4) + [("no", nil, nil), (nil, nil, nil)]

    static func compute(_ indicators: [String]) throws -> ResultSet {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-asked-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        let document = try #require(SurveyLoader.load(text: survey, path: "fund.yaml").document)
        try store.openRound(RoundRequest(
            name: "fund-2025", document: document, opens: CalendarDate(year: 2025, month: 1, day: 1)!,
            closes: CalendarDate(year: 2025, month: 12, day: 31)!, anonymous: true))
        _ = try store.insertCompleteResponses(round: "fund-2025", document: document, source: .import) { inserter in
            for (sought, met, staff) in answers {
                try inserter.insert([sought.map(AnswerValue.choice), met.map(AnswerValue.integer), staff.map(AnswerValue.integer)],
                                    info: ImportedResponseInfo(language: "sv"))
            }
        }
        let loaded = FrameworkLoader.load(text: framework(indicators.joined(separator: "\n")), path: "fund-toc.yaml",
                                          surveys: SurveyCatalogue([document.survey]))
        let framework = try #require(loaded.framework, "\(loaded.diagnostics)")
        return try Aggregator(framework: framework, store: store).compute()
    }

    static func missing(_ results: ResultSet, _ id: String) throws -> MissingCount {
        try #require(results.missing.first { $0.indicator == id })
    }

    @Test func aValueReadingAQuestionHiddenFromSomeCountsThemApartFromTheBlank() throws {
        let results = try Self.compute([
            Self.indicator("unmet", "ratio", "value: \"100 - ${met}\", denominator: \"100\""),
            Self.indicator("high_met", "proportion", "numerator: \"${met} >= 50\""),
            Self.indicator("mean_staff", "mean", "value: \"${staff}\""),
        ])
        for id in ["unmet", "high_met"] {
            let count = try Self.missing(results, id)
            #expect(count.count == 8, "\(id)")
            #expect(count.notAsked == [MissingCount.NotAsked(question: "met", conditions: ["${sought} = 'yes'"], count: 6)], "\(id)")
            #expect(count.notAskedCount == 6, "\(id)")
        }
        // staff's page hides it from the 8 who sought finance; of the 10 without a value, the other
        // 2 (one who did not seek finance, one who answered nothing) were asked and left it blank.
        // Both conditions hid it from some: the page's from all 8, the question's from the 6 who
        // gave a share met. The page's has an `or`, so it is bracketed where the two are joined.
        let staff = try Self.missing(results, "mean_staff")
        #expect(staff.count == 10)
        #expect(staff.notAsked == [MissingCount.NotAsked(
            question: "staff", conditions: ["${sought} = 'no' or ${sought} = ''", "${met} = ''"], count: 8)])
        #expect(staff.notAsked.first?.condition == "(${sought} = 'no' or ${sought} = '') and ${met} = ''")
    }

    @Test func aUniverseWithTheQuestionsConditionLeavesOnlyTheBlankWithoutAValue() throws {
        let results = try Self.compute([
            Self.indicator("unmet", "ratio", "value: \"100 - ${met}\", denominator: \"100\", universe: \"${sought} = 'yes'\""),
            Self.indicator("met_or_none", "proportion", "numerator: \"coalesce(${met}, 0) >= 50\""),
        ])
        let unmet = try Self.missing(results, "unmet")
        #expect(unmet.count == 2)
        #expect(unmet.notAsked.isEmpty)
        // A numerator that says what an empty answer means has no response without a value.
        #expect(try Self.missing(results, "met_or_none").count == 0)
        #expect(results.warnings.isEmpty, "\(results.warnings)")
        let total = try #require(results.rows.first { $0.indicator == "unmet" && $0.group.variable == nil }?.outcome.published)
        #expect(total.n == 6)
    }

    @Test func eachIndicatorWithResponsesNeverAskedIsWarnedOfOnceWithTheUniverseToGive() throws {
        let results = try Self.compute([
            Self.indicator("unmet", "ratio", "value: \"100 - ${met}\", denominator: \"100\""),
            Self.indicator("mean_staff", "mean", "value: \"${staff}\""),
            Self.indicator("unmet_asked", "ratio", "value: \"100 - ${met}\", denominator: \"100\", universe: \"${sought} = 'yes'\""),
        ])
        let warnings = results.warnings
        #expect(warnings.map(\.code) == [DiagnosticCode.baseHoldsResponsesNotAsked, .baseHoldsResponsesNotAsked])
        #expect(warnings.first?.message == "the base of unmet holds responses that were never asked met, which `${sought} = 'yes'` hid from them: "
            + "6 in fund-2025. They have no value and are left out of the base, counted among the responses without a value as if they "
            + "had not answered. Give the indicator a `universe` that says whom it is about, such as `universe: \"${sought} = 'yes'\"`, "
            + "so that its base is those asked and its responses without a value are answers not given "
            + "(docs/framework-format.md, \"What each kind computes\")")
        #expect(warnings.last?.message.contains("such as `universe: \"(${sought} = 'no' or ${sought} = '') and ${met} = ''\"`") == true)
        // The figure is the same with the universe as without: those not asked have no value either way.
        let unmet = results.rows.first { $0.indicator == "unmet" && $0.group.variable == nil }?.outcome.published
        let asked = results.rows.first { $0.indicator == "unmet_asked" && $0.group.variable == nil }?.outcome.published
        #expect(unmet?.n == 6 && asked?.n == 6 && unmet?.value == asked?.value)
    }
}
