import Expressions
import SurveyDefinition
import Testing
@testable import Responses

@Suite struct AnswerCoderTests {
    let survey = Fixtures.everyType

    func coder(_ name: String) -> AnswerCoder {
        AnswerCoder(variable: survey.variables.first { $0.name == name }!, in: survey)
    }

    @Test func emptyAndBlankCellsAreNoAnswer() {
        for name in ["name", "staff", "share", "active", "founded_on", "email", "legal_form", "sdg", "voice_staff"] {
            #expect(coder(name).code("") == .empty, "\(name)")
            #expect(coder(name).code("  \t\r\n ") == .empty, "\(name)")
        }
    }

    @Test func textKeepsInnerSpacingAndDropsOuter() {
        #expect(coder("name").code("  Hej  där  ") == .value(.text("Hej  där")))
        #expect(coder("story").code("rad 1\nrad 2\n") == .value(.text("rad 1\nrad 2")))
        #expect(coder("name").code("Smörgås 🥪") == .value(.text("Smörgås 🥪")))
    }

    /// One answer is stored byte for byte alike whichever way it came: a browser posts a text area's
    /// line breaks as CR LF, a CSV cell and a JSON string hold LF, CR LF or (old Mac text) a lone CR.
    /// The web form stored CR LF while the import and the API kept LF.
    @Test func lineBreaksAreStoredAsLineFeedsFromEveryPath() {
        let stored = CodedAnswer.value(.text("rad 1\nrad 2\n\nrad 4"))
        for written in ["rad 1\r\nrad 2\r\n\r\nrad 4", "rad 1\nrad 2\n\nrad 4", "rad 1\rrad 2\r\rrad 4", "rad 1\r\nrad 2\n\rrad 4"] {
            #expect(coder("story").code(written) == stored, "a form field or a CSV cell: \(written.debugDescription)")
            #expect(coder("story").check(.text(written)) == stored, "a JSON string: \(written.debugDescription)")
        }
        #expect(coder("name").code("Anna\r\nBerg") == .value(.text("Anna\nBerg")))
        #expect(coder("legal_form_other").check(.text("Stiftelse\r\ni bildning")) == .value(.text("Stiftelse\ni bildning")))
        // Line breaks around the answer are dropped as before; a CR LF split by other text is two breaks.
        #expect(coder("story").code("\r\n ja \r\n") == .value(.text("ja")))
        #expect(coder("story").code("å\r\tö\n") == .value(.text("å\n\tö")))
    }

    @Test func controlCharactersInTextAreRefusedWithTheirPlace() {
        #expect(coder("name").code("Anna\u{0}") == .problem(.controlCharacter(scalar: 0, position: 5)))
        #expect(coder("story").code("Åsa \u{1B}[31mröd") == .problem(.controlCharacter(scalar: 0x1B, position: 5)))
        #expect(coder("story").code("ärende\u{7F}") == .problem(.controlCharacter(scalar: 0x7F, position: 7)))
        #expect(coder("story").code("😀\u{85}") == .problem(.controlCharacter(scalar: 0x85, position: 2)))
        #expect(coder("name").check(.text("a\u{8}b")) == .problem(.controlCharacter(scalar: 8, position: 2)))
        // Tab and line breaks inside a text are kept; a character past C1 that starts with the same
        // byte (U+00A0–U+00BF) is no control.
        #expect(coder("story").code("a\tb\nc") == .value(.text("a\tb\nc")))
        #expect(coder("name").code("50\u{A0}% ¿") == .value(.text("50\u{A0}% ¿")))
        #expect(coder("name").check(.text("50\u{A0}%")) == .value(.text("50\u{A0}%")))
        let problem = AnswerProblem(variable: "comments", value: "Anna\u{0}", kind: .controlCharacter(scalar: 0, position: 5))
        #expect(problem.message(in: "en") == "the text has a control character (U+0000) at character 5, which cannot be shown: remove it")
        #expect(problem.message(in: "sv") == "texten har ett styrtecken (U+0000) vid tecken 5, som inte kan visas: ta bort det")
        #expect(problem.code.id == "E417")
    }

