import Expressions
import SurveyDefinition

/// The expression scope of a survey's stored variables: what indicator and cleaning-rule
/// expressions may refer to.
public struct SurveyExpressionScope: ExpressionScope, Sendable {
    public let survey: Survey
    private let types: [String: ExpressionType]
    private let codes: [String: [String]]

    public init(survey: Survey) {
        self.survey = survey
        var types: [String: ExpressionType] = [:]
        for variable in survey.variables where types[variable.name] == nil {
            types[variable.name] = Self.expressionType(of: variable)
        }
        self.types = types
        var codes: [String: [String]] = [:]
        for list in survey.choiceLists { codes[list.name] = list.choices.map(\.value) }
        for question in survey.questions where question.allowsOther {
            if let list = question.choiceList, let existing = codes[list], !existing.contains(Choice.otherValue) {
                codes[list] = existing + [Choice.otherValue]
            }
        }
        self.codes = codes
    }

    public static func expressionType(of variable: Variable) -> ExpressionType {
        switch variable.type {
        case .text: .text
        case .integer: .integer
        case .decimal: .decimal
        case .boolean: .boolean
        case .date: .date
        case .choice: .choice(list: variable.choiceList)
        case .choices: .choices(list: variable.choiceList)
        }
    }

    public func type(ofVariable name: String) -> ExpressionType? { types[name] }
    public func choiceCodes(ofList list: String) -> [String]? { codes[list] }
    public var variableNames: [String] { survey.variables.map(\.name) }
}
