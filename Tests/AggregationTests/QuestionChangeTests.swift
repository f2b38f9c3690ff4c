@testable import Aggregation
import Diagnostics
import Expressions
import Foundation
import Frameworks
import Store
import SurveyDefinition
import Testing

/// A change between rounds whose definitions ask a question differently: the next year's shop
/// survey (Fixtures/shop-next-year.yaml) asks the score on a scale of 1 to 10 and adds the region
/// east, which `satisfied` reads and breaks down by; `mean_spend` reads a question left as it was.
struct QuestionChangeTests {
    static let folder = ComputeTests.folder

    /// shop-2024 on shop.yaml (version 1), shop-2025 on `nextYear` (shop-next-year.yaml, version 2).
    static func compute(nextYear: String = "shop-next-year.yaml", rounds: [String]? = nil, edit: (String) -> String = { $0 }) throws -> ResultSet {
        try compute(nextYear: nextYear, rounds: rounds, edit: edit) { round in
            (0..<12).map { i in [.choice("yes"), .choice("north"), .integer(i < 8 ? (round == "shop-2024" ? 5 : 9) : 1), .decimal(10), .boolean(true), nil, .text("r\(i)"), .decimal(1)] }
        }
    }

    /// shop-2024 on shop.yaml and shop-2025 on `nextYear`, each with the `responses` of its round
    /// (the values of shop.yaml's variables), computed with shop-toc.yaml as `edit` leaves it.
    static func compute(nextYear: String, rounds: [String]? = nil, edit: (String) -> String = { $0 },
                        responses: (String) -> [[AnswerValue?]]) throws -> ResultSet {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("question-change-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        let opens = CalendarDate(year: 2024, month: 1, day: 1)!, closes = CalendarDate(year: 2025, month: 12, day: 31)!
        var latest: SurveyDocument?
        for (round, file) in [("shop-2024", "shop.yaml"), ("shop-2025", nextYear)] {
            let path = file.hasPrefix("/") ? file : folder.appendingPathComponent(file).path
            let document = try #require(SurveyLoader.load(contentsOf: path).document)
            try store.openRound(RoundRequest(name: round, document: document, opens: opens, closes: closes, anonymous: true))
            try store.insertCompleteResponses(round: round, document: document, source: .import) { inserter in
                for values in responses(round) { try inserter.insert(values, info: ImportedResponseInfo(language: "sv")) }
            }
            latest = document
        }
        let file = folder.appendingPathComponent("shop-toc.yaml").path
        let loaded = FrameworkLoader.load(text: edit(try String(contentsOfFile: file, encoding: .utf8)), path: file,
                                          surveys: SurveyCatalogue([try #require(latest).survey]))
        return try Aggregator(framework: try #require(loaded.framework, "\(loaded.diagnostics)"), store: store).compute(rounds: rounds)
    }

    @Test func aChangeAcrossAQuestionAskedDifferentlyIsNotedWithWhatChanged() throws {
        let results = try Self.compute()
        // The change is still given: a reworded question may mean the same.
        #expect(ComputeTests.row(results, "satisfied", "shop-2025")?.outcome.published?.change?.since == "shop-2024")
        let expected = ResultNote.questionChanged(
            indicator: "satisfied", round: "shop-2025", since: "shop-2024",
            from: DefinitionVersion(survey: "shop", version: "1"), to: DefinitionVersion(survey: "shop", version: "2"),
            changes: [
                QuestionChange(variable: "score", differences: [.label(languages: ["en", "sv"]), .constraint(from: nil, to: ". >= 1 and . <= 10")]),
                QuestionChange(variable: "region", differences: [.choicesAdded(["east"])]),
            ])
        #expect(results.notes == [expected])
        #expect(expected.kind == "question-changed")
        #expect(expected.text("en") == "satisfied: the change from shop-2024 to shop-2025 compares answers to questions asked differently "
            + "(shop version 1 → 2): score: label reworded (en, sv); constraint changed from none to \". >= 1 and . <= 10\"; "
            + "region: choices added: east; read it as a change only if the answers mean the same in both rounds")
        #expect(expected.text("sv").hasPrefix("satisfied: förändringen från shop-2024 till shop-2025 jämför svar på frågor som ställdes olika "
            + "(shop version 1 → 2): score: frågetexten ändrad (en, sv); villkoret ändrat från ingen till \". >= 1 and . <= 10\"; region: nya svarsalternativ: east;"))
    }

    @Test func theWarningIsAtTheIndicatorInTheFrameworkWithAdvice() throws {
        let results = try Self.compute()
        let warning = try #require(results.warnings.first)
        #expect(results.warnings.count == 1)
        #expect(warning.code == .questionChangedBetweenRounds)
        let file = Self.folder.appendingPathComponent("shop-toc.yaml").path
        let lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
        let line = try #require(lines.firstIndex(of: "  - id: satisfied")) + 1
        // At the indicator's id, as the framework's own diagnostics place an indicator.
        #expect(warning.description.hasPrefix("\(file):\(line):9: warning[W305]: satisfied: the change from shop-2024 to shop-2025"))
        #expect(warning.message.contains("give a question whose meaning changes a new name in the next year's definition"))
        #expect(warning.message.contains("If the answers mean the same, say so on the indicator (`comparable: [shop-2025]`) and the warning goes"))
    }

    @Test func roundsOfOneDefinitionAndChangesNotAskedForAreNotNoted() throws {
        // Both rounds on version 1: nothing changed.
        #expect(try Self.compute(nextYear: "shop.yaml").notes.isEmpty)
        // The earlier round alone: no change is computed, so none is noted.
        #expect(try Self.compute(rounds: ["shop-2024"]).notes.isEmpty)
    }

    /// A typographic correction of a label (a no-break space in a number, an en dash in a range,
    /// curly quotes, a letter's case) asks what it asked before, and is not noted; changed words are.
    @Test func aTypographicCorrectionIsNoRewording() throws {
        #expect(QuestionDifference.wording("Under 250\u{00A0}000 kr") == QuestionDifference.wording("Under 250 000 kr"))
        #expect(QuestionDifference.wording("1–5 miljoner kr") == QuestionDifference.wording("1 - 5 miljoner kr"))
        #expect(QuestionDifference.wording("1 – Inte alls användbar") == QuestionDifference.wording("1–inte alls användbar"))
        #expect(QuestionDifference.wording("till ”Vård och omsorg”.") == QuestionDifference.wording("till \"Vård och omsorg\"."))
        #expect(QuestionDifference.wording("Betyg från 1 till 10") != QuestionDifference.wording("Betyg"))
        let typeset = try Self.computeWithScoreLabel(sv: "Betyg\u{00A0}", en: "SCORE")
        #expect(typeset.notes.isEmpty, "\(typeset.notes)")
    }

    /// shop-2025 on shop.yaml with only the score's label retyped (as version 2).
    static func computeWithScoreLabel(sv: String, en: String) throws -> ResultSet {
        let original = try String(contentsOf: folder.appendingPathComponent("shop.yaml"), encoding: .utf8)
        let retyped = original.replacingOccurrences(of: "label: {sv: \"Betyg\", en: \"Score\"}", with: "label: {sv: \"\(sv)\", en: \"\(en)\"}")
            .replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"")
        #expect(retyped != original)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("shop-retyped-\(UUID().uuidString).yaml")
        try retyped.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try compute(nextYear: file.path)
    }

    @Test func aChangeCheckedToCompareLikeWithLikeIsNotWarnedOfAgain() throws {
        let checked = try Self.compute { $0.replacingOccurrences(of: "    targets: {shop-2025: 0.6}\n", with: "    targets: {shop-2025: 0.6}\n    comparable: [shop-2025]\n") }
        #expect(checked.notes.isEmpty)
        #expect(checked.warnings.isEmpty)
        #expect(ComputeTests.row(checked, "satisfied", "shop-2025")?.outcome.published?.change?.since == "shop-2024")
    }

    @Test func comparableNamesADeclaredRoundOfTheIndicatorsSurvey() throws {
        let file = Self.folder.appendingPathComponent("shop-toc.yaml").path
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let survey = try #require(SurveyLoader.load(contentsOf: Self.folder.appendingPathComponent("shop.yaml").path).document).survey
        func problems(_ comparable: String) -> [String] {
            FrameworkLoader.load(text: text.replacingOccurrences(of: "    targets: {shop-2025: 0.6}\n", with: "    targets: {shop-2025: 0.6}\n    comparable: [\(comparable)]\n"),
                                 path: file, surveys: SurveyCatalogue([survey])).diagnostics.map { "\($0.code): \($0.message)" }
        }
        #expect(problems("shop-2026") == ["E313: `comparable` of indicator `satisfied` names the round 'shop-2026', which the framework does not declare "
            + "(it declares shop-2024 and shop-2025); a new round must be declared before a value names it: add it under `rounds`, in time order: "
            + "{name: shop-2026, survey: shop, label: …}"])
        #expect(problems("year-2025").map { String($0.prefix(4)) } == ["E314"])
        #expect(problems("shop-2025").isEmpty)
    }
}
