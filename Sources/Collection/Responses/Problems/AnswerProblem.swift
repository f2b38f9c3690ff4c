import Diagnostics
import Expressions
import SurveyDefinition

/// One problem with one answer of a response: which variable, what was given, what is wrong,
/// with a stable diagnostic code and a message in Swedish and English.
public struct AnswerProblem: Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the answer.
    public enum Kind: Hashable, Sendable {
        /// Not a number at all (`abc`); `wholeNumber` when the question asks for an integer.
        case notANumber(wholeNumber: Bool)
        /// A number, but with a fraction or an exponent where a whole number is asked for.
        case notAWholeNumber
        /// Outside the 64-bit range (whole numbers) or more than 15 significant digits (decimals).
        case numberOutOfRange(wholeNumber: Bool)
        /// A number typed on the web form that may group thousands or mark decimals (`1,000` on an
        /// English page): its digits `whole` and `fraction` around the separator. The message
        /// writes the decimal reading as its own language does (`1.000`, `1,000` in Swedish), so that
        /// after a language switch it shows what the page now takes. `wholeNumber` when the
        /// question asks for an integer.
        case thousandsOrDecimals(whole: String, fraction: String, wholeNumber: Bool)
        case notABoolean
        /// Not `YYYY-MM-DD`, or no such day (`2025-02-30`); `readings` are the days the text may
        /// mean in another way of writing dates (`14/10/2025`), for the message to show rewritten.
        case notADate(readings: [CalendarDate])
        case notAnEmail
        /// A text with a control character (NUL, ESC, …; tab and line breaks are fine), which no
        /// one types and no page, terminal or spreadsheet shows: `scalar` at character `position`.
        case controlCharacter(scalar: UInt32, position: Int)
        /// Not a code of the list; `suggestion` is the likely meant code, `codes` the list's codes.
        case notAChoice(list: String, suggestion: String?, codes: [String])
        /// A code of the list that the choice filter (`filter`, as written) does not offer for this response.
        case choiceNotOffered(list: String, code: String, filter: String)
        case duplicateChoice(code: String)
        /// Several codes for a single choice.
        case severalChoices
        /// An `other` text although `other` is not chosen in `question`.
        case otherWithoutOther(question: String)
        /// The question's constraint is false; its `constraint_message` if it has one.
        case constraintFailed(constraint: String, message: LocalizedText?)
        case requiredMissing
        /// An answer to a question whose `relevant` (or its page's) is false for this response.
        case notRelevant(condition: String?)
        /// A typed value (JSON) of the wrong kind for the variable.
        case wrongValueType(expected: VariableType)
        /// An answer for a name that is no variable of the survey.
        case noSuchVariable(suggestion: String?)
        /// An answer for a matrix or a note, which have no variable of their own.
        case questionWithoutVariable(QuestionWithoutVariable)
        /// An answer for a `calculate` variable.
        case calculatedValueGiven
        /// A cell of a multiple choice spread into one column per option (`q_option`, as an
        /// export writes it) that is not 1, 0 or empty: the cell of `option`.
        case notAnOptionMark(option: String)
    }

    /// The variable's name: the CSV column, the form field, the JSON key.
    public var variable: String
    /// The answer as given (cell text, form value), when there was one.
    public var value: String?
    public var kind: Kind

    public init(variable: String, value: String?, kind: Kind) {
        self.variable = variable
        self.value = value
        self.kind = kind
    }

    public var code: DiagnosticCode {
        switch kind {
        case .notANumber: .notANumber
        case .notAWholeNumber: .notAWholeNumber
        case .thousandsOrDecimals: .notANumber
        case .numberOutOfRange: .numberOutOfRange
        case .notABoolean: .notABoolean
        case .notADate: .notADate
        case .notAnEmail: .notAnEmail
        case .controlCharacter: .controlCharacter
        case .notAChoice: .notAChoice
        case .choiceNotOffered: .choiceNotOffered
        case .duplicateChoice: .duplicateChoice
        case .severalChoices: .severalChoices
        case .otherWithoutOther: .otherWithoutOther
        case .constraintFailed: .constraintFailed
        case .requiredMissing: .requiredMissing
        case .notRelevant: .answerNotRelevant
        case .wrongValueType: .wrongValueType
        case .noSuchVariable, .questionWithoutVariable: .noSuchField
        case .calculatedValueGiven: .calculatedValueGiven
        case .notAnOptionMark: .notAnOptionMark
        }
    }

    /// The message in Swedish (`sv`) or English (any other language).
    public func message(in language: String) -> String {
        language == "sv" ? ProblemMessages.swedish(self) : ProblemMessages.english(self)
    }

    /// The message for a respondent on the web form, in Swedish (`sv`) or English: as
    /// ``message(in:)``, except where that names what a respondent cannot read (a condition's
    /// expression, a list's codes, a variable): a failed constraint without a
    /// `constraint_message`, a choice the filter does not offer, an `other` text without `other`;
    /// and a failed constraint with a message is that message alone, in English as in Swedish.
    /// A missing required answer says what to do, as the Swedish does ("Answer this question.");
    /// a number in thousands to type (`1 000`) is kept on one line.
    /// Every other message is made a sentence: a capital first letter and a full stop, as it stands
    /// on its own beside the field.
    public func respondentMessage(in language: String) -> String {
        let sv = language == "sv"
        switch kind {
        case .constraintFailed(_, nil):
            return sv ? "Svaret godtas inte för den här frågan: kontrollera det." : "This answer is not accepted for this question: please check it."
        case .constraintFailed(_, let message?):
            // The author's message as written, in either language (the import's English adds the answer before it).
            return message[sv ? "sv" : "en"] ?? self.message(in: language)
        case .choiceNotOffered:
            return sv ? "Det här alternativet passar inte ihop med dina andra svar: välj ett annat, eller ändra de svaren."
                : "This choice does not go with your other answers: choose another, or change those answers."
        case .otherWithoutOther:
            return sv ? "Du har skrivit något under ”Annat” men inte valt Annat: välj Annat, eller töm textfältet."
                : "You wrote something under “Other” but did not choose Other: choose Other, or empty the text field."
        case .requiredMissing where !sv:
            return "Answer this question."
        case .thousandsOrDecimals(let whole, let fraction, _):
            // "1 000" is what to type: a no-break space keeps it on one line beside a narrow field.
            return Self.sentence(message(in: language).replacingOccurrences(of: "\(whole) \(fraction)", with: "\(whole)\u{00A0}\(fraction)"))
        default:
            return Self.sentence(message(in: language))
        }
    }

    /// `text` with a capital first letter and a full stop unless it ends in one, `?` or `!`.
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        let capitalised = first.uppercased() + text.dropFirst()
        return ".?!".contains(capitalised.last!) ? capitalised : capitalised + "."
    }

    /// Both messages, keyed `sv` and `en`.
    public var messages: LocalizedText {
        ["sv": message(in: "sv"), "en": message(in: "en")]
    }

    /// The problem as a diagnostic at `location`, with its message in `language`.
    public func diagnostic(at location: DiagnosticLocation, language: String = "en") -> Diagnostic {
        Diagnostic(code, at: location, message(in: language))
    }

    public var description: String { "\(variable): \(code.id): \(message(in: "en"))" }
}
