import Aggregation
import Estimators
import Testing

/// A raked round whose indicators estimate on different designs: two weight variables, weight 1,
/// and one weight kept out of the raking (`poststratify: false`). Each design is raked once for
/// all its cells; every cell must equal the estimate Estimators gives on that indicator's own
/// design, raked from scratch, over the cell's members.
struct RakedDesignsTests {
    static let survey = RakingTests.orgsSurvey(
        choices: """
              sizes:
                - {value: small, label: {sv: "Liten", en: "Small"}}
                - {value: large, label: {sv: "Stor", en: "Large"}}
            """,
        questions: """
                  - {name: size, type: select_one, choices: sizes, label: {sv: "Storlek", en: "Size"}}
                  - {name: w1, type: decimal, label: {sv: "Vikt 1", en: "Weight 1"}}
                  - {name: w2, type: decimal, label: {sv: "Vikt 2", en: "Weight 2"}}
            """)

    static let framework = """
        id: orgs-toc
        title: {sv: "Förändringsteori", en: "Theory of change"}
        languages: [sv, en]
        rounds:
          - name: orgs-2025
            survey: orgs
            label: {sv: "2025", en: "2025"}
            poststratify:
              margins:
                - {variable: region, counts: {N: 300, S: 700}}
                - {variable: form, counts: {ab: 400, ef: 600}}
        impact:
          id: strong_sector
          title: {sv: "En stark sektor", en: "A strong sector"}
        outcomes:
          - id: more_jobs
            title: {sv: "Fler jobb", en: "More jobs"}
            contributes_to: [strong_sector]
        indicators:
          - {id: staff_w1, node: more_jobs, kind: mean, survey: orgs, title: {sv: "A", en: "A"}, value: "${staff}", weight: w1, disaggregate: [size]}
          - {id: staff_w2, node: more_jobs, kind: mean, survey: orgs, title: {sv: "B", en: "B"}, value: "${staff}", weight: w2, disaggregate: [size]}
          - {id: staff_w1_own, node: more_jobs, kind: mean, survey: orgs, title: {sv: "C", en: "C"}, value: "${staff}", weight: w1, disaggregate: [size], poststratify: false}
          - {id: large, node: more_jobs, kind: proportion, survey: orgs, title: {sv: "D", en: "D"}, numerator: "${size} = 'large'", disaggregate: [region]}
          - {id: organisations, node: more_jobs, kind: count, survey: orgs, title: {sv: "E", en: "E"}, disaggregate: [size]}
        """

    struct Response {
        let region: String, form: String, size: String
        let staff: Double, w1: Double, w2: Double
    }

    /// 48 responses in every combination of region, form and size, the two weights unlike.
    static let responses: [Response] = (0..<48).map(response)

    static func response(_ i: Int) -> Response {
        let staff = Double(2 + (i * 7) % 13)
        let w1 = Double(1 + i % 3)
        let w2 = 1 + Double(i % 5) * 0.75
        return Response(region: i % 2 == 0 ? "N" : "S", form: i % 3 == 0 ? "ab" : "ef", size: i % 4 < 2 ? "small" : "large",
                        staff: staff, w1: w1, w2: w2)
    }

    static func compute() throws -> ResultSet {
        try RakingTests.compute(survey: survey, framework: framework, rows: responses.map { r in
            [.choice(r.region), .choice(r.form), .integer(Int64(r.staff)), .choice(r.size), .decimal(r.w1), .decimal(r.w2)]
        })
    }

    /// The indicator's design built and raked (or not) from scratch, as one cell alone would have it.
    static func design(weights: [Double], raked: Bool) throws -> SampleDesign {
        let design = try SampleDesign(weights: weights)
        guard raked else { return design }
        return try design.raked(to: [
            RakingMargin(name: "region", groups: responses.map(\.region), populationCounts: ["N": 300, "S": 700]),
            RakingMargin(name: "form", groups: responses.map(\.form), populationCounts: ["ab": 400, "ef": 600]),
        ])
    }

    /// Estimators' estimate of `indicator` over the responses `member` picks, the others outside the domain.
    static func expected(_ indicator: String, _ member: (Response) -> Bool) throws -> Estimate {
        let mask = responses.map(member)
        switch indicator {
        case "large":
            let values = responses.indices.map { mask[$0] && responses[$0].size == "large" ? 1.0 : 0 }
            return try Estimator(design: design(weights: responses.map { _ in 1 }, raked: true)).proportion(values, in: .mask(mask))
        case "organisations":
            return try Estimator(design: design(weights: responses.map { _ in 1 }, raked: true)).count(mask.map { $0 ? 1 : 0 }, in: .mask(mask))
        default:
            let weights = responses.map { indicator == "staff_w2" ? $0.w2 : $0.w1 }
            let values = responses.indices.map { mask[$0] ? responses[$0].staff : 0 }
            return try Estimator(design: design(weights: weights, raked: indicator != "staff_w1_own")).mean(values, in: .mask(mask))
        }
    }

    @Test func everyCellOfARakedRoundIsTheEstimateOnItsIndicatorsOwnRakedDesign() throws {
        let results = try Self.compute()
        let cells: [(indicator: String, variable: String?, code: String?)] =
            ["staff_w1", "staff_w2", "staff_w1_own", "organisations"].flatMap { id in
                [(id, nil, nil), (id, "size", "small"), (id, "size", "large")]
            } + [("large", nil, nil), ("large", "region", "N"), ("large", "region", "S")]
        for cell in cells {
            let published = try #require(ComputeTests.row(results, cell.indicator, "orgs-2025", cell.variable, cell.code)?.outcome.published,
                                         "\(cell)")
            let expected = try Self.expected(cell.indicator) { response in
                guard let variable = cell.variable else { return true }
                return (variable == "size" ? response.size : response.region) == cell.code
            }
            #expect(published.estimate == expected, "\(cell)")
        }
        // The designs differ, so a cell estimated on another indicator's design would differ too.
        let value = { (id: String) in ComputeTests.row(results, id, "orgs-2025", "size", "large")?.outcome.published?.value }
        #expect(Set([value("staff_w1"), value("staff_w2"), value("staff_w1_own")]).count == 3)
        #expect(ComputeTests.row(results, "organisations", "orgs-2025")?.outcome.published?.value == 1000)
    }
}
