import Diagnostics
import SurveyDefinition
import Testing
@testable import Responses

/// The validator on surveys without expressions: coding, required answers, `other`, matrices.
@Suite struct ValidatorBasicsTests {
    static let survey = Fixtures.survey([
        Fixtures.page("p1", [
            Fixtures.question("org", .text, required: true),
            Fixtures.question("staff", .integer),
            Fixtures.question("form", .selectOne, required: true, choices: "forms", other: true),
            Fixtures.question("barriers", .selectMultiple, choices: "barriers", other: true),
            Fixtures.question("intro", .note),
        ]),
        Fixtures.page("p2", [
            Fixtures.question("voice", .matrix, required: true, choices: "scale", rows: ["staff", "users"]),
            Fixtures.question("email", .email),
        ]),
    ], lists: [
        Fixtures.list("forms", ["ab", "ek"]),
        Fixtures.list("barriers", ["finance", "lobby", "skills"]),
        Fixtures.list("scale", ["1", "2", "3"]),
    ])

    let validator = try! ResponseValidator(survey: survey)

    func sheet(_ answers: [String: String]) -> AnswerSheet {
        var sheet = validator.makeSheet()
        for (name, text) in answers { sheet.setAnswer(text: text, variable: validator.index(ofVariable: name)!) }
        return sheet
    }

    func problems(_ answers: [String: String], mode: CheckMode = .complete) -> [String] {
        var sheet = sheet(answers)
        validator.check(&sheet, mode: mode)
        return sheet.problems.map { "\($0.variable) \($0.code.id)" }
    }

    static let valid = ["org": "Kafé Kollektivet", "form": "ek", "voice_staff": "3", "voice_users": "2"]

