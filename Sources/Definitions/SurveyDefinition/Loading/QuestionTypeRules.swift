/// Which keys each question type takes, beyond those every question takes.
enum QuestionTypeRules {
    /// Why `key` does not apply to `type`, or nil when it does.
    static func problem(key: String, type: QuestionType) -> String? {
        switch key {
        case "required", "constraint", "constraint_message":
            switch type {
            case .note: return "a note shows text and takes no answer"
            case .calculate: return "its value is computed, not answered"
            default: return nil
            }
        case "calculation":
            return type == .calculate ? nil : "only a calculate question has a calculation"
        case "choices":
            return type.usesChoices ? nil : "only select_one, select_multiple and matrix questions take a choice list"
        case "choice_filter":
            return type == .selectOne || type == .selectMultiple ? nil : "only select_one and select_multiple questions filter their choices"
        case "other":
            return type == .selectOne || type == .selectMultiple ? nil : "only select_one and select_multiple questions can offer an \"other\" answer"
        case "rows":
            return type == .matrix ? nil : "only a matrix has rows"
        case "default":
            switch type {
            case .note: return "a note takes no answer"
            case .calculate: return "its value is computed from its calculation"
            case .matrix: return "a matrix has no single answer to start from"
            default: return nil
            }
        case "pii", "export_as", "quasi_identifier":
            return type == .note ? "a note stores no answer" : nil
        case "export_bands":
            return type == .integer || type == .decimal ? nil : "only the number of an integer or decimal question is published in bands"
        default:
            return nil
        }
    }

    /// Keys a type cannot do without (beyond `name` and `type`), with an example value.
    static func requiredKeys(for type: QuestionType) -> [(key: String, example: String)] {
        switch type {
        case .selectOne, .selectMultiple: [("choices", "yes_no")]
        case .matrix: [("choices", "agree5"), ("rows", "a list of {name, label}")]
        case .calculate: [("calculation", "\"${a} + ${b}\"")]
        default: []
        }
    }

    /// Common names for types in other tools, and what they are called here.
    static let aliases: [String: QuestionType] = [
        "string": .text, "short_text": .text, "textarea": .longText, "paragraph": .longText, "notes": .longText,
        "int": .integer, "number": .decimal, "float": .decimal, "numeric": .decimal,
        "radio": .selectOne, "dropdown": .selectOne, "select": .selectOne,
        "checkbox": .selectMultiple, "select_many": .selectMultiple, "multiple_choice": .selectMultiple,
        "yes_no": .boolean, "yesno": .boolean, "bool": .boolean, "truefalse": .boolean,
        "calculation": .calculate, "calc": .calculate, "descriptive": .note,
    ]
}
