import Expressions

/// What an expression about a survey can see: every variable with its type, the codes of every
/// choice list, and, by place, the answer being checked (`.` in a constraint) or the attributes of
/// the choices being filtered (a choice filter). The one scope of a survey: its own checks, the
/// response validator and the expressions of indicators and cleaning rules all type in it.
///
/// A question with `other: true` whose list lacks `other` makes the list `list + other`: its
/// variables are codes of that list, so `${q} = 'other'` is a known code.
public struct SurveyScope: ExpressionScope, Sendable {
    /// The type of every variable, by name.
    public var variables: [String: ExpressionType]
    /// Codes by list name, including the `list + other` lists of questions with `other: true`.
    public var lists: [String: [String]]
    public var currentValueType: ExpressionType?
    /// The attributes a choice filter may test; nil anywhere else.
    public var attributes: [String: ExpressionType]?
    /// The names of the survey's variables in order, for "did you mean".
    public let variableNames: [String]

    public func type(ofVariable name: String) -> ExpressionType? { variables[name] }
    public var allowsChoiceAttributes: Bool { attributes != nil }
    public func type(ofChoiceAttribute name: String) -> ExpressionType? { attributes?[name] }
    public var choiceAttributeNames: [String] { attributes.map { $0.keys.sorted() } ?? [] }
    public func choiceCodes(ofList list: String) -> [String]? { lists[list] }

    /// The scope of a loaded survey: calculations typed as their `calculationType` says (of unknown
    /// type when it has none, as when their type could not be found).
    public init(survey: Survey) {
        var types: [String: ExpressionType] = [:]
        for question in survey.questions where question.type == .calculate {
            types[question.name] = question.calculationType.map { Self.expressionType(of: $0, list: nil) } ?? .unknown
        }
        self.init(survey: survey, calculationTypes: types)
    }

    /// The scope of `survey` with calculations typed as `calculationTypes` says
    /// (a calculation not in it is of unknown type).
    init(survey: Survey, calculationTypes: [String: ExpressionType]) {
        var variables: [String: ExpressionType] = [:]
        var lists: [String: [String]] = [:]
        for list in survey.choiceLists { lists[list.name] = list.choices.map(\.value) }
        for question in survey.questions {
            let listName = Self.listName(of: question, in: survey)
            if question.allowsOther, let base = question.choiceList, let listName { lists[listName] = (lists[base] ?? []) + [Choice.otherValue] }
            // A name used twice (E104) keeps the type of its first question, which references mean.
            for variable in question.variables where variables[variable.name] == nil {
                switch variable.role {
                case .calculated:
                    variables[variable.name] = calculationTypes[question.name] ?? .unknown
                case .otherText:
                    variables[variable.name] = .text
                case .answer, .matrixRow:
                    variables[variable.name] = Self.expressionType(of: variable.type, list: listName)
                }
            }
        }
        self.variables = variables
        self.lists = lists
        variableNames = survey.variables.map(\.name)
    }

    /// The list a question's codes come from: its choice list, or `list + other` when it adds `other`
    /// and the list lacks it; nil when the list is not defined (no codes are checked).
    public static func listName(of question: Question, in survey: Survey) -> String? {
        guard let name = question.choiceList, let list = survey.choiceList(named: name) else { return nil }
        return question.allowsOther && list.choice(Choice.otherValue) == nil ? "\(name) + \(Choice.otherValue)" : name
    }

    /// The type of the answers of a variable of `type`, whose codes (if any) come from `list`.
    public static func expressionType(of type: VariableType, list: String?) -> ExpressionType {
        switch type {
        case .text: .text
        case .integer: .integer
        case .decimal: .decimal
        case .boolean: .boolean
        case .date: .date
        case .choice: .choice(list: list)
        case .choices: .choices(list: list)
        }
    }

    /// The attributes a choice filter over `list` may test: `value` (the code) and every extra
    /// attribute, typed as numbers when every choice's value of it is a number.
    public static func attributes(of list: ChoiceList?, listName: String?) -> [String: ExpressionType] {
        var result: [String: ExpressionType] = ["value": .choice(list: listName)]
        guard let list else { return result }
        var values: [String: [String]] = [:]
        for choice in list.choices {
            for (name, value) in choice.attributes { values[name, default: []].append(value) }
        }
        for (name, texts) in values {
            if texts.allSatisfy({ DefaultValueRules.isInteger($0) }) {
                result[name] = .integer
            } else if texts.allSatisfy({ DefaultValueRules.isDecimal($0) }) {
                result[name] = .decimal
            } else {
                result[name] = .text
            }
        }
        return result
    }
}
