import Expressions
import SurveyDefinition

/// One question of a survey, prepared for checking: its variables by index, its expressions
/// compiled with a slot per variable, and its place in the evaluation order. A class, so that
/// the check loop reads it without copying its fields.
final class CompiledQuestion: Sendable {
    enum Kind: Sendable {
        case answered
        case calculate
        case note
    }

    let question: Question
    /// Position in `survey.questions`.
    let position: Int
    /// Index of its page in `survey.pages`.
    let page: Int
    let kind: Kind
    /// The answer's variable, a matrix's row variables, or a calculation's variable.
    let variables: [Int]
    /// The variable of the `other` text, when the question allows one.
    let otherVariable: Int?
    /// ``variables`` and then ``otherVariable``.
    let allVariables: [Int]
    let relevance: CompiledRule?
    let constraint: CompiledRule?
    let choiceFilter: CompiledRule?
    let calculation: CompiledRule?
    /// The attributes a choice filter reads, for the question's choices.
    let choiceAttributes: ChoiceAttributeTable?
    /// The conditions that make it shown (page's and own), for messages.
    let relevanceText: String?
    /// Whether its relevance reads an answer of its own page (directly or through calculations):
    /// the web form then shows it and decides after the page is posted.
    let dependsOnOwnPage: Bool
    /// Whether its choice filter reads an answer of its own page (directly or through
    /// calculations): the web form then offers the whole list and checks the choice on the post.
    let choiceFilterReadsOwnPage: Bool

    init(
        question: Question, position: Int, page: Int, kind: Kind, variables: [Int], otherVariable: Int?,
        relevance: CompiledRule?, constraint: CompiledRule?, choiceFilter: CompiledRule?, calculation: CompiledRule?,
        choiceAttributes: ChoiceAttributeTable?, relevanceText: String?, dependsOnOwnPage: Bool,
        choiceFilterReadsOwnPage: Bool
    ) {
        self.question = question
        self.position = position
        self.page = page
        self.kind = kind
        self.variables = variables
        self.otherVariable = otherVariable
        allVariables = variables + (otherVariable.map { [$0] } ?? [])
        self.relevance = relevance
        self.constraint = constraint
        self.choiceFilter = choiceFilter
        self.calculation = calculation
        self.choiceAttributes = choiceAttributes
        self.relevanceText = relevanceText
        self.dependsOnOwnPage = dependsOnOwnPage
        self.choiceFilterReadsOwnPage = choiceFilterReadsOwnPage
    }
}

/// A page prepared for checking.
struct CompiledPage: Sendable {
    let relevance: CompiledRule?
    /// The variables its relevance reads, in order of first use; nil for a name that is no variable.
    let relevanceReads: [Int?]
    /// Positions (in `survey.questions`) of its questions.
    let questions: [Int]
}

/// The attribute values of each choice of a list, by attribute slot, for choice filters.
struct ChoiceAttributeTable: Sendable {
    /// Attribute names by slot; slot 0 is `value`, the choice's code.
    let names: [String]
    /// Per choice (list order), the value of each attribute slot (empty when a choice lacks it).
    let rows: [[Value]]

    init(choices: [Choice]) {
        var names = ["value"]
        for choice in choices {
            for key in choice.attributes.keys.sorted() where !names.contains(key) { names.append(key) }
        }
        self.names = names
        rows = choices.map { choice in
            names.map { name in
                let text = name == "value" ? choice.value : choice.attributes[name]
                return text.map { $0.isEmpty ? Value.empty : .text($0) } ?? .empty
            }
        }
    }

    var slots: [String: Int] {
        Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }
}
