@testable import Aggregation
import Expressions
import SurveyDefinition
import Testing

/// A choice code renamed between two rounds' definitions, its label kept: the shop's next year
/// (Fixtures/shop-renamed-code.yaml) stores the region north as `nord`.
struct RenamedCodeTests {
    /// shop-2024 on shop.yaml and shop-2025 on shop-renamed-code.yaml, each with 12 northern
    /// responses (9 satisfied in 2024, 6 in 2025) and 10 southern ones (5 satisfied in each).
    static func compute(edit: (String) -> String = { $0 }) throws -> ResultSet {
        try QuestionChangeTests.compute(nextYear: "shop-renamed-code.yaml", edit: edit) { round in
            let (north, satisfied) = round == "shop-2024" ? ("north", 9) : ("nord", 6)
            return (0..<22).map { i in
                let score: Int64 = (i < 12 ? i < satisfied : i < 17) ? 5 : 1
                return [.choice("yes"), .choice(i < 12 ? north : "south"), .integer(score), .decimal(10), .boolean(true), nil, .text("r\(i)"), .decimal(1)]
            }
        }
    }

    @Test func aBreakdownsGroupFollowsItsChoiceAcrossTheRenamedCode() throws {
        let results = try Self.compute()
        let north = try #require(ComputeTests.row(results, "satisfied", "shop-2025", "region", "nord")?.outcome.published?.change)
        #expect(north.since == "shop-2024")
        #expect(abs(north.value - -0.25) < 1e-9, "\(north.value)")
        #expect(ComputeTests.row(results, "satisfied", "shop-2025", "region", "south")?.outcome.published?.change?.value == 0)
        // The respondents were offered what they were offered before: no warning, no note.
        #expect(results.notes.isEmpty, "\(results.notes)")
        #expect(results.warnings.isEmpty)
    }

    /// An indicator compares with one code: it is not computed for the round with the other, and
    /// the note says which code that round holds the choice under instead of listing its codes.
    @Test func anIndicatorOfTheRenamedCodeSaysWhereTheChoiceIs() throws {
        let results = try Self.compute { $0 + """
              - id: northern
                node: happy_customers
                kind: proportion
                survey: shop
                title: {sv: "Norr", en: "North"}
                numerator: "${region} = 'nord'"

            """ }
        #expect(ComputeTests.row(results, "northern", "shop-2024") == nil)
        #expect(ComputeTests.row(results, "northern", "shop-2025")?.outcome.published != nil)
        let note = try #require(results.notes.first { $0.kind == "indicator-not-computed" })
        #expect(note == .indicatorNotComputed(
            indicator: "northern", round: "shop-2024", definition: DefinitionVersion(survey: "shop", version: "1"),
            lacking: .renamedCode(UnknownCode(code: "nord", list: "regions", codes: ["north", "south"]), held: "north",
                                  renamedIn: DefinitionVersion(survey: "shop", version: "2"))))
        #expect(note.text("en") == "northern is not computed for round shop-2024: its definition (shop version 1) has no code 'nord' in list regions: "
            + "it has the choice, with the same label, as 'north' (shop version 2 has the code 'nord'), and an indicator compares with one code, "
            + "so it is computed only for the rounds with that code; keep a choice's code from year to year and change its label instead "
            + "(docs/rounds.md, \"The next year's round\")")
        #expect(note.text("sv").hasPrefix("northern beräknas inte för omgång shop-2024: dess definition (shop version 1) saknar koden 'nord' i listan regions: "
            + "den har svarsalternativet med samma text som 'north'"))
    }
}