    @Test(arguments: [
        ("12", CodedAnswer.value(.integer(12))),
        ("-3", .value(.integer(-3))),
        ("007", .value(.integer(7))),
        (" 42 ", .value(.integer(42))),
        ("9223372036854775807", .value(.integer(.max))),
        ("-9223372036854775808", .value(.integer(.min))),
        ("9223372036854775808", .problem(.numberOutOfRange(wholeNumber: true))),
        ("123456789012345678901234567890", .problem(.numberOutOfRange(wholeNumber: true))),
        ("12.0", .problem(.notAWholeNumber)),
        ("12,5", .problem(.notAWholeNumber)),
        ("1e3", .problem(.notAWholeNumber)),
        ("2E-4", .problem(.notAWholeNumber)),
        ("+3", .problem(.notANumber(wholeNumber: true))),
        ("-", .problem(.notANumber(wholeNumber: true))),
        ("12 000", .value(.integer(12000))),
        ("1 500 000", .value(.integer(1_500_000))),
        ("-1\u{A0}000", .value(.integer(-1000))),
        ("1\u{202F}000", .value(.integer(1000))),
        ("12 000,5", .problem(.notAWholeNumber)),
        ("1 00", .problem(.notANumber(wholeNumber: true))),
        ("1000 000", .problem(.notANumber(wholeNumber: true))),
        ("10  000", .problem(.notANumber(wholeNumber: true))),
        ("- 1", .problem(.notANumber(wholeNumber: true))),
        ("1 e3", .problem(.notANumber(wholeNumber: true))),
        ("−5", .problem(.notANumber(wholeNumber: true))),
        ("tolv", .problem(.notANumber(wholeNumber: true))),
        ("0x10", .problem(.notANumber(wholeNumber: true))),
        ("１２", .problem(.notANumber(wholeNumber: true))),
    ])
    func integers(text: String, expected: CodedAnswer) {
        #expect(coder("staff").code(text) == expected)
    }

    @Test(arguments: [
        ("3.5", CodedAnswer.value(.decimal(3.5))),
        ("3,5", .value(.decimal(3.5))),
        ("-0.25", .value(.decimal(-0.25))),
        (".5", .value(.decimal(0.5))),
        ("5.", .value(.decimal(5))),
        ("12", .value(.decimal(12))),
        ("-0", .value(.decimal(0))),
        ("0.1", .value(.decimal(0.1))),
        ("123456789012345", .value(.decimal(123456789012345))),
        ("0.000000000000000000000000123", .value(.decimal(1.23e-25))),
        ("1234567890123456", .problem(.numberOutOfRange(wholeNumber: false))),
        ("1.2.3", .problem(.notANumber(wholeNumber: false))),
        ("1,000.5", .problem(.notANumber(wholeNumber: false))),
        ("1 234,5", .value(.decimal(1234.5))),
        ("-12\u{A0}345.25", .value(.decimal(-12345.25))),
        ("1 234,567 8", .problem(.notANumber(wholeNumber: false))),
        ("1 23,5", .problem(.notANumber(wholeNumber: false))),
        ("3 %", .problem(.notANumber(wholeNumber: false))),
        ("1e3", .problem(.notANumber(wholeNumber: false))),
        ("nan", .problem(.notANumber(wholeNumber: false))),
        (".", .problem(.notANumber(wholeNumber: false))),
        ("3.5%", .problem(.notANumber(wholeNumber: false))),
    ])
    func decimals(text: String, expected: CodedAnswer) {
        #expect(coder("share").code(text) == expected)
    }

    @Test func decimalsAreExactlyTheNearestDouble() {
        for text in ["0.1", "2.675", "1.005", "99999.99999", "0.3", "123.456"] {
            #expect(coder("share").code(text) == .value(.decimal(Double(text)!)), "\(text)")
        }
    }

    @Test(arguments: [
        ("1", true), ("0", false), ("true", true), ("FALSE", false), ("Yes", true), ("no", false),
        ("ja", true), ("NEJ", false), (" Ja ", true), ("SANT", true), ("FALSKT", false), ("Sant", true), ("falskt", false),
    ])
    func booleans(text: String, expected: Bool) {
        #expect(coder("active").code(text) == .value(.boolean(expected)))
    }

