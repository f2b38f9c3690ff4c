import Diagnostics
import Expressions
import Foundation
import SurveyDefinition
import Testing

/// The valid fixture uses every type and key; the loaded model must say exactly what the file says.
@Suite struct CompleteSurveyTests {
    let path = Fixtures.path("valid/complete.yaml")
    let survey: Survey
    let document: SurveyDocument

    init() throws {
        let result = SurveyLoader.load(contentsOf: Fixtures.path("valid/complete.yaml"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        document = try #require(result.document)
        survey = document.survey
    }

    private func question(_ name: String) throws -> Question {
        try #require(survey.question(named: name))
    }

    private func at(_ line: Int, _ column: Int) -> Diagnostics.SourceLocation {
        Diagnostics.SourceLocation(file: path, line: line, column: column)
    }

    @Test func surveyHeader() {
        #expect(survey.id == "complete-example")
        #expect(survey.version == "2025.1")
        #expect(survey.title == ["sv": "Alla frågetyper", "en": "Every question type"])
        #expect(survey.description?["en"] == "A survey that shows the whole format.")
        #expect(survey.languages == ["sv", "en"])
        #expect(survey.location(of: "languages") == at(8, 12))
    }

    @Test func scalarsStayAsWritten() throws {
        #expect(survey.choiceList(named: "yes_no")?.choices.map(\.value) == ["yes", "no"])
        #expect(survey.choiceList(named: "versions")?.choices.map(\.value) == ["1.10", "on"])
        #expect(survey.choiceList(named: "agree")?.choices.map(\.value) == ["1", "2", "3"])
        #expect(try question("has_board").defaultValue == "yes")
    }

    @Test func choiceListsAndAttributes() throws {
        let counties = try #require(survey.choiceList(named: "counties"))
        #expect(counties.location == at(17, 3))
        #expect(counties.choices[0].attributes == ["region": "south", "seats": "3"])
        #expect(counties.choices[1].label["en"] == "Stockholm County")
        #expect(counties.choices[1].location == at(19, 7))
        let barriers = try #require(survey.choiceList(named: "barriers"))
        #expect(barriers.choices.map(\.value) == ["funding", "skills"])
        #expect(barriers.choices[1].location == at(23, 7))
    }

    @Test func pages() {
        #expect(survey.pages.map(\.id) == ["profile", "details"])
        #expect(survey.pages[0].location == at(31, 5))
        #expect(survey.pages[1].relevant == ExpressionSource("${founded} < 2025", at: at(82, 16)))
        #expect(survey.pages[1].title?["sv"] == "Detaljer")
        #expect(survey.questions.count == 17)
    }

    @Test func everyTypeIsRead() {
        let types = Set(survey.questions.map(\.type))
        #expect(types == Set(QuestionType.allCases))
    }

    @Test func answeredQuestionKeys() throws {
        let orgName = try question("org_name")
        #expect(orgName.type == .text)
        #expect(orgName.required)
        #expect(orgName.isPII)
        #expect(orgName.hint == ["sv": "Som i registret", "en": "As registered"])
        #expect(orgName.location == at(37, 9))
        #expect(orgName.location(of: "pii") == at(42, 14))

        let founded = try question("founded")
        #expect(founded.constraint == ExpressionSource(". >= 1850 and . <= 2025", at: at(50, 22)))
        #expect(founded.constraintMessage?["en"] == "Give a year between 1850 and 2025")
        #expect(founded.exportAs == "ESEM_FOUNDED")
        #expect(founded.unit == "year")
        #expect(!founded.required)

        #expect(try question("mission").defaultValue == "Vi finns för att")
        #expect(try question("turnover").defaultValue == "0.5")
        #expect(try question("certified").defaultValue == "false")
        #expect(try question("started").defaultValue == "2025-01-31")
        #expect(try question("contact").isPII)
    }

    @Test func selectKeys() throws {
        let board = try question("has_board")
        #expect(board.choiceList == "yes_no")
        #expect(board.allowsOther)
        #expect(survey.choices(for: board).map(\.value) == ["yes", "no", "other"])
        #expect(board.variables.map(\.name) == ["has_board", "has_board_other"])
        #expect(board.variables.map(\.exportAs) == ["ESEM_BOARD", "ESEM_BOARD_OTHER"])

        let county = try question("county")
        #expect(county.choiceFilter == ExpressionSource("region = 'south' or seats > 4", at: at(70, 25)))

        let barriers = try question("barriers")
        #expect(barriers.type == .selectMultiple)
        #expect(barriers.defaultValue == "funding skills")
        #expect(barriers.relevant?.text == "${has_board} = 'yes'")
        #expect(barriers.variables.map(\.type) == [.choices, .text])
    }

    @Test func matrixRows() throws {
        let voice = try question("voice")
        #expect(voice.rows.map(\.name) == ["staff", "users"])
        #expect(voice.rows[1].label["sv"] == "Brukare")
        #expect(voice.rows[0].location == at(107, 13))
        #expect(voice.variables.map(\.name) == ["voice_staff", "voice_users"])
        #expect(voice.variables.map(\.exportAs) == ["ESEM_VOICE_STAFF", "ESEM_VOICE_USERS"])
        #expect(voice.variables.allSatisfy { $0.type == .choice && $0.choiceList == "agree" })
    }

    @Test func calculationsAreTypedFromTheirFormula() throws {
        #expect(try question("age").calculationType == .integer)
        #expect(try question("share").calculationType == .decimal)
        #expect(try question("young").calculationType == .boolean)
        let summary = try question("summary")
        #expect(summary.calculationType == .text)
        // A block scalar: the text starts on the line after `|`, without its final line break.
        #expect(summary.calculation == ExpressionSource("concat(${org_name}, ' ', ${county})", at: at(122, 11)))
        #expect(try question("age").variables.first?.role == .calculated)
    }

    @Test func notesStoreNothing() throws {
        let intro = try question("intro")
        #expect(intro.type == .note)
        #expect(intro.variables.isEmpty)
    }

    @Test func documentKeepsTheTextAndItsHash() throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(document.sourceText == text)
        #expect(document.contentHash == SurveyDocument.hash(of: text))
        #expect(document.contentHash.count == 64)
        let again = SurveyLoader.load(text: text, path: path)
        #expect(again.document == document)
    }

    @Test func theHashIsLowercaseHexSHA256WithEveryByteTwoDigits() {
        // Checked with Python's hashlib; bytes below 16 (`07`, `0e`, `00`) keep their leading zero.
        #expect(SurveyDocument.hash(of: "survey: x") == "c7dc07980e146557ef09abd75400ab9a73e9b2cc6e3c041052f694286a679eb3")
        #expect(SurveyDocument.hash(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