    @Test func aCompleteValidResponseHasNoProblems() {
        var sheet = sheet(Self.valid.merging(["staff": "4", "barriers": "skills finance"]) { $1 })
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems.isEmpty)
        #expect(sheet.value(of: "barriers") == .choices(["finance", "skills"]))
        #expect(sheet.value(of: "staff") == .integer(4))
        #expect(sheet.relevantQuestions.allSatisfy { $0 })
    }

    @Test func everyProblemIsReportedInVariableOrder() {
        let found = problems(["staff": "4.5", "barriers": "lobby lobby", "voice_users": "9", "email": "nope"])
        #expect(found == ["org E412", "staff E401", "form E412", "barriers E408", "voice_staff E412", "voice_users E406", "email E405"])
    }

    @Test func requiredOnAMatrixMeansEveryRow() {
        var answers = Self.valid
        answers["voice_users"] = nil
        #expect(problems(answers) == ["voice_users E412"])
    }

    @Test func otherTextNeedsOtherChosen() {
        #expect(problems(Self.valid.merging(["form_other": "Stiftelse"]) { $1 }) == ["form_other E410"])
        #expect(problems(Self.valid.merging(["form": "other", "form_other": "Stiftelse"]) { $1 }) == [])
        // Chosen, required question: the text is required too; optional question: it is not.
        #expect(problems(Self.valid.merging(["form": "other"]) { $1 }) == ["form_other E412"])
        #expect(problems(Self.valid.merging(["barriers": "other lobby"]) { $1 }) == [])
        #expect(problems(Self.valid.merging(["barriers": "lobby", "barriers_other": "Regler"]) { $1 }) == ["barriers_other E410"])
    }

    @Test func theFormClearsAnOtherTextInsteadOfRefusingIt() {
        var sheet = sheet(Self.valid.merging(["form_other": "Stiftelse"]) { $1 })
        validator.check(&sheet, mode: .submission)
        #expect(sheet.problems.isEmpty)
        #expect(sheet.value(of: "form_other") == nil)
    }

    @Test func aPageChecksOnlyItsOwnQuestions() {
        #expect(problems(["org": "X", "form": "ab"], mode: .page(0)) == [])
        #expect(problems(["org": "X", "form": "ab"], mode: .page(1)) == ["voice_staff E412", "voice_users E412"])
        #expect(problems(["staff": "x"], mode: .page(1)).contains("staff E400") == false)
    }

    @Test func problemsCarryTheGivenTextAndBothLanguages() {
        var sheet = sheet(Self.valid.merging(["staff": "tolv"]) { $1 })
        validator.check(&sheet, mode: .complete)
        let problem = try! #require(sheet.problems.first)
        #expect(problem.variable == "staff")
        #expect(problem.value == "tolv")
        #expect(problem.code == .notANumber)
        #expect(problem.message(in: "en") == "“tolv” is not a whole number: write it in digits, e.g. 7")
        #expect(problem.message(in: "sv") == "”tolv” är inte ett heltal: skriv det med siffror, t.ex. 7")
        let diagnostic = problem.diagnostic(at: .record(file: "in.csv", row: 3, column: "staff", line: 4))
        #expect(diagnostic.description == "in.csv:4: error[E400]: row 3, column staff: “tolv” is not a whole number: write it in digits, e.g. 7")
    }

    /// A respondent's page keeps a count with the word it counts in Swedish (a no-break space).
    @Test func aSwedishMessageKeepsItsCountWithItsWord() {
        let problem = AnswerProblem(variable: "revenue", value: "1234567890123456", kind: .numberOutOfRange(wholeNumber: false))
        #expect(problem.message(in: "sv") == "”1234567890123456” har fler än 15\u{00A0}värdesiffror och kan inte sparas exakt: avrunda talet")
        #expect(problem.message(in: "en").contains("has more than 15 significant digits"))
    }

    /// A whole number out of range says in Swedish what to write, as in English: the range. It
    /// said only that the number had too many digits for a whole number. The Swedish range is
    /// written as Swedish writes numbers: the minus sign and digits grouped by no-break spaces.
    @Test func aWholeNumberOutOfRangeGivesTheRangeInBothLanguages() {
        let problem = AnswerProblem(variable: "staff", value: "99999999999999999999", kind: .numberOutOfRange(wholeNumber: true))
        #expect(problem.message(in: "sv") == "”99999999999999999999” har för många siffror: ett heltal måste ligga mellan \u{2212}9\u{00A0}223\u{00A0}372\u{00A0}036\u{00A0}854\u{00A0}775\u{00A0}808 och 9\u{00A0}223\u{00A0}372\u{00A0}036\u{00A0}854\u{00A0}775\u{00A0}807")
        #expect(problem.message(in: "en") == "“99999999999999999999” has too many digits: a whole number must lie between -9223372036854775808 and 9223372036854775807")
    }

    /// What is not a number is told in words a respondent reads: "med komma eller punkt", not
    /// "med , eller .", two bare signs in a sentence.
    @Test func aSwedishMessageNamesTheDecimalSignsInWords() {
        let problem = AnswerProblem(variable: "hours", value: "tre", kind: .notANumber(wholeNumber: false))
        #expect(problem.respondentMessage(in: "sv") == "”tre” är inte ett tal: skriv siffror, med komma eller punkt före eventuella decimaler, t.ex. 3,5.")
    }

    @Test func aSheetIsReusedAfterReset() {
        var sheet = sheet(["staff": "x", "org": "A"])
        validator.check(&sheet, mode: .complete)
        #expect(!sheet.problems.isEmpty)
        sheet.reset()
        for (name, text) in Self.valid { sheet.setAnswer(text: text, variable: validator.index(ofVariable: name)!) }
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems.isEmpty)
        #expect(sheet.value(of: "staff") == nil)
    }

    @Test func replacingABadAnswerForgetsItsProblem() {
        var sheet = sheet(Self.valid.merging(["staff": "x"]) { $1 })
        sheet.setAnswer(text: "5", variable: validator.index(ofVariable: "staff")!)
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems.isEmpty)
    }

    @Test func typedValuesGoThroughTheSamePath() {
        var sheet = validator.makeSheet()
        sheet.setAnswer(value: .text("Org"), variable: validator.index(ofVariable: "org")!)
        sheet.setAnswer(value: .choice("ab"), variable: validator.index(ofVariable: "form")!)
        sheet.setAnswer(value: .choices(["skills", "lobby"]), variable: validator.index(ofVariable: "barriers")!)
        sheet.setAnswer(value: .integer(1), variable: validator.index(ofVariable: "voice_staff")!)
        sheet.setAnswer(value: .boolean(true), variable: validator.index(ofVariable: "voice_users")!)
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems.map(\.code) == [.wrongValueType])
        #expect(sheet.value(of: "barriers") == .choices(["lobby", "skills"]))
        #expect(sheet.value(of: "voice_staff") == .choice("1"))
    }

    @Test func pagesWithoutConditionsFollowEachOther() {
        let sheet = validator.makeSheet()
        #expect(validator.nextRelevantPage(after: nil, in: sheet) == 0)
        #expect(validator.nextRelevantPage(after: 0, in: sheet) == 1)
        #expect(validator.nextRelevantPage(after: 1, in: sheet) == nil)
        #expect(validator.previousRelevantPage(before: 1, in: sheet) == 0)
    }

    @Test func submittingAPageSetsItsFieldsAndClearsMissingOnes() {
        var sheet = validator.makeSheet()
        var outcome = validator.submit(page: 0, fields: ["org": .text("A"), "form": .text("ab"), "barriers": .selections(["skills", "lobby"])], to: &sheet)
        #expect(outcome.isAccepted)
        #expect(outcome.nextPage == 1)
        #expect(sheet.value(of: "barriers") == .choices(["lobby", "skills"]))
        outcome = validator.submit(page: 0, fields: ["org": .text("A")], to: &sheet)
        #expect(outcome.problems.map(\.variable) == ["form"])
        #expect(outcome.nextPage == 0)
        #expect(sheet.value(of: "barriers") == nil)
    }

    @Test func answersByNameReportNamesTheSurveyDoesNotHave() {
        var sheet = validator.makeSheet()
        sheet.setAnswers(["org": .text("A"), "form": .choice("ab"), "voice_staff": .choice("1"), "voice_users": .choice("2"), "stafff": .integer(3)])
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems.map(\.code) == [.noSuchField])
        #expect(sheet.problems.first?.message(in: "en") == "the survey has no question or variable named stafff (did you mean staff?)")
        sheet.reset()
        sheet.setAnswers(texts: ["org": "A", "form": "ab", "voice_staff": "1", "voice_users": "2"])
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems.isEmpty)
    }

    /// A matrix's or a note's name given an answer says what it is: the matrix is answered by its
    /// rows' variables, the note takes none. Both were "no question or variable named voice".
    @Test func answersToAMatrixOrANoteByItsNameSayWhatItIs() {
        var sheet = validator.makeSheet()
        sheet.setAnswers(texts: ["org": "A", "form": "ab", "Voice": "1", "intro": "read"])
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems.map(\.code) == [.noSuchField, .noSuchField, .requiredMissing, .requiredMissing])
        let named = sheet.problems.filter { $0.code == .noSuchField }.sorted { $0.variable < $1.variable }
        #expect(named.map { $0.message(in: "en") } == [
            "Voice is a matrix, answered by one variable per row: voice_staff, voice_users",
            "intro is a note, which only shows a text and takes no answer: leave it out",
        ])
        #expect(named.map { $0.message(in: "sv") } == [
            "Voice är en matris, som besvaras med en variabel per rad: voice_staff, voice_users",
            "intro är en text som bara visas och inte tar något svar: ta bort den",
        ])
        #expect(validator.questionWithoutVariable(named: "org") == nil)
        #expect(validator.questionWithoutVariable(named: "voice_staff") == nil)
    }
}
