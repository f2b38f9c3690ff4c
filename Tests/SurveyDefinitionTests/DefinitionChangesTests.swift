import SurveyDefinition
import Testing

/// What a later definition of a survey asks differently from an earlier one, variable by variable.
@Suite struct DefinitionChangesTests {
    static func survey(_ version: String, questions: String, lists: String = "") throws -> Survey {
        let text = """
            id: club
            version: "\(version)"
            title: {sv: "Klubben", en: "The club"}
            languages: [sv, en]
            choices:
              agree:
                - {value: 1, label: {sv: "Nej", en: "No"}}
                - {value: 2, label: {sv: "Ja", en: "Yes"}}
            \(lists)
            pages:
              - id: main
                title: {sv: "Frågor", en: "Questions"}
                questions:
            \(questions)
            """
        let loaded = SurveyLoader.load(text: text, path: "club-\(version).yaml")
        return try #require(loaded.document, "\(loaded.diagnostics)").survey
    }

    @Test func addedChangedAndDroppedVariablesByName() throws {
        let earlier = try Self.survey("1", questions: """
                  - {name: visits, type: integer, label: {sv: "Besök", en: "Visits"}}
                  - {name: say, type: matrix, choices: agree, label: {sv: "Instämmer du?", en: "Do you agree?"}, rows: [{name: fun, label: {sv: "Kul", en: "Fun"}}, {name: calm, label: {sv: "Lugnt", en: "Calm"}}]}
                  - {name: gone, type: text, label: {sv: "Borta", en: "Gone"}}
            """)
        let later = try Self.survey("2", questions: """
                  - {name: visits, type: integer, label: {sv: "Besök i år", en: "Visits this year"}, constraint: ". >= 0"}
                  - {name: say, type: matrix, choices: agree, label: {sv: "Instämmer du?", en: "Do you agree?"}, rows: [{name: fun, label: {sv: "Roligt", en: "Fun"}}, {name: calm, label: {sv: "Lugnt", en: "Calm"}}, {name: safe, label: {sv: "Tryggt", en: "Safe"}}]}
                  - {name: fee, type: decimal, label: {sv: "Avgift", en: "Fee"}}
            """)
        let changes = DefinitionChanges(from: earlier, to: later)
        #expect(changes.added.map(\.name) == ["say_safe", "fee"])
        #expect(changes.dropped.map(\.name) == ["gone"])
        #expect(changes.changed == [
            "visits": [.label(languages: ["en", "sv"]), .constraint(from: nil, to: ". >= 0")],
            "say_fun": [.label(languages: ["sv"])],
        ])
        #expect(!changes.isEmpty)
        #expect(DefinitionChanges(from: later, to: later).isEmpty)
    }

    @Test func theDifferencesInWordsInSwedishAndEnglish() {
        let constraint = QuestionDifference.constraint(from: nil, to: ". >= 0")
        #expect(constraint.text("sv") == "villkoret ändrat från ingen till \". >= 0\"")
        #expect(constraint.text("sv") { "”\($0)”" } == "villkoret ändrat från ingen till ”. >= 0”")
        #expect(QuestionDifference.choicesAdded(["9"]).text("en") == "choices added: 9")
    }
}
