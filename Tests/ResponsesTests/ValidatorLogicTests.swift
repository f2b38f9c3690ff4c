import Diagnostics
import Expressions
import SurveyDefinition
import Testing
@testable import Responses

/// The validator with expressions: relevance, required-if-relevant, constraints, calculations in
/// dependency order, choice filters, page skipping and the form's page-by-page path.
@Suite struct ValidatorLogicTests {
    static let here = Fixtures.here
    static let survey = Fixtures.survey([
        Fixtures.page("org", [
            Fixtures.question("has_staff", .selectOne, required: true, choices: "yes_no"),
            Fixtures.question("staff", .integer, required: true, relevant: "${has_staff} = 'yes'", constraint: ". >= 1",
                              constraintMessage: ["sv": "Ange minst 1.", "en": "Enter at least 1."]),
            Fixtures.question("women", .integer, relevant: "${staff} > 0", constraint: ". >= 0 and . <= ${staff}"),
            Fixtures.question("size", .calculate, calculation: "if(${staff} >= 10, 'large', 'small')", calculationType: .text),
            Fixtures.question("double_later", .calculate, calculation: "${later} * 2", calculationType: .decimal),
            Fixtures.question("founded_on", .date, constraint: ". <= today()"),
        ]),
        Fixtures.page("staff_page", relevant: "${has_staff} = 'yes'", [
            Fixtures.question("voice", .matrix, required: true, choices: "scale", rows: ["staff", "users"]),
        ]),
        Fixtures.page("place", [
            Fixtures.question("region", .selectOne, choices: "regions"),
            Fixtures.question("city", .selectOne, choices: "cities", choiceFilter: "county = ${region}", other: true),
            Fixtures.question("sdg", .selectMultiple, constraint: "count-selected(.) <= 2", choices: "sdgs"),
            Fixtures.question("later", .decimal),
            Fixtures.question("big_later", .text, required: true, relevant: "${double_later} > 10"),
        ]),
    ], lists: [
        Fixtures.list("yes_no", ["yes", "no"]),
        Fixtures.list("scale", ["1", "2", "3"]),
        Fixtures.list("regions", ["M", "AB"]),
        Fixtures.list("cities", ["malmo", "lund", "stockholm"], attributes: [
            "malmo": ["county": "M"], "lund": ["county": "M"], "stockholm": ["county": "AB"],
        ]),
        Fixtures.list("sdgs", ["3", "8", "10"]),
    ])

    let validator = try! ResponseValidator(survey: survey, today: CalendarDate(year: 2025, month: 6, day: 1)!)

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

    static let withStaff = ["has_staff": "yes", "staff": "12", "voice_staff": "1", "voice_users": "2"]
    static let withoutStaff = ["has_staff": "no"]

    /// The questions shown only as has_staff decides: by their own condition, their page's, through
    /// another such question (women reads staff), and through a calculation (big_later reads later).
    @Test func variablesShownDependingOnOthers() {
        let names = { (indices: Set<Int>) in Set(indices.map { validator.variables[$0].name }) }
        let index = { (name: String) in validator.index(ofVariable: name)! }
        #expect(names(validator.variables(shownDependingOn: [index("has_staff")])) == ["staff", "women", "voice_staff", "voice_users"])
        #expect(names(validator.variables(shownDependingOn: [index("later")])) == ["big_later"])
        #expect(validator.variables(shownDependingOn: [index("founded_on")]).isEmpty)
    }

    @Test func validResponsesWithAndWithoutTheSkippedParts() {
        #expect(problems(Self.withStaff) == [])
        #expect(problems(Self.withoutStaff) == [])
    }

    @Test func requiredOnlyWhenRelevant() {
        #expect(problems(["has_staff": "yes", "voice_staff": "1", "voice_users": "2"]) == ["staff E412"])
        #expect(problems(Self.withoutStaff) == [])
    }

