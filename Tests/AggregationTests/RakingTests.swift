import Aggregation
import Expressions
import Foundation
import Frameworks
import Store
import SurveyDefinition
import Testing

/// A round raked to two margins, region and legal form: 20 organisations answered, 4 northern
/// companies (ab), 6 northern foundations (ef), 8 southern companies and 2 southern foundations;
/// the register counts 300 in the north, 700 in the south, 600 companies and 400 foundations.
struct RakingTests {
    static let survey = orgsSurvey()

    /// The organisations' survey: region, legal form and staff, then `questions` (with their
    /// `choices` lists), written at the indentation of the document's top level.
    static func orgsSurvey(choices: String = "", questions: String = "") -> String {
        """
        id: orgs
        version: "1"
        title: {sv: "Organisationer", en: "Organisations"}
        languages: [sv, en]
        choices:
          regions:
            - {value: N, label: {sv: "Norr", en: "North"}}
            - {value: S, label: {sv: "Söder", en: "South"}}
          forms:
            - {value: ab, label: {sv: "Aktiebolag", en: "Company"}}
            - {value: ef, label: {sv: "Ekonomisk förening", en: "Foundation"}}
        \(choices)
        pages:
          - id: main
            title: {sv: "Frågor", en: "Questions"}
            questions:
              - {name: region, type: select_one, choices: regions, label: {sv: "Region", en: "Region"}}
              - {name: form, type: select_one, choices: forms, label: {sv: "Form", en: "Form"}}
              - {name: staff, type: integer, label: {sv: "Anställda", en: "Staff"}}
        \(questions)
        """
    }

    static func framework(_ margins: String) -> String {
        """
        id: orgs-toc
        title: {sv: "Förändringsteori", en: "Theory of change"}
        languages: [sv, en]
        rounds:
          - name: orgs-2025
            survey: orgs
            label: {sv: "2025", en: "2025"}
            poststratify:
        \(margins)
              source: {sv: "Registret", en: "The register"}
        impact:
          id: strong_sector
          title: {sv: "En stark sektor", en: "A strong sector"}
        outcomes:
          - id: more_jobs
            title: {sv: "Fler jobb", en: "More jobs"}
            contributes_to: [strong_sector]
        indicators:
          - {id: staff, node: more_jobs, kind: mean, survey: orgs, title: {sv: "Anställda", en: "Staff"}, value: "${staff}"}
          - {id: organisations, node: more_jobs, kind: count, survey: orgs, title: {sv: "Organisationer", en: "Organisations"}}
        """
    }

    /// (region, form, staff) of each response.
    static let responses: [(String, String, Int64)] =
        (0..<4).map { ("N", "ab", 10 + $0) } + (0..<6).map { ("N", "ef", 2 + $0) }
        + (0..<8).map { ("S", "ab", 20 + $0) } + (0..<2).map { ("S", "ef", 1 + $0) }

    static func compute(
        _ margins: String, responses: [(String, String, Int64)] = responses, edit: (String) -> String = { $0 }
    ) throws -> ResultSet {
        try compute(survey: survey, framework: edit(framework(margins)), rows: responses.map { [.choice($0.0), .choice($0.1), .integer($0.2)] })
    }