    @Test(arguments: ["y", "n", "2", "-1", "true false", "san", "falsk", "sant falskt"])
    func notBooleans(text: String) {
        #expect(coder("active").code(text) == .problem(.notABoolean))
    }

    /// The API sends a yes/no as JSON text too: it is read by the same words, Excel's Swedish `SANT`/`FALSKT` among them.
    @Test func aBooleanSentAsTextIsReadByTheSameWords() {
        #expect(coder("active").check(.text("SANT")) == .value(.boolean(true)))
        #expect(coder("active").check(.text("FALSKT")) == .value(.boolean(false)))
        #expect(coder("active").check(.text("kanske")) == .problem(.notABoolean))
    }

    @Test func dates() {
        #expect(coder("founded_on").code("2025-03-14") == .value(.date(CalendarDate(year: 2025, month: 3, day: 14)!)))
        #expect(coder("founded_on").code("2024-02-29") == .value(.date(CalendarDate(year: 2024, month: 2, day: 29)!)))
        for bad in ["2025-02-29", "2025-13-01", "2025-03-14T10:00", "i går", "14/3/25", "32/1/2025", "3/4/2025 kl 10"] {
            #expect(coder("founded_on").code(bad) == .problem(.notADate(readings: [])), "\(bad)")
        }
    }

    /// A date written another way is refused, never guessed, but the message shows it rewritten:
    /// day first, or month first as well after slashes when that is another day.
    @Test(arguments: [
        ("14/3/2025", ["2025-03-14"]), ("3/4/2025", ["2025-04-03", "2025-03-04"]), ("12/12/2025", ["2025-12-12"]),
        ("2.12.2025", ["2025-12-02"]), ("02-12-2025", ["2025-12-02"]), ("2025-3-14", ["2025-03-14"]), ("2025/03/14", ["2025-03-14"]),
        ("20250314", ["2025-03-14"]), ("14 okt 2025", ["2025-10-14"]), ("14 oktober 2025", ["2025-10-14"]),
        ("October 14, 2025", ["2025-10-14"]), ("30 Sept. 2025", ["2025-09-30"]), ("1 maj 2025", ["2025-05-01"]),
        ("2025 mars 3", ["2025-03-03"]), ("31/4/2025", []), ("14 oktobr 2025", []),
    ])
    func dateReadings(text: String, readings: [String]) {
        #expect(coder("founded_on").code(text) == .problem(.notADate(readings: readings.map { CalendarDate(iso: $0)! })))
    }

    @Test func aDateMessageShowsTheAnswerRewritten() {
        let ambiguous = AnswerProblem(variable: "founded_on", value: "3/4/2025", kind: .notADate(readings: [
            CalendarDate(year: 2025, month: 4, day: 3)!, CalendarDate(year: 2025, month: 3, day: 4)!,
        ]))
        #expect(ambiguous.message(in: "en") == "“3/4/2025” is not a date: write year-month-day as YYYY-MM-DD, 2025-04-03 if it is 3 April 2025, 2025-03-04 if it is 4 March 2025")
        #expect(ambiguous.message(in: "sv") == "”3/4/2025” är inte ett datum: skriv år-månad-dag som ÅÅÅÅ-MM-DD, 2025-04-03 om det är den 3 april 2025, 2025-03-04 om det är den 4 mars 2025")
        let unread = AnswerProblem(variable: "founded_on", value: "i går", kind: .notADate(readings: []))
        #expect(unread.message(in: "en") == "“i går” is not a date: write year-month-day as YYYY-MM-DD, e.g. 2025-03-14")
    }

    @Test(arguments: [
        "anna@example.se", "a.b+c@sub.example.org", "kontakt@räksmörgås.se", "o'brien@example.ie", "x@a-b.co",
    ])
    func validEmails(text: String) {
        #expect(coder("email").code(text) == .value(.text(text)))
    }

