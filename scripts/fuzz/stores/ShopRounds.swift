import Expressions
import Foundation
import SurveyDefinition

/// The shop survey of the aggregation tests (Tests/AggregationTests/Fixtures) with a calculated
/// text `area` crossing region and membership, for margins and breakdowns, and its two rounds
/// shop-2024 and shop-2025: responses by the web form (taking from under a minute to an hour),
/// the API and an import, with varied answers, weights (some empty, zero or huge).
public enum ShopRounds {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/AggregationTests/Fixtures")

    public static let document: SurveyDocument = {
        let text = try! String(contentsOf: fixtures.appendingPathComponent("shop.yaml"), encoding: .utf8) + """
                  - {name: area, type: calculate, calculation: "concat(${region}, '-', if(${member}, 'm', 'x'))"}

            """
        let loaded = SurveyLoader.load(text: text, path: "shop.yaml")
        guard let document = loaded.document else { fatalError("the fuzz survey does not load: \(loaded.diagnostics)") }
        return document
    }()

    /// The answers of response `i`: regions, scores, spends and weights vary with it.
    static func answers(_ i: Int) -> [String: AnswerValue?] {
        let weights: [AnswerValue?] = [.decimal(1), .decimal(3), nil, .decimal(0), .decimal(0.001), .decimal(1e12), .decimal(2)]
        let region = i % 9 == 8 ? nil : i % 3 == 0 ? "south" : "north"
        return [
            "consent": .choice(i % 11 == 10 ? "no" : "yes"),
            "region": region.map(AnswerValue.choice),
            "score": i % 7 == 6 ? nil : .integer(Int64(i % 6)),
            "spend": i % 5 == 4 ? nil : .decimal(Double(i * 37 % 101) / 4),
            "member": i % 4 == 3 ? nil : .boolean(i % 2 == 0),
            "topics": .choices(i % 3 == 0 ? [] : i % 3 == 1 ? ["food"] : ["food", "tools"]),
            "name": .text(i % 13 == 12 ? "TEST" : "n\(i % 17)"),
            "weight": weights[i % weights.count],
            "area": i % 4 == 3 ? nil : region.map { .text("\($0)-\(i % 2 == 0 ? "m" : "x")") },
        ]
    }

    /// Opens both rounds and writes their responses with `writer`.
    public static func fill(_ writer: ResponseWriter) throws {
        for (year, round) in ["shop-2024", "shop-2025"].enumerated() {
            try writer.open(round, document)
            for i in 0..<(14 + year * 4) {
                try writer.web(round: round, answers(i), minutes: [0.2, 1, 2.5, 4, 9, 60][i % 6], submits: i % 8 != 7)
            }
            for i in 0..<(8 - year * 5) {
                try writer.api(round: round, document, answers(100 + i))
            }
            try writer.imported(round: round, document, (0..<(12 - year * 2)).map { answers(200 + $0 * 5) })
        }
    }
}
