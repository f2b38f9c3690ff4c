import Diagnostics
import Expressions
import SurveyDefinition

/// The texts of ``AnswerProblem``s: English for the importer and the API, Swedish and English
/// for respondents on the web form. Each says what is wrong and what to write instead. They start
/// in lower case, as they follow a place (`row 13, column org: `) or stand beside a field name in
/// an API error; the form makes each a sentence (``AnswerProblem/respondentMessage(in:)``).
enum ProblemMessages {
    /// Lists at most this long are spelt out in "not a choice" messages.
    static let listedCodesLimit = 12

    static func english(_ p: AnswerProblem) -> String {
        let given = p.value.map { "“\(shortened($0))”" } ?? "the answer"
        switch p.kind {
        case .notANumber(true):
            return "\(given) is not a whole number: write it in digits, e.g. 7"
        case .notANumber(false):
            return "\(given) is not a number: write digits, with . or , before any decimals, e.g. 3.5"
        case .notAWholeNumber:
            return "\(given) is not a whole number: write it without decimals or exponent, e.g. 12"
        case .thousandsOrDecimals(let whole, let fraction, let wholeNumber):
            let thousands = "write \(whole)\(fraction) or \(whole) \(fraction) for a number in thousands"
            if wholeNumber { return "\(given) is not a whole number as written, with a \(p.value?.contains(",") == true ? "comma" : "point"): \(thousands)" }
            return "\(given) could mean \(whole)\(fraction) or \(whole).\(fraction): \(thousands), or \(whole).\(fraction) with a decimal point"
        case .numberOutOfRange(true):
            return "\(given) has too many digits: a whole number must lie between -9223372036854775808 and 9223372036854775807"
        case .numberOutOfRange(false):
            return "\(given) has more than 15 significant digits, which cannot be stored exactly: round it"
        case .notABoolean:
            return "\(given) is not yes or no: write \(BooleanCoding.accepted)"
        case .notADate(let readings):
            let rewritten = readings.map { "\($0) if it is \($0.inWords(language: "en"))" }
            return "\(given) is not a date: write year-month-day as YYYY-MM-DD, " + (rewritten.isEmpty ? "e.g. 2025-03-14" : rewritten.joined(separator: ", "))
        case .notAnEmail:
            return "\(given) is not an email address: write it as name@example.se"
        case .controlCharacter(let scalar, let position):
            return "the text has a control character (\(codePoint(scalar))) at character \(position), which cannot be shown: remove it"
        case .notAChoice(let list, let suggestion, let codes):
            var text = "\(given) is not a code of the list \(list)"
            if let suggestion, suggestion.contains(" ") { return text + ": separate the codes with spaces, “\(suggestion)”" }
            text += Suggestions.didYouMean(suggestion)
            if codes.count <= listedCodesLimit { text += "; its codes are \(codes.joined(separator: ", "))" }
            return text
        case .choiceNotOffered(let list, let code, let filter):
            return "\(code) is a code of the list \(list), but the question's choice filter, \(filter), does not offer it given this response's other answers: check them and this one"
        case .duplicateChoice(let code):
            return "\(given) names the code \(code) more than once: give each chosen code once"
        case .severalChoices:
            return "\(given) gives several codes, but only one choice is allowed"
        case .otherWithoutOther(let question):
            return "there is an ‘other’ text, but ‘other’ is not chosen in \(question): choose other or leave the text empty"
        case .constraintFailed(let constraint, let message):
            if let text = message?["en"] { return "\(given) is not accepted: \(text)" }
            return "\(given) does not meet the question's condition \(constraint)"
        case .requiredMissing:
            return "an answer is required"
        case .notRelevant(let condition):
            let why = condition.map { " (it is shown only when \($0))" } ?? ""
            return "there is an answer, but the question is not asked of this response\(why): leave it empty"
        case .wrongValueType(let expected):
            return "\(given) is the wrong kind of value for this question: send \(englishKind(expected)), or null for no answer"
        case .noSuchVariable(let suggestion):
            return "the survey has no question or variable named \(p.variable)\(Suggestions.didYouMean(suggestion))"
        case .questionWithoutVariable(let question):
            return question.explanation(of: p.variable, in: "en")
        case .calculatedValueGiven:
            return "\(p.variable) is calculated from other answers and cannot be given"
        case .notAnOptionMark(let option):
            return "\(given) is not 1, 0 or empty: the column says whether \(option) is chosen in \(p.variable); write 1 (chosen) or 0 (not chosen), or leave every option of the question empty for no answer"
        }
    }

    /// " (menade du x?)", the Swedish ``Suggestions/didYouMean(_:)``, or the empty string.
    private static func menadeDu(_ suggestion: String?) -> String {
        suggestion.map { " (menade du \($0)?)" } ?? ""
    }