    @Test(arguments: [
        "anna", "anna@", "@example.se", "anna@example", "anna@@example.se", "an na@example.se", "anna@example..se",
        ".anna@example.se", "anna.@example.se", "anna@-example.se", "anna@example.s", "anna@example.123", "a@b@c.se",
    ])
    func invalidEmails(text: String) {
        #expect(coder("email").code(text) == .problem(.notAnEmail))
    }

    @Test func aCodeWrittenWithCombiningLettersIsTheSameCode() {
        // NFC in the definition; NFD (a + combining ring, o + combining diaeresis) in the answer.
        let list = Fixtures.list("lan", ["skåne", "örebro", "västra-götalands-län", "ab"] + (1...30).map { "k\($0)" })
        for choices in [list.choices, Array(list.choices.prefix(4))] { // searched by hashing, and by scanning
            let table = ChoiceCodeTable(listName: "lan", choices: choices)
            func position(_ text: String) -> Int? {
                var text = text
                return text.withUTF8 { table.position(of: $0) }
            }
            #expect(position("ska\u{30A}ne") == 0)
            #expect(position("o\u{308}rebro") == 1)
            #expect(position("va\u{308}stra-go\u{308}talands-la\u{308}n") == 2)
            #expect(position("ab") == 3)
            #expect(position("skane") == nil && position("a\u{30A}b") == nil)
        }
    }

    /// Samla's CSV exports write a code that starts like a formula with an apostrophe (`'@home`);
    /// such a file imports again as the code itself. Only the codes an export guards are read so.
    @Test func aCodeAsAnExportWritesItIsTheCode() {
        let codes = ["office", "@home", "=x", "-1", "-x"]
        let survey = Fixtures.survey([Fixtures.page("p", [
            Fixtures.question("place", .selectOne, choices: "places"), Fixtures.question("places", .selectMultiple, choices: "places"),
        ])], lists: [Fixtures.list("places", codes)])
        func coder(_ name: String) -> AnswerCoder { AnswerCoder(variable: survey.variables.first { $0.name == name }!, in: survey) }
        #expect(coder("place").code("'@home") == .value(.choice("@home")))
        #expect(coder("place").code("'=x") == .value(.choice("=x")))
        #expect(coder("place").code("'-x") == .value(.choice("-x")))
        #expect(coder("places").code("'@home office -1") == .value(.choices(["office", "@home", "-1"])))
        // A negative number and a plain code are never written with the apostrophe.
        for unguarded in ["'-1", "'office"] {
            guard case .problem(.notAChoice) = coder("place").code(unguarded) else {
                Issue.record("\(unguarded) was taken as a code")
                continue
            }
        }
    }

    @Test func singleChoice() {
        #expect(coder("legal_form").code("ek") == .value(.choice("ek")))
        #expect(coder("legal_form").code("other") == .value(.choice("other")))
        #expect(coder("voice_users").code("5") == .value(.choice("5")))
        #expect(coder("voice_users").code("6") == .problem(.notAChoice(list: "scale", suggestion: nil, codes: ["1", "2", "3", "4", "5"])))
        #expect(coder("legal_form").code("ab ek") == .problem(.severalChoices))
    }

    @Test func aLabelInsteadOfACodeSuggestsTheCode() {
        guard case .problem(.notAChoice(let list, let suggestion, _)) = coder("legal_form").code("Ekonomisk förening") else {
            Issue.record("expected notAChoice")
            return
        }
        #expect(list == "forms")
        #expect(suggestion == "ek")
        guard case .problem(.notAChoice(_, let typo, _)) = coder("legal_form").code("idell") else {
            Issue.record("expected notAChoice")
            return
        }
        #expect(typo == "ideell")
    }

    /// A label typed short, as on a paper form ("Skåne" for "Skåne län"), suggests the one code
    /// whose label begins with it; a beginning that several labels share suggests none of them.
    @Test func theBeginningOfOneLabelSuggestsItsCode() {
        func suggestion(_ name: String, _ cell: String) -> String? {
            guard case .problem(.notAChoice(_, let suggestion, _)) = coder(name).code(cell) else { return "not refused" }
            return suggestion
        }
        #expect(suggestion("legal_form", "Ekonomisk") == "ek")
        #expect(suggestion("legal_form", "aktie") == "ab")
        #expect(suggestion("legal_form", "Limited") == "ab")
        #expect(suggestion("voice_staff", "Label") == nil)
        #expect(suggestion("voice_staff", "7") == nil)
        let problem = AnswerProblem(variable: "legal_form", value: "Ekonomisk",
                                    kind: .notAChoice(list: "forms", suggestion: suggestion("legal_form", "Ekonomisk"), codes: ["ab", "ek", "ideell", "other"]))
        #expect(problem.message(in: "en") == "“Ekonomisk” is not a code of the list forms (did you mean ek?); its codes are ab, ek, ideell, other")
    }

