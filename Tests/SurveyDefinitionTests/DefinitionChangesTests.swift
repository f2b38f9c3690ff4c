import SurveyDefinition
import Testing

/// What a later definition of a survey asks differently from an earlier one, variable by variable.
@Suite struct DefinitionChangesTests {
    /// The club's survey with `questions` on its one page, or with `pages` instead when given.
    static func survey(_ version: String, questions: String = "", lists: String = "", pages: String? = nil) throws -> Survey {
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
            \(pages ?? "  - id: main\n    title: {sv: \"Frågor\", en: \"Questions\"}\n    questions:\n" + questions)
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

    /// A code changed under a label kept in every language is the same option renamed; a code
    /// changed with its label is another option, removed and added.
    @Test func aCodeChangedUnderTheSameLabelIsARename() throws {
        let question = "      - {name: form, type: select_one, choices: forms, label: {sv: \"Form\", en: \"Form\"}}"
        let earlier = try Self.survey("1", questions: question, lists: """
              forms:
                - {value: ab, label: {sv: "Aktiebolag", en: "Limited company"}}
                - {value: ek, label: {sv: "Ekonomisk förening", en: "Cooperative"}}
                - {value: hb, label: {sv: "Handelsbolag", en: "Partnership"}}
            """)
        let later = try Self.survey("2", questions: question, lists: """
              forms:
                - {value: aktiebolag, label: {sv: "Aktiebolag", en: "Limited\u{00A0}company"}}
                - {value: ek, label: {sv: "Ekonomisk förening", en: "Cooperative"}}
                - {value: kb, label: {sv: "Kommanditbolag", en: "Limited partnership"}}
            """)
        let differences = try #require(DefinitionChanges(from: earlier, to: later).changed["form"])
        #expect(differences == [.choicesAdded(["kb"]), .choicesRemoved(["hb"]), .choicesRenamed([CodeRename(from: "ab", to: "aktiebolag")])])
        #expect(differences[2].text("en") == "choice codes renamed, their labels kept: ab → aktiebolag")
        #expect(differences[2].text("sv") == "nya koder för svarsalternativ med samma text: ab → aktiebolag")
    }

    /// Two removed codes with one label: which one the added code renames cannot be told, so none is.
    @Test func aRenameThatCouldBeOfTwoCodesIsNone() throws {
        let lists = { (codes: [String]) in "  forms:\n" + codes.map { "    - {value: \($0), label: {sv: \"Bolag\", en: \"Company\"}}" }.joined(separator: "\n") }
        let question = "      - {name: form, type: select_one, choices: forms, label: {sv: \"Form\", en: \"Form\"}}"
        let earlier = try Self.survey("1", questions: question, lists: lists(["ab", "hb"]))
        let later = try Self.survey("2", questions: question, lists: lists(["bolag"]))
        #expect(DefinitionChanges(from: earlier, to: later).changed["form"] == [.choicesAdded(["bolag"]), .choicesRemoved(["ab", "hb"])])
    }

    /// A question moved to a page shown to others is asked of others; moved to a page shown when
    /// its own was, it asks what it asked.
    @Test func aQuestionMovedToAPageWithAnotherConditionIsAskedDifferently() throws {
        /// The club's survey with `report` and `reach` on the pages named.
        func survey(_ version: String, reportOn reportPage: String, reachOn reachPage: String) throws -> Survey {
            let measures = "      - {name: measures, type: select_one, choices: agree, label: {sv: \"Mäter ni?\", en: \"Do you measure?\"}}"
            let report = "      - {name: report, type: text, label: {sv: \"Rapport\", en: \"Report\"}}"
            let reach = "      - {name: reach, type: integer, label: {sv: \"Räckvidd\", en: \"Reach\"}}"
            var pages: [String] = []
            for id in ["all", "measuring", "also_all"] {
                var questions: [String] = id == "all" ? [measures] : []
                if reportPage == id { questions.append(report) }
                if reachPage == id { questions.append(reach) }
                guard !questions.isEmpty else { continue }
                let condition = id == "measuring" ? "    relevant: \"${measures} = '2'\"\n" : ""
                pages.append("  - id: \(id)\n    title: {sv: \"Sida\", en: \"Page\"}\n" + condition + "    questions:\n" + questions.joined(separator: "\n"))
            }
            return try Self.survey(version, pages: pages.joined(separator: "\n"))
        }
        let earlier = try survey("1", reportOn: "all", reachOn: "all")
        let later = try survey("2", reportOn: "measuring", reachOn: "also_all")
        let changes = DefinitionChanges(from: earlier, to: later)
        let moved = QuestionDifference.page(from: PageCondition(page: "all", relevant: nil),
                                            to: PageCondition(page: "measuring", relevant: "${measures} = '2'"))
        #expect(changes.changed == ["report": [moved]])
        #expect(moved.text("en") == "moved from page all (always shown) to page measuring (shown when \"${measures} = '2'\")")
        #expect(moved.text("sv") { "”\($0)”" } == "flyttad från sidan all (visas alltid) till sidan measuring (visas när ”${measures} = '2'”)")
        let condition = QuestionDifference.page(from: PageCondition(page: "p", relevant: nil), to: PageCondition(page: "p", relevant: "${a} = 1"))
        #expect(condition.text("en") == "the condition of page p changed from none to \"${a} = 1\"")
    }
}
