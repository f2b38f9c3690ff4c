import Foundation
import SurveyDefinition
import Testing

/// The Swedish texts of the shipped surveys follow Språkrådet's Svenska skrivregler, which a
/// respondent sees on every page: ”…” as quotation marks, thousands grouped by a no-break space
/// (`250 000` never broken at the line's end), `%` after a no-break space, a range of two plain
/// numbers with an en dash and no spaces (`1–5 miljoner kr`), and Swedish abbreviations.
@Suite struct ShippedSurveyTypographyTests {
    /// Every Swedish text a respondent can see: titles, description, labels, hints, messages, choices.
    static func swedishTexts(of survey: Survey) -> [(place: String, text: String)] {
        texts(of: survey, in: "sv")
    }

    /// Every text in `language` a respondent can see.
    static func texts(of survey: Survey, in language: String) -> [(place: String, text: String)] {
        var texts: [(String, LocalizedText?)] = [("title", survey.title), ("description", survey.description)]
        for page in survey.pages {
            texts.append(("page \(page.id)", page.title))
            for question in page.questions {
                texts += [("\(question.name) label", question.label), ("\(question.name) hint", question.hint),
                          ("\(question.name) constraint_message", question.constraintMessage)]
                texts += question.rows.map { ("\(question.name) row \($0.name)", $0.label) }
            }
        }
        for list in survey.choiceLists {
            texts += list.choices.map { ("choice \(list.name) \($0.value)", $0.label) }
        }
        return texts.compactMap { place, text in text?.translations[language].map { (place, $0) } }
    }

    /// What is wrong with `text` by the rules above, one phrase each.
    static func problems(in text: String) -> [String] {
        var found: [String] = []
        if text.contains("\"") || text.contains("“") || text.contains("„") { found.append("quotation marks other than ”…”") }
        if text.contains(/\d \d{3}(?!\d)/) { found.append("a thousands group after a plain space, not a no-break one") }
        if text.contains(/\d ?%/) { found.append("a % without a no-break space before it") }
        if text.contains(/(^|[ (])\d+ – \d+( |$)/) { found.append("a range of two plain numbers with spaces around the dash") }
        if text.contains(/(^|\W)(e\.g\.|i\.e\.|etc\.)/) { found.append("an English abbreviation") }
        return found
    }

    @Test(arguments: ShippedSurveysTests.files) func swedishTextsFollowSwedishTypography(_ name: String) throws {
        let result = SurveyLoader.load(contentsOf: ShippedSurveysTests.folder.appendingPathComponent(name).path)
        let survey = try #require(result.document).survey
        let texts = Self.swedishTexts(of: survey)
        #expect(texts.count > 20)
        for (place, text) in texts {
            let problems = Self.problems(in: text)
            #expect(problems.isEmpty, "\(name), \(place): \(problems.joined(separator: "; ")) in “\(text)”")
        }
    }

    /// The rules themselves: each catches what it is for and lets the right form through.
    @Test func theRulesTellRightFromWrong() {
        #expect(Self.problems(in: "Under 250 000 kr").count == 1)
        #expect(Self.problems(in: "Under 250\u{00A0}000 kr").isEmpty)
        #expect(Self.problems(in: "1 – 5 miljoner kr").count == 1)
        #expect(Self.problems(in: "1–5 miljoner kr").isEmpty)
        #expect(Self.problems(in: "250\u{00A0}000 – 1 miljon kr").isEmpty)
        #expect(Self.problems(in: "1 – inte alls användbar").isEmpty)
        #expect(Self.problems(in: "Välj \"Annat\"").count == 1)
        #expect(Self.problems(in: "Välj “Annat”").count == 1)
        #expect(Self.problems(in: "Välj ”Annat”").isEmpty)
        #expect(Self.problems(in: "minst 80 %").count == 1)
        #expect(Self.problems(in: "minst 80\u{00A0}%").isEmpty)
        #expect(Self.problems(in: "e.g. en rapport").count == 1)
        #expect(Self.problems(in: "t.ex. en rapport, 802012-3456, 2025-03-14").isEmpty)
    }
}

/// The English texts of the shipped surveys in British spelling and the typography of the
/// English pages around them: “…” as quotation marks, `%` straight after the number, a range of
/// two plain numbers with an en dash and no spaces (`SEK 1–5 million`; spaced only beside a
/// number in words, `SEK 250,000 – 1 million`), and error messages that say what to do rather
/// than what cannot be done.
@Suite struct ShippedSurveyEnglishTests {
    /// American spellings and their British forms, as the rest of Samla writes them.
    static var americanSpellings: Regex<(Substring, Substring)> { /(?i)\b\w*(organiz|color|behavior|labor\b|favor|center\b|centers\b|analyz|recogniz|prioritiz|catalog\b|defense\b|enroll\b|fulfill\b|percent\b)\w*/ }

    /// What is wrong with `text` by the rules above, one phrase each.
    static func problems(in text: String) -> [String] {
        var found: [String] = []
        if let match = text.firstMatch(of: americanSpellings) { found.append("the American spelling “\(match.0)”") }
        if text.contains("\"") || text.contains("„") { found.append("quotation marks other than “…”") }
        if text.filter({ $0 == "“" }).count != text.filter({ $0 == "”" }).count { found.append("a ” without its “") }
        if text.contains(/\d[ \u{00A0}]%/) { found.append("a space before %") }
        if text.contains(/(^|[ (])[\d,.]+ – [\d,.]+( |$)/) && !text.contains(/,\d{3} – \d+ million/) { found.append("a range of two plain numbers with spaces around the dash") }
        if text.contains(/cannot be combined with/) { found.append("an error that says what cannot be done, not what to do") }
        return found
    }

    @Test(arguments: ShippedSurveysTests.files) func englishTextsFollowBritishSpellingAndEnglishTypography(_ name: String) throws {
        let result = SurveyLoader.load(contentsOf: ShippedSurveysTests.folder.appendingPathComponent(name).path)
        let survey = try #require(result.document).survey
        let texts = ShippedSurveyTypographyTests.texts(of: survey, in: "en")
        #expect(texts.count > 20)
        for (place, text) in texts {
            let problems = Self.problems(in: text)
            #expect(problems.isEmpty, "\(name), \(place): \(problems.joined(separator: "; ")) in “\(text)”")
        }
    }

    /// The rules themselves: each catches what it is for and lets the right form through.
    @Test func theRulesTellRightFromWrong() {
        #expect(Self.problems(in: "Non-profit organizations").count == 1)
        #expect(Self.problems(in: "Non-profit organisations, the colour of the Competence Centre").isEmpty)
        #expect(Self.problems(in: "SEK 1 – 5 million").count == 1)
        #expect(Self.problems(in: "SEK 100,000 – 500,000").count == 1)
        #expect(Self.problems(in: "SEK 1–5 million").isEmpty)
        #expect(Self.problems(in: "SEK 250,000 – 1 million").isEmpty)
        #expect(Self.problems(in: "1 – Not useful at all").isEmpty)
        #expect(Self.problems(in: "Choose \"Other\"").count == 1)
        #expect(Self.problems(in: "Choose ”Other”").count == 1)
        #expect(Self.problems(in: "Choose “Other”").isEmpty)
        #expect(Self.problems(in: "at least 80 %").count == 1)
        #expect(Self.problems(in: "at least 80%").isEmpty)
        #expect(Self.problems(in: "“None” cannot be combined with other answers.").count == 1)
        #expect(Self.problems(in: "Choose either “None” or other answers, not both.").isEmpty)
    }
}