    @Test func multipleChoiceIsStoredInListOrder() {
        #expect(coder("sdg").code("10 3 8") == .value(.choices(["3", "8", "10"])))
        #expect(coder("sdg").code("  17   1 ") == .value(.choices(["1", "17"])))
        #expect(coder("sdg").code("3 8 3") == .problem(.duplicateChoice(code: "3")))
        if case .problem(.notAChoice(let list, _, _)) = coder("sdg").code("3 18") {
            #expect(list == "sdgs")
        } else {
            Issue.record("18 is not an SDG")
        }
        #expect(coder("sdg").code("3,8") == .problem(.notAChoice(list: "sdgs", suggestion: "3 8", codes: (1...17).map(String.init))))
        // As a spreadsheet list is typed, a comma and a space: the whole cell is the suggestion, not its first code.
        #expect(coder("sdg").code("3, 8, 10") == .problem(.notAChoice(list: "sdgs", suggestion: "3 8 10", codes: (1...17).map(String.init))))
        #expect(coder("sdg").code("3; 8") == .problem(.notAChoice(list: "sdgs", suggestion: "3 8", codes: (1...17).map(String.init))))
    }

    @Test func longListsAreFoundByHashing() {
        let codes = (1...100).map { "c\($0)" }
        let survey = Fixtures.survey([Fixtures.page("p", [Fixtures.question("q", .selectMultiple, choices: "long")])],
                                     lists: [Fixtures.list("long", codes)])
        let coder = AnswerCoder(variable: survey.variables[0], in: survey)
        #expect(coder.code("c100 c1 c65") == .value(.choices(["c1", "c65", "c100"])))
        #expect(coder.code("c1 c1") == .problem(.duplicateChoice(code: "c1")))
    }

    @Test func aCoderKeepsItsCodesAfterItsSurveyIsGone() {
        func makeCoder(_ type: QuestionType) -> AnswerCoder {
            let codes = ["a_code_longer_than_sixteen_bytes", "b", "c"]
            let survey = Fixtures.survey([Fixtures.page("p", [Fixtures.question("q", type, choices: "l")])],
                                         lists: [Fixtures.list("l", codes)])
            return AnswerCoder(variable: survey.variables[0], in: survey)
        }
        let single = makeCoder(.selectOne), multiple = makeCoder(.selectMultiple)
        #expect(single.code(" a_code_longer_than_sixteen_bytes ") == .value(.choice("a_code_longer_than_sixteen_bytes")))
        #expect(single.code("c") == .value(.choice("c")))
        #expect(multiple.code("c a_code_longer_than_sixteen_bytes") == .value(.choices(["a_code_longer_than_sixteen_bytes", "c"])))
        #expect(multiple.code("b b") == .problem(.duplicateChoice(code: "b")))
        #expect(multiple.choiceTable?.codes == ["a_code_longer_than_sixteen_bytes", "b", "c"])
    }

    @Test func formSelections() {
        #expect(coder("sdg").code(selections: ["8", "3"]) == .value(.choices(["3", "8"])))
        #expect(coder("sdg").code(selections: []) == .empty)
        #expect(coder("sdg").code(selections: ["8", "8"]) == .problem(.duplicateChoice(code: "8")))
        #expect(coder("legal_form").code(selections: ["ab", "ek"]) == .problem(.severalChoices))
        #expect(coder("legal_form").code(selections: ["ab"]) == .value(.choice("ab")))
    }

