import SurveyDefinition

/// A question that has no variable of its own, named where an answer's name goes (a JSON key, a
/// CSV column): a matrix, answered by its rows' variables, or a note, which takes no answer. Both
/// were "no question or variable named voice", which sent a partner looking for a typo.
public enum QuestionWithoutVariable: Hashable, Sendable {
    /// The variables of the matrix's rows, in order (`voice_staff`, `voice_benef`).
    case matrix(rows: [String])
    case note

    /// What `name` is and what to give instead, in English (`language` "en") or Swedish; it follows
    /// the name it is about, as the other problems' messages do.
    public func explanation(of name: String, in language: String) -> String {
        switch (self, language) {
        case (.matrix(let rows), "sv"): "\(name) är en matris, som besvaras med en variabel per rad: \(rows.joined(separator: ", "))"
        case (.matrix(let rows), _): "\(name) is a matrix, answered by one variable per row: \(rows.joined(separator: ", "))"
        case (.note, "sv"): "\(name) är en text som bara visas och inte tar något svar: ta bort den"
        case (.note, _): "\(name) is a note, which only shows a text and takes no answer: leave it out"
        }
    }
}

extension ResponseValidator {
    /// The matrix or note `name` names (without regard to case), if it names one.
    public func questionWithoutVariable(named name: String) -> QuestionWithoutVariable? {
        let lowered = name.lowercased()
        guard let question = survey.questions.first(where: { $0.name.lowercased() == lowered }) else { return nil }
        switch question.type {
        case .matrix: return .matrix(rows: variables.filter { $0.question == question.name }.map(\.name))
        case .note: return .note
        default: return nil
        }
    }
}