    static func swedish(_ p: AnswerProblem) -> String {
        let given = p.value.map { "”\(shortened($0))”" } ?? "svaret"
        switch p.kind {
        case .notANumber(true):
            return "\(given) är inte ett heltal: skriv det med siffror, t.ex. 7"
        case .notANumber(false):
            return "\(given) är inte ett tal: skriv siffror, med komma eller punkt före eventuella decimaler, t.ex. 3,5"
        case .notAWholeNumber:
            return "\(given) är inte ett heltal: skriv det utan decimaler, t.ex. 12"
        case .thousandsOrDecimals(let whole, let fraction, let wholeNumber):
            let thousands = "skriv \(whole)\(fraction) eller \(whole) \(fraction) för ett tal i tusental"
            if wholeNumber { return "\(given) är inte ett heltal som det är skrivet, med \(p.value?.contains(",") == true ? "komma" : "punkt"): \(thousands)" }
            return "\(given) kan betyda både \(whole)\(fraction) och \(whole),\(fraction): \(thousands), eller \(whole),\(fraction) med decimalkomma"
        case .numberOutOfRange(true):
            return "\(given) har för många siffror: ett heltal måste ligga mellan \u{2212}9\u{00A0}223\u{00A0}372\u{00A0}036\u{00A0}854\u{00A0}775\u{00A0}808 och 9\u{00A0}223\u{00A0}372\u{00A0}036\u{00A0}854\u{00A0}775\u{00A0}807"
        case .numberOutOfRange(false):
            return "\(given) har fler än 15\u{00A0}värdesiffror och kan inte sparas exakt: avrunda talet"
        case .notABoolean:
            return "\(given) är varken ja eller nej: skriv \(BooleanCoding.accepted)"
        case .notADate(let readings):
            let rewritten = readings.map { "\($0) om det är den \($0.inWords(language: "sv"))" }
            return "\(given) är inte ett datum: skriv år-månad-dag som ÅÅÅÅ-MM-DD, " + (rewritten.isEmpty ? "t.ex. 2025-03-14" : rewritten.joined(separator: ", "))
        case .notAnEmail:
            return "\(given) är inte en e-postadress: skriv den som namn@exempel.se"
        case .controlCharacter(let scalar, let position):
            return "texten har ett styrtecken (\(codePoint(scalar))) vid tecken \(position), som inte kan visas: ta bort det"
        case .notAChoice(let list, let suggestion, let codes):
            var text = "\(given) är inte en kod i listan \(list)"
            if let suggestion, suggestion.contains(" ") { return text + ": skilj koderna åt med mellanslag, ”\(suggestion)”" }
            text += menadeDu(suggestion)
            if codes.count <= listedCodesLimit { text += "; koderna är \(codes.joined(separator: ", "))" }
            return text
        case .choiceNotOffered(let list, let code, let filter):
            return "\(code) är en kod i listan \(list), men frågans urval, \(filter), erbjuder den inte utifrån svarets andra svar: kontrollera dem och det här"
        case .duplicateChoice(let code):
            return "\(given) anger koden \(code) mer än en gång: ange varje vald kod en gång"
        case .severalChoices:
            return "\(given) anger flera koder, men bara ett alternativ får väljas"
        case .otherWithoutOther:
            return "det finns en text under ”Annat”, men ”Annat” är inte valt: välj Annat eller töm textfältet"
        case .constraintFailed(let constraint, let message):
            if let text = message?["sv"] { return text }
            return "\(given) uppfyller inte villkoret \(constraint)"
        case .requiredMissing:
            return "svara på frågan"
        case .notRelevant(let condition):
            let why = condition.map { " (den visas bara när \($0))" } ?? ""
            return "det finns ett svar, men frågan ställs inte i det här svaret\(why): lämna den tom"
        case .wrongValueType(let expected):
            return "\(given) är fel slags värde för frågan: skicka \(swedishKind(expected)), eller null för inget svar"
        case .noSuchVariable(let suggestion):
            return "enkäten har ingen fråga eller variabel som heter \(p.variable)\(menadeDu(suggestion))"
        case .questionWithoutVariable(let question):
            return question.explanation(of: p.variable, in: "sv")
        case .calculatedValueGiven:
            return "\(p.variable) räknas fram ur andra svar och kan inte anges"
        case .notAnOptionMark(let option):
            return "\(given) är varken 1, 0 eller tomt: kolumnen anger om \(option) är valt i \(p.variable); skriv 1 (valt) eller 0 (inte valt), eller lämna frågans alla alternativ tomma för inget svar"
        }
    }

    /// `U+001B`.
    private static func codePoint(_ scalar: UInt32) -> String {
        let hex = String(scalar, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Long answers are cut in messages so a wrong cell does not flood the output.
    static func shortened(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(57)) + "…"
    }

    /// What to send instead, in JSON's terms.
    private static func englishKind(_ type: VariableType) -> String {
        switch type {
        case .text: "the text as a string"
        case .integer: "a whole number, e.g. 12"
        case .decimal: "a number, e.g. 3.5"
        case .boolean: "true or false"
        case .date: "the date as a string, e.g. \"2025-03-14\""
        case .choice: "one code as a string, not a list, e.g. \"2\""
        case .choices: "a list of codes, e.g. [\"3\", \"8\"]"
        }
    }

    private static func swedishKind(_ type: VariableType) -> String {
        switch type {
        case .text: "texten som en sträng"
        case .integer: "ett heltal, t.ex. 12"
        case .decimal: "ett tal, t.ex. 3.5"
        case .boolean: "true eller false"
        case .date: "datumet som en sträng, t.ex. \"2025-03-14\""
        case .choice: "en kod som en sträng, inte en lista, t.ex. \"2\""
        case .choices: "en lista av koder, t.ex. [\"3\", \"8\"]"
        }
    }
}