    @Test func typedValuesAreCheckedAndNormalised() {
        #expect(coder("staff").check(.decimal(12)) == .value(.integer(12)))
        #expect(coder("staff").check(.decimal(12.5)) == .problem(.notAWholeNumber))
        #expect(coder("staff").check(.text("12")) == .value(.integer(12)))
        #expect(coder("share").check(.integer(3)) == .value(.decimal(3)))
        // A JSON number is read as its text in a CSV cell is: at most 15 significant digits (E402).
        #expect(coder("share").check(.decimal(0.1)) == .value(.decimal(0.1)))
        #expect(coder("share").check(.decimal(-2.12345678901234)) == .value(.decimal(-2.12345678901234)))
        #expect(coder("share").check(.decimal(2.1234567890123456)) == .problem(.numberOutOfRange(wholeNumber: false)))
        #expect(coder("share").check(.decimal(1e20)) == .problem(.numberOutOfRange(wholeNumber: false)), "100000000000000000000 in a cell")
        #expect(coder("share").check(.integer(12_345_678_901_234_567)) == .problem(.numberOutOfRange(wholeNumber: false)))
        #expect(coder("active").check(.integer(1)) == .value(.boolean(true)))
        #expect(coder("active").check(.integer(2)) == .problem(.wrongValueType(expected: .boolean)))
        #expect(coder("sdg").check(.choices(["8", "3"])) == .value(.choices(["3", "8"])))
        // A number for a selection of one code, as for a single choice: `3` is `["3"]` and `"3"`.
        #expect(coder("sdg").check(.integer(3)) == .value(.choices(["3"])))
        #expect(coder("sdg").check(.integer(3)) == coder("sdg").check(.text("3")))
        #expect(coder("sdg").check(.integer(99)) == coder("sdg").check(.choices(["99"])))
        #expect(coder("sdg").check(.decimal(3.5)) == .problem(.wrongValueType(expected: .choices)))
        #expect(coder("legal_form").check(.choices(["ab"])) == .problem(.wrongValueType(expected: .choice)))
        #expect(coder("name").check(.integer(3)) == .problem(.wrongValueType(expected: .text)))
        #expect(coder("email").check(.text("nope")) == .problem(.notAnEmail))
        #expect(coder("name").check(.text("Åsa & Örjan")) == .value(.text("Åsa & Örjan")))
        #expect(coder("name").check(.text(" Åsa\n")) == .value(.text("Åsa")), "trimmed as coded text is")
        #expect(coder("name").check(.text(" \t")) == .empty)
        #expect(coder("name").check(.text("")) == .empty)
        #expect(coder("email").check(.text(" a@b.se ")) == .value(.text("a@b.se")))
    }
}

@Suite struct AnswerTextTests {
    let survey = Fixtures.everyType

    /// The text form of every value reads back as the same value: what generated files and
    /// the web form rely on.
    @Test func valuesReadBackFromTheirText() {
        let values: [(String, AnswerValue)] = [
            ("name", .text("Kafé, \"Kollektivet\"")), ("staff", .integer(-42)), ("staff", .integer(.max)),
            ("share", .decimal(0.1)), ("share", .decimal(-2.5)), ("share", .decimal(123456.789)), ("share", .decimal(1e-7)),
            ("share", .decimal(0.000123456789012345)), ("share", .decimal(12)), ("active", .boolean(false)),
            ("founded_on", .date(CalendarDate(year: 1999, month: 12, day: 31)!)), ("legal_form", .choice("ideell")),
            ("sdg", .choices(["3", "8", "17"])), ("voice_users", .choice("2")),
        ]
        for (name, value) in values {
            let coder = AnswerCoder(variable: survey.variables.first { $0.name == name }!, in: survey)
            #expect(coder.code(AnswerText.text(of: value)) == .value(value), "\(name): \(AnswerText.text(of: value))")
        }
    }

    @Test func decimalsAreWrittenWithoutExponentAndAtMost15Digits() {
        #expect(AnswerText.decimal(1e-7) == "0.0000001")
        #expect(AnswerText.decimal(0.1 + 0.2) == "0.3")
        #expect(AnswerText.decimal(2.5) == "2.5")
        #expect(AnswerText.decimal(-3) == "-3")
    }
}
