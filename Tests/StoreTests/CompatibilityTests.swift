import Diagnostics
import Expressions
import Foundation
import GRDB
import SurveyDefinition
import Testing
@testable import Store

/// Re-opening a round, or opening a new round of a survey, with a changed definition.
@Suite struct CompatibilityTests {
    /// Column name → declared type of a table.
    func columns(_ table: String, _ store: SQLiteStore) throws -> [String: String] {
        try store.pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { ($0["name"] as String, $0["type"] as String) })
        }
    }

    @Test func newQuestionsAndChoicesAreAddedAsColumns() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let v1 = TestSurveys.document()
        try temporary.open("shop-2025", v1)
        try temporary.importResponses(10, round: "shop-2025", v1)

        let v2 = TestSurveys.document(version: "2") { survey in
            survey.choiceLists[0].choices.append(TestSurveys.choice("foundation"))
            survey.pages[1].questions.insert(Question(name: "turnover", type: .decimal, location: TestSurveys.at(40)), at: 0)
            survey.pages[1].questions.append(Question(name: "phone", type: .text, isPII: true, location: TestSurveys.at(41)))
        }
        let opening = try temporary.open("shop-2025", v2)
        #expect(opening.definitionChanged)
        #expect(opening.layoutChange.added == ["turnover", "phone"])
        #expect(opening.round.definitionHash == v2.contentHash)
        #expect(try columns("answers_shop", store)["turnover"] == "REAL")
        #expect(try columns("pii_answers_shop", store)["phone"] == "TEXT")
        #expect(try columns("answers_shop", store)["phone"] == nil)
        let catalogue = try store.variables(survey: "shop")
        #expect(catalogue.suffix(2).map(\.name) == ["turnover", "phone"])
        #expect(catalogue.last?.firstDefinitionHash == v2.contentHash)
        #expect(catalogue.first?.firstDefinitionHash == v1.contentHash)
        #expect(try store.definitions(survey: "shop").map(\.version) == ["1", "2"])

        // The old answers are still there, and new responses use the new definition.
        try temporary.importResponses(1, round: "shop-2025", v2.withValues { $0.insert(.decimal(12.5), at: 6); $0.append(.text("070-1234567")) }, document: v2)
        #expect(try store.roundSummaries()[0].complete == 11)
        var turnover: [Double?] = []
        try store.scanResponses(round: "shop-2025", variables: ["turnover", "founded"], selection: .complete) { row in
            turnover.append(row.decimal(0))
        }
        #expect(turnover == Array(repeating: nil, count: 10) + [12.5])
    }

    @Test func nextYearsRoundUnderLastYearsNameIsRefused() throws {
        let (temporary, v1, v2) = try Self.lastYearsRoundAndANewDefinition()
        let nextYear = CalendarDate(year: 2026, month: 10, day: 1)!, closes = CalendarDate(year: 2027, month: 1, day: 31)!
        let refusal = try #require(throws: StoreError.self) {
            try temporary.store.openRound(RoundRequest(name: "shop-2025", document: v2, opens: nextYear, closes: closes))
        }
        let round = try #require(try temporary.store.round(named: "shop-2025"))
        #expect(refusal == .roundNameOfEarlierPeriod(round, responses: 3, opens: nextYear))
        let diagnostic = try #require(refusal.diagnostics(database: temporary.path).first)
        #expect(diagnostic.code == .roundNameOfEarlierPeriod)
        #expect(diagnostic.message.hasPrefix("round shop-2025 ran from 2025-10-01 to 2026-01-31 and has 3 responses; --opens 2026-10-01 begins after it closed"))
        #expect(diagnostic.message.contains("samla round open SURVEY.yaml --name shop-2026 --opens 2026-10-01 --closes …"))
        #expect(round.definitionHash == v1.contentHash && round.closes == TestSurveys.closes, "the round is left as it was")

        // Its own period, extended or re-opened, is no new year's; nor is a round without responses.
        try temporary.store.openRound(RoundRequest(name: "shop-2025", document: v1, opens: TestSurveys.opens, closes: closes))
        try temporary.open("shop-2026", v1)
        #expect(try temporary.store.openRound(RoundRequest(name: "shop-2026", document: v2, opens: nextYear, closes: closes)).definitionChanged)
    }

    @Test func aNewRoundOfTheSurveyExtendsTheSameTables() throws {
        let (temporary, v1, v2) = try Self.lastYearsRoundAndANewDefinition()
        let opening = try temporary.open("shop-2026", v2)
        #expect(opening.created)
        #expect(opening.layoutChange.added == ["employees"])
        #expect(try temporary.store.round(named: "shop-2025")?.definitionHash == v1.contentHash, "the old round keeps its definition")
    }

    @Test func removingAnsweredQuestionsAndChoicesIsRefusedWithCounts() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let v1 = TestSurveys.document()
        try temporary.open("shop-2025", v1)
        try temporary.importResponses(12, round: "shop-2025", v1)

        let v2 = TestSurveys.document(version: "2") { survey in
            survey.pages[0].questions.removeAll { $0.name == "founded" }          // 12 answers
            survey.pages[1].questions.removeAll { $0.name == "contact_email" }    // 12 personal answers
            survey.pages[0].questions.removeAll { $0.name == "note_1" }           // stores nothing: fine
            survey.choiceLists[0].choices.removeAll { $0.value == "coop" }        // legal_form: 4 use coop
            survey.choiceLists[1].choices.removeAll { $0.value == "rules" }       // barriers: 9 use rules
            survey.pages[1].questions[0].rows.removeAll { $0.name == "users" }    // voice_users: never answered, fine
        }
        #expect {
            try temporary.open("shop-2025", v2)
        } throws: { error in
            guard case StoreError.incompatibleDefinition("shop-2025", "shop", let problems, _, _) = error else { return false }
            return Set(problems) == [
                .removedVariable(name: "founded", answers: 12),
                .removedVariable(name: "contact_email", answers: 12),
                .removedChoice(variable: "legal_form", value: "coop", answers: 4),
                .removedChoice(variable: "barriers", value: "rules", answers: 9),
            ]
        }
        // Nothing changed.
        #expect(try store.round(named: "shop-2025")?.definitionHash == v1.contentHash)
        #expect(try store.definitions(survey: "shop").count == 1)
        #expect(try store.variables(survey: "shop").map(\.name) == v1.survey.variables.map(\.name))

    }

    /// The check `openRound` makes before writing, made on a store opened read-only: re-opening
    /// finds what the opening refuses, placed alike; a new round takes the removals and is refused
    /// only a changed type; and nothing is written.
    @Test func aDefinitionIsCheckedAsOpenRoundChecksItWithoutWriting() throws {
        let temporary = try TemporaryStore()
        let v1 = TestSurveys.document()
        try temporary.open("shop-2025", v1)
        try temporary.importResponses(12, round: "shop-2025", v1)
        let v2 = TestSurveys.document(version: "2") { survey in
            survey.pages[0].questions.removeAll { $0.name == "founded" }
            survey.choiceLists[0].choices.removeAll { $0.value == "coop" }
            survey.pages[1].questions.append(Question(name: "turnover", type: .decimal, location: TestSurveys.at(40)))
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: temporary.path))
        let reader = try SQLiteStore(readingOnly: temporary.path)

        let reopening = try reader.checkDefinition(v2, reopening: "shop-2025")
        #expect(Set(reopening.incompatibilities) == [
            .removedVariable(name: "founded", answers: 12), .removedChoice(variable: "legal_form", value: "coop", answers: 4),
        ])
        #expect(reopening.locations[.removedChoice(variable: "legal_form", value: "coop", answers: 4)] == TestSurveys.at(2))

        let asNew = try reader.checkDefinition(v2, reopening: nil)
        #expect(asNew.incompatibilities.isEmpty && asNew.problems.isEmpty)
        #expect(asNew.change.added == ["turnover"])
        let retyped = TestSurveys.document(version: "3") { survey in survey.pages[0].questions[2].type = .integer }
        #expect(try reader.checkDefinition(retyped, reopening: nil).incompatibilities == [
            .changedType(variable: "share", from: .decimal, to: .integer, answers: 12),
        ])
        #expect(throws: StoreError.unknownRound("shop-2052", suggestion: "shop-2025")) { try reader.checkDefinition(v2, reopening: "shop-2052") }

        #expect(try Data(contentsOf: URL(fileURLWithPath: temporary.path)) == before)
        #expect(try temporary.store.definitions(survey: "shop").count == 1)
        let refusal = try #require(throws: StoreError.self) { try temporary.open("shop-2025", v2) }
        #expect(reopening.refusal(round: "shop-2025", survey: v2.survey) == refusal)
        #expect(try temporary.store.variables(survey: "shop").map(\.name) == v1.survey.variables.map(\.name))
    }

    /// A removed variable is shown where what remains of it is in the new file: the matrix's `rows`
    /// for a row, the question's `other` for its text; a question removed outright has no place.
    @Test func removedVariablesPointAtWhatRemainsOfThemInTheNewFile() throws {
        let v1Text = """
            id: shop
            version: "1"
            title: {en: "Shop"}
            languages: [en]
            choices:
              scale:
                - {value: 1, label: {en: "Low"}}
                - {value: 2, label: {en: "High"}}
              forms:
                - {value: ab, label: {en: "AB"}}
            pages:
              - id: about
                title: {en: "About"}
                questions:
                  - name: founded
                    type: integer
                    label: {en: "Founded"}
                  - name: voice
                    type: matrix
                    choices: scale
                    label: {en: "Who has a say?"}
                    rows:
                      - {name: staff, label: {en: "Staff"}}
                      - {name: users, label: {en: "Users"}}
                  - name: legal_form
                    type: select_one
                    choices: forms
                    other: true
                    label: {en: "Legal form"}

            """
        let v2Text = v1Text
            .replacingOccurrences(of: #"version: "1""#, with: #"version: "2""#)
            .replacingOccurrences(of: "      - name: founded\n        type: integer\n        label: {en: \"Founded\"}\n", with: "")
            .replacingOccurrences(of: "          - {name: users, label: {en: \"Users\"}}\n", with: "")
            .replacingOccurrences(of: "other: true", with: "other: false")
        let v1 = try #require(SurveyLoader.load(text: v1Text, path: "surveys/shop.yaml").document)
        let v2 = try #require(SurveyLoader.load(text: v2Text, path: "surveys/shop.yaml").document)
        #expect(v1.survey.variables.map(\.name) == ["founded", "voice_staff", "voice_users", "legal_form", "legal_form_other"])
        #expect(v2.survey.variables.map(\.name) == ["voice_staff", "legal_form"])

        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", v1)
        try temporary.importResponses(2, round: "shop-2025", [.integer(1990), .choice("1"), .choice("2"), .choice("ab"), .text("stiftelse")], document: v1)
        var lines: [String] = []
        #expect {
            try temporary.open("shop-2025", v2)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            lines = error.diagnostics(database: "db").map(\.description).map { String($0.prefix { $0 != "]" }) + "]" }
            return true
        }
        #expect(Set(lines) == [
            "surveys/shop.yaml:1:1: error[E445]",      // founded: the question is gone
            "surveys/shop.yaml:20:11: error[E445]",    // voice_users: voice's rows
            "surveys/shop.yaml:24:16: error[E445]",    // legal_form_other: legal_form's other
        ])
    }

    @Test func aNewRoundMayDropQuestionsThatEarlierRoundsAnswered() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let v1 = TestSurveys.document()
        try temporary.open("shop-2025", v1)
        try temporary.importResponses(12, round: "shop-2025", v1)
        let v2 = TestSurveys.document(version: "2") { survey in
            survey.pages[0].questions.removeAll { $0.name == "founded" }
            survey.choiceLists[0].choices.removeAll { $0.value == "coop" }
        }
        let opening = try temporary.open("shop-2026", v2)
        #expect(opening.created)
        #expect(opening.layoutChange.isEmpty)
        // The earlier round keeps its definition, its answers and its columns.
        #expect(try store.round(named: "shop-2025")?.definitionHash == v1.contentHash)
        var founded: [Int64?] = []
        try store.scanResponses(round: "shop-2025", variables: ["founded"], selection: .complete) { row in
            founded.append(row.integer(0))
        }
        #expect(founded.count == 12 && founded.allSatisfy { $0 != nil })
        // Re-opening the earlier round with the new definition is still refused.
        #expect(throws: StoreError.self) { try temporary.open("shop-2025", v2) }
    }

    @Test func aNewRoundMayNotRetypeAnAnsweredColumn() throws {
        let temporary = try TemporaryStore()
        let v1 = TestSurveys.document()
        try temporary.open("shop-2025", v1)
        try temporary.importResponses(3, round: "shop-2025", v1)
        let v2 = TestSurveys.document(version: "2") { survey in
            survey.pages[0].questions[2].type = .integer   // share: answered in shop-2025
        }
        #expect {
            try temporary.open("shop-2026", v2)
        } throws: { error in
            guard case StoreError.incompatibleDefinition(_, _, let problems, _, _) = error else { return false }
            return problems.map(\.variable) == ["share"]
        }
        #expect(try temporary.store.roundSummaries().count == 1)
    }

    @Test func refusalMessagesNameWhatWouldBeLost() throws {
        let error = StoreError.incompatibleDefinition(
            round: "shop-2025", survey: "shop",
            problems: [.removedVariable(name: "founded", answers: 12), .removedChoice(variable: "legal_form", value: "coop", answers: 1),
                       .changedType(variable: "share", from: .decimal, to: .integer, answers: 3)],
            locations: [.changedType(variable: "share", from: .decimal, to: .integer, answers: 3): TestSurveys.at(12)],
            location: TestSurveys.at(1))
        let lines = error.diagnostics(database: "db").map(\.description)
        #expect(lines == [
            "surveys/shop.yaml:1:1: error[E445]: cannot open round shop-2025 with this definition of shop: the new definition has no variable founded, but this round has 12 answers to it; those answers would be lost — keep the question (it may be hidden with relevant), or open a new round with the changed definition",
            "surveys/shop.yaml:1:1: error[E446]: cannot open round shop-2025 with this definition of shop: legal_form no longer offers the value coop, but 1 answer in this round uses it; those answers would be lost — keep the choice, or open a new round with the changed definition",
            "surveys/shop.yaml:12:1: error[E447]: cannot open round shop-2025 with this definition of shop: share changes from decimal to integer, but 3 answers of type decimal are stored; give the changed question a new name instead",
        ])
    }

    @Test func questionsAndChoicesWithoutAnswersMayGo() throws {
        let temporary = try TemporaryStore()
        let v1 = TestSurveys.document()
        try temporary.open("shop-2025", v1)
        try temporary.importResponses(12, round: "shop-2025", v1)
        let v2 = TestSurveys.document(version: "2") { survey in
            survey.pages[1].questions[0].rows.removeAll { $0.name == "users" }    // never answered
            survey.choiceLists[0].choices.removeAll { $0.value == "assoc" }       // never chosen
            survey.pages[0].questions[3].allowsOther = false                       // "other" chosen 4 times…
        }
        // …so dropping `other` is refused, naming both the value and the text variable.
        #expect {
            try temporary.open("shop-2025", v2)
        } throws: { error in
            guard case StoreError.incompatibleDefinition(_, _, let problems, _, _) = error else { return false }
            return Set(problems) == [.removedChoice(variable: "legal_form", value: "other", answers: 4),
                                     .removedVariable(name: "legal_form_other", answers: 4)]
        }
        let v3 = TestSurveys.document(version: "3") { survey in
            survey.pages[1].questions[0].rows.removeAll { $0.name == "users" }
            survey.choiceLists[0].choices.removeAll { $0.value == "assoc" }
        }
        let opening = try temporary.open("shop-2025", v3)
        #expect(opening.definitionChanged)
        #expect(opening.layoutChange.isEmpty)
        #expect(try temporary.store.variables(survey: "shop").contains { $0.name == "voice_users" }, "the column stays for older definitions")
    }

    @Test func typeChangesAreRefusedOnlyWhenAnswered() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let v1 = TestSurveys.document()
        try temporary.open("shop-2025", v1)
        try store.insertCompleteResponses(round: "shop-2025", document: v1, source: .import) { inserter in
            var values = TestSurveys.answers(1)
            values[9] = nil // story unanswered
            try inserter.insert(values, info: ImportedResponseInfo(language: "sv"))
        }
        let v2 = TestSurveys.document(version: "2") { survey in
            survey.pages[0].questions[2].type = .integer   // share: answered
            survey.pages[1].questions[2].type = .integer   // story: no answers
        }
        #expect {
            try temporary.open("shop-2025", v2)
        } throws: { error in
            guard case StoreError.incompatibleDefinition(_, _, let problems, _, _) = error else { return false }
            return problems == [.changedType(variable: "share", from: .decimal, to: .integer, answers: 1)]
        }
        let v3 = TestSurveys.document(version: "3") { survey in
            survey.pages[1].questions[2].type = .integer
        }
        let opening = try temporary.open("shop-2025", v3)
        #expect(opening.layoutChange.retyped == ["story"])
        #expect(try columns("answers_shop", store)["story"] == "INTEGER")
        #expect(try store.variables(survey: "shop").first { $0.name == "story" }?.type == .integer)
    }

    @Test func aQuestionThatBecomesPersonalMovesItsAnswers() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let v1 = TestSurveys.document()
        try temporary.open("shop-2025", v1)
        try temporary.importResponses(5, round: "shop-2025", v1)
        let v2 = TestSurveys.document(version: "2") { survey in
            survey.pages[1].questions[2].isPII = true     // story becomes personal
            survey.pages[1].questions[4].isPII = false    // contact_name no longer is
        }
        let opening = try temporary.open("shop-2025", v2)
        #expect(opening.layoutChange.movedToPersonal == ["story"])
        #expect(opening.layoutChange.movedFromPersonal == ["contact_name"])
        #expect(try columns("answers_shop", store)["story"] == nil)
        #expect(try columns("pii_answers_shop", store)["story"] == "TEXT")
        #expect(try columns("answers_shop", store)["contact_name"] == "TEXT")
        let response = try #require(try store.response(3))
        #expect(response.answers["story"] == TestSurveys.answers(2)[9])
        #expect(response.answers["contact_name"] == .text("Person 2"))
        #expect(try store.erase(.personalData(.response(3))).personalAnswers == 2)
        let erased = try #require(try store.response(3))
        #expect(erased.answers["story"] == nil)
        #expect(erased.answers["contact_email"] == nil)
        #expect(erased.answers["contact_name"] == .text("Person 2"))
    }

    /// Round shop-2025 with 3 responses on the first definition, and a second definition that adds `employees`.
    /// A mended definition reaches the respondents half-way (a corrected text, a loosened
    /// constraint), while submitted responses keep the definition they were given under.
    @Test func reopeningMovesPartialResponsesToTheMendedDefinition() throws {
        let (temporary, v1, v2) = try Self.lastYearsRoundAndANewDefinition()
        let store = temporary.store
        let begun = try store.createResponse(NewResponse(round: "shop-2025", language: "sv", source: .import), today: TestSurveys.today)
        try store.saveAnswers(["legal_form": .choice("ab")], response: begun.id, currentPage: "about")
        let opening = try temporary.open("shop-2025", v2)
        #expect(opening.partialResponsesMoved == 1)
        let moved = try #require(try store.response(begun.id))
        #expect(moved.record.definitionHash == v2.contentHash)
        #expect(moved.answers["legal_form"] == .choice("ab"))
        #expect(moved.record.currentPage == "about")
        let hashes = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT definition_hash FROM responses WHERE status = 'complete'") }
        #expect(hashes == Array(repeating: v1.contentHash, count: 3))
        #expect(try temporary.open("shop-2025", v2).partialResponsesMoved == 0, "the same definition again moves nothing")
    }

    private static func lastYearsRoundAndANewDefinition() throws -> (TemporaryStore, SurveyDocument, SurveyDocument) {
        let temporary = try TemporaryStore()
        let v1 = TestSurveys.document()
        try temporary.open("shop-2025", v1)
        try temporary.importResponses(3, round: "shop-2025", v1)
        let v2 = TestSurveys.document(version: "2") { survey in
            survey.pages[0].questions.append(Question(name: "employees", type: .integer, location: TestSurveys.at(40)))
        }
        return (temporary, v1, v2)
    }
}

extension SurveyDocument {
    /// The values of `TestSurveys.answers(0)` edited for a changed definition.
    func withValues(_ edit: (inout [AnswerValue?]) -> Void) -> [AnswerValue?] {
        var values = TestSurveys.answers(0)
        edit(&values)
        precondition(values.count == survey.variables.count)
        return values
    }
}

extension TemporaryStore {
    func importResponses(_ count: Int, round: String, _ values: [AnswerValue?], document: SurveyDocument) throws {
        try store.insertCompleteResponses(round: round, document: document, source: .import) { inserter in
            for _ in 0..<count { try inserter.insert(values, info: ImportedResponseInfo(language: "sv")) }
        }
    }
}