    /// `framework` computed over a store whose round orgs-2025 of `survey` holds one imported
    /// response per row (answers in the order of the survey's variables).
    static func compute(survey: String, framework: String, rows: [[AnswerValue?]]) throws -> ResultSet {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("raking-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        let document = try #require(SurveyLoader.load(text: survey, path: "orgs.yaml").document)
        try store.openRound(RoundRequest(
            name: "orgs-2025", document: document, opens: CalendarDate(year: 2025, month: 1, day: 1)!,
            closes: CalendarDate(year: 2025, month: 12, day: 31)!, anonymous: true))
        try store.insertCompleteResponses(round: "orgs-2025", document: document, source: .import) { inserter in
            for row in rows {
                try inserter.insert(row, info: ImportedResponseInfo(language: "sv"))
            }
        }
        let loaded = FrameworkLoader.load(text: framework, path: "orgs-toc.yaml", surveys: SurveyCatalogue([document.survey]))
        let framework = try #require(loaded.framework, "\(loaded.diagnostics)")
        return try Aggregator(framework: framework, store: store, language: "en").compute(rounds: nil)
    }

    static let margins = """
              margins:
                - {variable: region, counts: {N: 300, S: 700}}
                - {variable: form, counts: {ab: 600, ef: 400}}
        """

    /// Raking by a plain loop: scale to the regions, then to the forms, until no cell of the
    /// region × form table moves by 1 or more in a pass (R's rule), at most 10 passes.
    static func rakedByHand() -> [Double] {
        let cells = ["N ab", "N ef", "S ab", "S ef"]
        let sizes: [Double] = [4, 6, 8, 2]
        var cellWeights = sizes
        for _ in 0..<10 {
            let before = cellWeights
            let north = cellWeights[0] + cellWeights[1], south = cellWeights[2] + cellWeights[3]
            cellWeights[0] *= 300 / north; cellWeights[1] *= 300 / north
            cellWeights[2] *= 700 / south; cellWeights[3] *= 700 / south
            let ab = cellWeights[0] + cellWeights[2], ef = cellWeights[1] + cellWeights[3]
            cellWeights[0] *= 600 / ab; cellWeights[2] *= 600 / ab
            cellWeights[1] *= 400 / ef; cellWeights[3] *= 400 / ef
            if zip(before, cellWeights).allSatisfy({ abs($0 - $1) < 1 }) { break }
        }
        // Each response's weight: its cell's weight shared among the cell's responses.
        return responses.map { region, form, _ in
            let cell = cells.firstIndex(of: "\(region) \(form)")!
            return cellWeights[cell] / sizes[cell]
        }
    }

    /// Raking ends each pass by post-stratifying to its last margin, so the weights add up to the
    /// population's size and meet each legal form's count exactly: those counts are fixed, with no
    /// interval. The regions are met only to within raking's tolerance of 1, so a region's count
    /// is an estimate with its interval.
    @Test func countsTheRakingMeetsExactlyHaveNoInterval() throws {
        let counts = """

              - {id: companies, node: more_jobs, kind: count, survey: orgs, title: {sv: "Bolag", en: "Companies"}, universe: "${form} = 'ab'"}
              - {id: northern, node: more_jobs, kind: count, survey: orgs, title: {sv: "Norr", en: "North"}, universe: "${region} = 'N'"}
            """
        let results = try Self.compute(Self.margins, edit: { $0 + counts })
        for (indicator, count) in [("organisations", 1000.0), ("companies", 600)] {
            let cell = try #require(ComputeTests.row(results, indicator, "orgs-2025")?.outcome.published)
            #expect(abs(cell.value - count) < 1e-6, "\(indicator): \(cell.value)")
            #expect(cell.interval == nil && cell.noIntervalReason == .fixedByWeighting, "\(indicator)")
        }
        let northern = try #require(ComputeTests.row(results, "northern", "orgs-2025")?.outcome.published)
        #expect(northern.interval != nil && northern.noIntervalReason == nil && northern.fixed == nil)
    }

    @Test func estimatesOfARakedRoundUseTheRakedWeights() throws {
        let results = try Self.compute(Self.margins)
        let weights = Self.rakedByHand()
        let staff = Self.responses.map { Double($0.2) }
        let mean = zip(weights, staff).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
        let estimate = try #require(ComputeTests.row(results, "staff", "orgs-2025")?.outcome.published)
        #expect(abs(estimate.value - mean) < 1e-9, "\(estimate.value) vs \(mean)")
        #expect(abs(mean - staff.reduce(0, +) / 20) > 0.5, "the weights change the mean")
        #expect(estimate.n == 20)
        #expect(estimate.estimate?.isWeighted == true)
        let count = try #require(ComputeTests.row(results, "organisations", "orgs-2025")?.outcome.published)
        #expect(abs(count.value - 1000) < 1e-9)
        let note = ResultNote.roundPostStratified(round: "orgs-2025", variables: ["region", "form"], source: "The register")
        #expect(results.notes.contains(note), "\(results.notes)")
        #expect(note.text("en") == "the estimates of round orgs-2025 are weighted to known population counts by region and form (raking) (The register): counts and totals are estimates for the whole population")
        #expect(note.text("sv").contains("efter region och form (raking) (The register)"))
    }

    /// A list of one margin is the one-variable form: post-stratification, R's postStratify
    /// (whose variance differs from a one-margin rake's).
    @Test func oneMarginIsPostStratification() throws {
        let listed = try Self.compute("""
              margins:
                - {variable: region, counts: {N: 300, S: 700}}
        """)
        let plain = try Self.compute("""
              variable: region
              counts: {N: 300, S: 700}
        """)
        let fromList = try #require(ComputeTests.row(listed, "staff", "orgs-2025")?.outcome.published?.estimate)
        let fromPlain = try #require(ComputeTests.row(plain, "staff", "orgs-2025")?.outcome.published?.estimate)
        #expect(fromList == fromPlain)
        #expect(listed.notes == plain.notes)
        #expect(listed.notes.first?.text("en").contains("(raking)") == false)
    }

    @Test func marginsTheResponsesCannotMeetRefuseTheRound() throws {
        // Only northern companies and southern foundations answer, and the margins want twice as
        // many companies as northerners: raking alternates between two sets of weights (R stops
        // there without a warning, the regions missed by 300).
        let diagonal = Self.responses.filter { ($0.0 == "N") == ($0.1 == "ab") }
        let error = try #require(throws: AggregationError.self) { try Self.compute(Self.margins, responses: diagonal) }
        #expect(error.diagnostics.map(\.code.id) == ["E331"])
        let message = try #require(error.diagnostics.first?.message)
        #expect(message.hasPrefix("raking round orgs-2025 to region, form with every response weighing 1 did not converge in 2 passes (R's rake stops after 10): the weights of region N add up to 600, not its count 300"), "\(message)")
    }

    /// A design Estimators refuses (an fpc that varies within its one stratum) gives no estimates,
    /// and its weights still cannot be raked: E331 names it, as for a design that can be built.
    @Test func aRakingThatDoesNotConvergeIsNamedOnADesignEstimatorsRefuse() throws {
        let diagonal = Self.responses.filter { ($0.0 == "N") == ($0.1 == "ab") }
        let weighted = { (framework: String) in
            framework.replacingOccurrences(of: "value: \"${staff}\"}", with: "value: \"${staff}\", weight: staff, fpc: staff}")
        }
        #expect(weighted(Self.framework(Self.margins)) != Self.framework(Self.margins))
        let error = try #require(throws: AggregationError.self) { try Self.compute(Self.margins, responses: diagonal, edit: weighted) }
        #expect(error.diagnostics.map(\.code.id) == ["E331"])
        let message = try #require(error.diagnostics.first?.message)
        #expect(message.hasPrefix("raking round orgs-2025 to region, form with the weights of staff did not converge"), "\(message)")
    }
}

extension RakingTests {
    /// Found by fuzzing: margins counted in the tens of quintillions that the responses cannot meet
    /// stopped the computation writing the weighted count into the refusal (E331). Such counts are
    /// now refused where they are written (E326: no register counts beyond 1e12), before any raking.
    @Test func marginsBeyondAnyRegisterAreRefusedBeforeRaking() throws {
        let huge = """
                  margins:
                    - {variable: region, counts: {N: 3e19, S: 7e19}}
                    - {variable: form, counts: {ab: 6e19, ef: 4e19}}
            """
        let loaded = FrameworkLoader.load(
            text: Self.framework(huge), path: "orgs-toc.yaml",
            surveys: SurveyCatalogue([try #require(SurveyLoader.load(text: Self.orgsSurvey(), path: "orgs.yaml").document).survey]))
        #expect(loaded.framework == nil)
        #expect(loaded.diagnostics.filter(\.isError).map(\.code.id) == ["E326", "E326", "E326", "E326"], "\(loaded.diagnostics)")
        #expect(loaded.diagnostics.contains { $0.message.contains("the population count of N in margin 1 of `poststratify` of round orgs-2025 is '3e19', more units than any register counts") })
    }
}

/// Raking whose weights leave the range of a Double (0, or beyond 1.8e308) is refused with E331
/// naming the group, the pass and what to check, in finite figures.
extension RakingTests {
    /// The organisations' survey with a decimal `size`, the weight of the `staff` indicator.
    static let sizedSurvey = orgsSurvey(questions: "      - {name: size, type: decimal, label: {sv: \"Storlek\", en: \"Size\"}}")
    static let sizeWeighted = framework(margins).replacingOccurrences(of: "value: \"${staff}\"}", with: "value: \"${staff}\", weight: size}")

    static func refusal(survey: String = survey, framework: String, rows: [[AnswerValue?]]) throws -> String {
        let error = try #require(throws: AggregationError.self) { try compute(survey: survey, framework: framework, rows: rows) }
        #expect(error.diagnostics.map(\.code.id) == ["E331"])
        let message = try #require(error.diagnostics.first?.message)
        #expect(message.range(of: #"\b(inf|nan)\b|  | ,"#, options: .regularExpression) == nil, "\(message)")
        return message
    }

    /// No southern foundation answered; the northern foundations weigh 1e-300 beside northern
    /// companies weighing 1e300, so scaling the north to 300 takes the foundations' weights below
    /// the smallest Double: after the first margin's pass, form ef weighs 0 and cannot be scaled to 400.
    @Test func aMarginGroupWhoseWeightsFallToZeroInThePassesIsNamed() throws {
        #expect(Self.sizeWeighted != Self.framework(Self.margins))
        let rows: [[AnswerValue?]] = Self.responses.filter { $0.0 == "N" || $0.1 == "ab" }.map {
            [.choice($0.0), .choice($0.1), .integer($0.2), .decimal($0.1 == "ef" ? 1e-300 : $0.0 == "N" ? 1e300 : 1)]
        }
        let message = try Self.refusal(survey: Self.sizedSurvey, framework: Self.sizeWeighted, rows: rows)
        #expect(message == "raking round orgs-2025 to region, form with the weights of size stopped in pass 1: the weights of form ef add up to 0 after scaling to region, and scaling them to its count 400 would take them beyond the range of 64-bit floating-point numbers (about 4.9e-324 to 1.8e308), where they become 0 or infinite; counts and weights this far apart are not those of one population: check the counts under `poststratify` and the weights of size (each count the number of units in its group, each weight about the number of units a response stands for)")
    }

    /// Weights of 1e308 add up beyond the largest Double in every group before any scaling.
    @Test func weightsThatAddUpBeyondTheLargestNumberAreNamed() throws {
        let rows: [[AnswerValue?]] = Self.responses.map { [.choice($0.0), .choice($0.1), .integer($0.2), .decimal(1e308)] }
        let message = try Self.refusal(survey: Self.sizedSurvey, framework: Self.sizeWeighted, rows: rows)
        #expect(message.hasPrefix("raking round orgs-2025 to region, form with the weights of size stopped in pass 1: the weights of region N add up to more than the largest 64-bit floating-point number (1.8e308) as given, and scaling them to its count 300 would take them beyond the range"), "\(message)")
    }

    /// A northern count of 1e-323 (two of the smallest Double) shared among 10 responses is 0 for each.
    @Test func aCountTooSmallToShareIsNamed() throws {
        let tiny = """
                  margins:
                    - {variable: region, counts: {N: 1e-323, S: 1000}}
                    - {variable: form, counts: {ab: 600, ef: 400}}
            """
        let message = try Self.refusal(framework: Self.framework(tiny), rows: Self.responses.map { [.choice($0.0), .choice($0.1), .integer($0.2)] })
        #expect(message.hasPrefix("raking round orgs-2025 to region, form with every response weighing 1 stopped in pass 1: the weights of region N add up to 10 as given, and scaling them to its count 1e-323 would take them beyond the range"), "\(message)")
        #expect(message.hasSuffix("check the counts under `poststratify` (each count the number of units in its group)"), "\(message)")
    }
}