    @Test func anAnswerToAQuestionNotShownIsAnErrorOnImport() {
        let found = problems(["has_staff": "no", "staff": "5", "voice_staff": "2"])
        #expect(found == ["staff E413", "voice_staff E413"])
        var sheet = sheet(["has_staff": "no", "staff": "5"])
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems[0].message(in: "en") == "there is an answer, but the question is not asked of this response (it is shown only when ${has_staff} = 'yes'): leave it empty")
    }

    /// A partial response (an import's row marked partial): every answer given is checked as in a
    /// complete one, an answer to a question not shown included, but required questions may be empty.
    @Test func aPartialResponseIsCheckedButForRequiredQuestions() {
        #expect(problems([:]) == ["has_staff E412"])
        #expect(problems([:], mode: .partial) == [])
        #expect(problems(["has_staff": "yes"], mode: .partial) == [], "staff and voice are required and shown, not answered yet")
        #expect(problems(["has_staff": "no", "staff": "5", "voice_staff": "2"], mode: .partial) == ["staff E413", "voice_staff E413"])
        #expect(problems(["has_staff": "yes", "staff": "0"], mode: .partial) == ["staff E411"])
        #expect(problems(["has_staff": "yes", "staff": "tolv"], mode: .partial) == ["staff E400"])
        #expect(problems(["has_staff": "Ja", "staff": "5", "women": "2"], mode: .partial) == ["has_staff E406"])
        #expect(problems(["has_staff": "no", "region": "AB", "city": "malmo"], mode: .partial) == ["city E407"])
        #expect(problems(["has_staff": "no", "region": "M", "city": "lund", "city_other": "Ystad"], mode: .partial) == ["city_other E410"])
        #expect(problems(["has_staff": "no", "city": "other"], mode: .partial) == [])
        var sheet = sheet(["has_staff": "yes", "staff": "12"])
        validator.check(&sheet, mode: .partial)
        #expect(sheet.value(of: "size") == .text("large"), "calculations are computed")
        #expect(sheet.value(of: "staff") == .integer(12))
    }

    /// How far a partial response got: the last page with an answer, calculations not counted.
    @Test func theLastAnsweredPage() {
        func lastPage(_ answers: [String: String]) -> Int? {
            var sheet = sheet(answers)
            validator.check(&sheet, mode: .partial)
            return validator.lastAnsweredPage(in: sheet)
        }
        #expect(lastPage([:]) == nil, "size and double_later are computed, not answered")
        #expect(lastPage(["has_staff": "yes", "staff": "3"]) == 0)
        #expect(lastPage(["has_staff": "yes", "voice_users": "2"]) == 1)
        #expect(lastPage(["has_staff": "no", "city": "other", "city_other": "Ystad"]) == 2)
    }

    /// A refused answer cannot decide what depends on it: the import reported every later answer
    /// as "not asked" (`Ja` for `yes` gave an E413 for each question behind the consent).
    @Test func aRefusedAnswerDoesNotMakeItsDependentsNotShown() {
        #expect(problems(["has_staff": "Ja", "staff": "5", "women": "2", "voice_staff": "2"]) == ["has_staff E406"])
        // An answer behind it that is wrong in itself is still reported as such.
        #expect(problems(["has_staff": "Ja", "staff": "many", "voice_staff": "7"]) == ["has_staff E406", "staff E400", "voice_staff E406"])
        // Through a calculation: big_later is shown when double_later, later × 2, is over 10.
        #expect(problems(["has_staff": "no", "later": "x", "big_later": "b"]) == ["later E400"])
        // A decided relevance still refuses its answers.
        #expect(problems(["has_staff": "no", "staff": "5", "later": "x"]) == ["staff E413", "later E400"])
    }

    @Test func aPageConditionAndAQuestionConditionAreBothNamed() {
        var sheet = sheet(["has_staff": "no", "voice_users": "2"])
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems.map(\.variable) == ["voice_users"])
        if case .notRelevant(let condition) = sheet.problems[0].kind {
            #expect(condition == "${has_staff} = 'yes'")
        } else {
            Issue.record("expected notRelevant")
        }
    }

    @Test func theFormClearsAnswersThatAreNoLongerRelevant() {
        var sheet = sheet(["has_staff": "no", "staff": "5", "women": "2", "voice_staff": "2"])
        validator.check(&sheet, mode: .submission)
        #expect(sheet.problems.isEmpty)
        #expect(sheet.value(of: "staff") == nil)
        // women read staff, which was cleared before women was reached: cleared too.
        #expect(sheet.value(of: "women") == nil)
        #expect(sheet.value(of: "voice_staff") == nil)
    }

    /// A message follows a place in the importer and the API (`row 13, column org: …`), so it starts
    /// in lower case in both languages; on the form it stands alone beside the field, as a sentence.
    @Test func aMissingAnswerIsLowerCaseAfterAPlaceAndASentenceOnTheForm() {
        var sheet = sheet(Self.withStaff.merging(["staff": ""]) { $1 })
        validator.check(&sheet, mode: .complete)
        let problem = sheet.problems.first { $0.code == .requiredMissing }
        #expect(problem?.message(in: "sv") == "svara på frågan")
        #expect(problem?.message(in: "en") == "an answer is required")
        #expect(problem?.respondentMessage(in: "sv") == "Svara på frågan.")
        #expect(problem?.respondentMessage(in: "en") == "Answer this question.")
    }

    @Test func constraintsWithTheirMessages() {
        var sheet = sheet(Self.withStaff.merging(["staff": "0"]) { $1 })
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems.map(\.code) == [.constraintFailed])
        #expect(sheet.problems[0].message(in: "sv") == "Ange minst 1.")
        #expect(sheet.problems[0].message(in: "en") == "“0” is not accepted: Enter at least 1.")
        #expect(sheet.problems[0].respondentMessage(in: "sv") == "Ange minst 1.", "the author's message as it is")
        #expect(sheet.problems[0].respondentMessage(in: "en") == "Enter at least 1.", "the author's message as it is, as in Swedish")
        // Another answer in the constraint; no message of its own.
        sheet = self.sheet(Self.withStaff.merging(["women": "13"]) { $1 })
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems.map { $0.message(in: "en") } == ["“13” does not meet the question's condition . >= 0 and . <= ${staff}"])
        // A respondent on the web form is not shown the expression, which they cannot read.
        #expect(sheet.problems.map { $0.respondentMessage(in: "sv") } == ["Svaret godtas inte för den här frågan: kontrollera det."])
        #expect(sheet.problems.map { $0.respondentMessage(in: "en") } == ["This answer is not accepted for this question: please check it."])
        #expect(problems(Self.withStaff.merging(["women": "12"]) { $1 }) == [])
        #expect(problems(Self.withStaff.merging(["sdg": "3 8 10"]) { $1 }) == ["sdg E411"])
        #expect(problems(Self.withStaff.merging(["sdg": "10 3"]) { $1 }) == [])
    }

    @Test func todayIsPinned() {
        #expect(problems(Self.withoutStaff.merging(["founded_on": "2025-06-01"]) { $1 }) == [])
        #expect(problems(Self.withoutStaff.merging(["founded_on": "2025-06-02"]) { $1 }) == ["founded_on E411"])
    }

    @Test func calculationsAreFilledIn() {
        var sheet = sheet(Self.withStaff)
        validator.check(&sheet, mode: .complete)
        #expect(sheet.value(of: "size") == .text("large"))
        sheet = self.sheet(Self.withStaff.merging(["staff": "3"]) { $1 })
        validator.check(&sheet, mode: .complete)
        #expect(sheet.value(of: "size") == .text("small"))
    }

    @Test func aCalculationOfALaterAnswerIsEvaluatedBeforeWhatReadsIt() {
        // double_later (page 1) reads later (page 3); big_later (page 3) reads double_later.
        #expect(problems(Self.withoutStaff.merging(["later": "6"]) { $1 }) == ["big_later E412"])
        #expect(problems(Self.withoutStaff.merging(["later": "4"]) { $1 }) == [])
        var sheet = sheet(Self.withoutStaff.merging(["later": "6", "big_later": "ja"]) { $1 })
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems.isEmpty)
        #expect(sheet.value(of: "double_later") == .decimal(12))
    }

    @Test func choiceFiltersRestrictTheCodes() {
        #expect(problems(Self.withoutStaff.merging(["region": "M", "city": "lund"]) { $1 }) == [])
        #expect(problems(Self.withoutStaff.merging(["region": "M", "city": "stockholm"]) { $1 }) == ["city E407"])
        #expect(problems(Self.withoutStaff.merging(["region": "M", "city": "other", "city_other": "Ystad"]) { $1 }) == [])
        let sheet = sheet(["region": "AB"])
        #expect(validator.offeredChoices(forQuestion: "city", in: sheet).map(\.value) == ["stockholm", "other"])
    }

    @Test func aChoiceNotOfferedNamesTheFilterAndARespondentReadsNoCodes() {
        var sheet = sheet(Self.withoutStaff.merging(["region": "M", "city": "stockholm"]) { $1 })
        validator.check(&sheet, mode: .complete)
        let problem = try! #require(sheet.problems.first)
        #expect(problem.message(in: "en")
            == "stockholm is a code of the list cities, but the question's choice filter, county = ${region}, does not offer it given this response's other answers: check them and this one")
        #expect(problem.respondentMessage(in: "sv") == "Det här alternativet passar inte ihop med dina andra svar: välj ett annat, eller ändra de svaren.")
        #expect(problem.respondentMessage(in: "en") == "This choice does not go with your other answers: choose another, or change those answers.")
    }

    /// A refused answer that a choice filter reads (a label typed for a code) is reported once:
    /// the filter cannot be decided on it, so the choice it filters is not also refused.
    @Test func aChoiceFilterReadingARefusedAnswerIsNotDecided() {
        #expect(problems(Self.withoutStaff.merging(["region": "Skåne", "city": "lund"]) { $1 }) == ["region E406"])
        #expect(problems(Self.withoutStaff.merging(["region": "AB", "city": "lund"]) { $1 }) == ["city E407"])
        // The same for a constraint that reads another answer.
        let survey = Fixtures.survey([Fixtures.page("p", [
            Fixtures.question("total", .integer),
            Fixtures.question("part", .integer, constraint: ". <= ${total}"),
        ])])
        let validator = try! ResponseValidator(survey: survey)
        var sheet = validator.makeSheet()
        for (name, text) in ["total": "tolv", "part": "3"] { sheet.setAnswer(text: text, variable: validator.index(ofVariable: name)!) }
        validator.check(&sheet, mode: .complete)
        #expect(sheet.problems.map { "\($0.variable) \($0.code.id)" } == ["total E400"])
    }

    /// A text typed under "other" without choosing it is refused on the page it is typed on, as
    /// the import refuses it, rather than cleared unseen; the final submission still clears one
    /// left in the store.
    @Test func anOtherTextWithoutOtherIsRefusedOnItsPage() {
        var sheet = validator.makeSheet()
        let outcome = validator.submit(page: 2, fields: ["region": .text("M"), "city": .text("lund"), "city_other": .text("Ystad")], to: &sheet)
        #expect(outcome.problems.map { "\($0.variable) \($0.code.id)" } == ["city_other E410"])
        #expect(outcome.problems.first?.respondentMessage(in: "sv") == "Du har skrivit något under ”Annat” men inte valt Annat: välj Annat, eller töm textfältet.")
        #expect(outcome.problems.first?.respondentMessage(in: "en") == "You wrote something under “Other” but did not choose Other: choose Other, or empty the text field.")
        var stored = self.sheet(Self.withoutStaff.merging(["region": "M", "city": "lund", "city_other": "Ystad"]) { $1 })
        validator.check(&stored, mode: .submission)
        #expect(stored.problems.isEmpty)
        #expect(stored.value(of: "city_other") == nil)
    }

    @Test func aChoiceFilterThatReadsItsOwnPageOffersTheWholeListOnTheForm() {
        // city's filter reads region, asked on the same page: the form cannot narrow the list
        // before the page is posted, so it offers every city and the post checks the choice.
        let all = ["malmo", "lund", "stockholm", "other"]
        #expect(validator.formChoices(forQuestion: "city", in: validator.makeSheet()).map(\.value) == all)
        #expect(validator.formChoices(forQuestion: "city", in: sheet(["region": "AB"])).map(\.value) == all)
        var sheet = validator.makeSheet()
        let outcome = validator.submit(page: 2, fields: ["region": .text("AB"), "city": .text("lund")], to: &sheet)
        #expect(outcome.problems.map { "\($0.variable) \($0.code.id)" } == ["city E407"])
    }

    @Test func pagesThatAreNotRelevantAreSkipped() {
        var sheet = sheet(Self.withoutStaff)
        validator.check(&sheet, mode: .page(0))
        #expect(validator.nextRelevantPage(after: 0, in: sheet) == 2)
        #expect(validator.previousRelevantPage(before: 2, in: sheet) == 0)
        sheet = self.sheet(Self.withStaff)
        #expect(validator.nextRelevantPage(after: 0, in: sheet) == 1)
        #expect(sheet.relevantQuestions.isEmpty == false)
    }

    @Test func aPageWhoseConditionReadsAnAnswerNotGivenYetMayStillBeShown() {
        // "staff_page" asks for ${has_staff} = 'yes': unknown until answered, then decided by it.
        #expect(validator.mayBePageRelevant(1, in: sheet([:])))
        #expect(!validator.isPageRelevant(1, in: sheet([:])))
        #expect(validator.mayBePageRelevant(1, in: sheet(Self.withStaff)))
        #expect(!validator.mayBePageRelevant(1, in: sheet(Self.withoutStaff)))
        #expect(validator.mayBePageRelevant(2, in: sheet(Self.withoutStaff)), "a page without a condition is shown")
    }

    @Test func questionsThatDependOnTheirOwnPageAreDecidedAfterThePost() {
        let visibility = validator.visibility(onPage: 0, in: validator.makeSheet()).map { "\($0.question.name) \($0.visibility)" }
        #expect(visibility == [
            "has_staff shown", "staff decidedOnPost", "women decidedOnPost", "size hidden", "double_later hidden", "founded_on shown",
        ])
        let place = validator.visibility(onPage: 2, in: validator.makeSheet()).map { "\($0.question.name) \($0.visibility)" }
        // big_later reads double_later, a calculation of later, which is on this page.
        #expect(place.last == "big_later decidedOnPost")
    }

    @Test func aNumberThatMayGroupThousandsIsAskedAboutOnlyWhereTheFormShowsIt() {
        // A comma before three digits, typed on an English page: a thousand or one? Asked, in place of the constraint's problem.
        var sheet = validator.makeSheet()
        var outcome = validator.submit(page: 0, fields: ["has_staff": .text("yes"), "staff": .text("1,000"), "women": .text("12")],
                                       decimalSeparator: ".", to: &sheet)
        #expect(outcome.problems.map(\.variable) == ["staff"])
        #expect(outcome.problems.first?.kind == .thousandsOrDecimals(whole: "1", fraction: "000", wholeNumber: true))
        #expect(outcome.problems.first?.code == .notANumber)
        #expect(outcome.nextPage == 0)
        // A question the post hides (no staff) is cleared, not asked about; a decimal comma in Swedish is a decimal.
        outcome = validator.submit(page: 0, fields: ["has_staff": .text("no"), "staff": .text("1,000")], decimalSeparator: ".", to: &sheet)
        #expect(outcome.isAccepted)
        sheet = validator.makeSheet()
        outcome = validator.submit(page: 2, fields: ["later": .text("1,250")], decimalSeparator: ",", to: &sheet)
        #expect(outcome.isAccepted)
        #expect(sheet.value(of: "later") == .decimal(1.25))
        outcome = validator.submit(page: 2, fields: ["later": .text("-1.250")], decimalSeparator: ",", to: &sheet)
        #expect(outcome.problems.first?.kind == .thousandsOrDecimals(whole: "-1", fraction: "250", wholeNumber: false))
        // Without a separator (the import, the API), both read as decimals, as before.
        outcome = validator.submit(page: 2, fields: ["later": .text("1.250")], to: &sheet)
        #expect(outcome.isAccepted)
    }

    @Test func postingAPageWalksTheFormAndClearsAnswersTheNewAnswersHide() {
        var sheet = validator.makeSheet()
        var outcome = validator.submit(page: 0, fields: ["has_staff": .text("yes"), "staff": .text("0")], to: &sheet)
        #expect(outcome.problems.map(\.code) == [.constraintFailed])
        #expect(outcome.nextPage == 0)
        outcome = validator.submit(page: 0, fields: ["has_staff": .text("yes"), "staff": .text("4")], to: &sheet)
        #expect(outcome.isAccepted)
        #expect(outcome.nextPage == 1)
        outcome = validator.submit(page: 1, fields: ["voice_staff": .text("3")], to: &sheet)
        #expect(outcome.problems.map(\.variable) == ["voice_users"])
        outcome = validator.submit(page: 1, fields: ["voice_staff": .text("3"), "voice_users": .text("1")], to: &sheet)
        #expect(outcome.nextPage == 2)
        #expect(outcome.previousPage == 0)
        // Going back and saying no staff clears the staff page's answers.
        outcome = validator.submit(page: 0, fields: ["has_staff": .text("no"), "staff": .text("4")], to: &sheet)
        #expect(outcome.isAccepted)
        #expect(outcome.nextPage == 2)
        #expect(sheet.value(of: "staff") == nil)
        #expect(sheet.value(of: "voice_staff") == nil)
        validator.check(&sheet, mode: .submission)
        #expect(sheet.problems.isEmpty)
    }

    @Test func defaultsPrefillTheFormOnly() {
        let survey = Fixtures.survey([Fixtures.page("p", [
            Fixtures.question("n", .integer, defaultValue: "3"),
            Fixtures.question("pick", .selectOne, defaultValue: "b", choices: "l"),
        ])], lists: [Fixtures.list("l", ["a", "b"])])
        let validator = try! ResponseValidator(survey: survey)
        var sheet = validator.makeSheet()
        validator.check(&sheet, mode: .complete)
        #expect(sheet.values == [nil, nil])
        validator.applyDefaults(page: 0, to: &sheet)
        #expect(sheet.values == [.integer(3), .choice("b")])
    }

    /// A page posted with its default emptied keeps it empty when shown again, and so does a page
    /// before one holding answers; a page not yet reached is filled.
    @Test func defaultsFillOnlyAPageNotPostedYet() {
        let survey = Fixtures.survey([
            Fixtures.page("p", [Fixtures.question("n", .integer, defaultValue: "3")]),
            Fixtures.page("q", [Fixtures.question("m", .integer, defaultValue: "5"), Fixtures.question("k", .integer)]),
        ])
        let validator = try! ResponseValidator(survey: survey)
        var sheet = validator.makeSheet()
        #expect(validator.submit(page: 0, fields: ["n": .text("")], to: &sheet).isAccepted)
        validator.applyDefaults(page: 1, to: &sheet)
        #expect(sheet.values == [nil, .integer(5), nil])
        #expect(validator.submit(page: 1, fields: ["k": .text("2")], to: &sheet).isAccepted)
        validator.applyDefaults(page: 1, to: &sheet)
        validator.applyDefaults(page: 0, to: &sheet)
        #expect(sheet.values == [nil, nil, .integer(2)])
    }

    @Test func anExpressionThatDoesNotCompileIsReportedAtItsPlace() {
        let bad = Fixtures.survey([Fixtures.page("p", [
            Question(name: "a", type: .integer, label: Fixtures.text("a"),
                     relevant: ExpressionSource("${b} > ", at: SourceLocation(file: "s.yaml", line: 7, column: 19)),
                     location: Fixtures.here),
            Fixtures.question("b", .integer),
        ])])
        #expect(throws: ResponseValidatorError.self) { try ResponseValidator(survey: bad) }
        do {
            _ = try ResponseValidator(survey: bad)
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.location == .source(SourceLocation(file: "s.yaml", line: 7, column: 26)))
        }
    }
}
