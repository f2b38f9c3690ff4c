import Expressions
import SurveyDefinition

/// The categories of one breakdown variable in one round: its choices in list order (labels in
/// the results language), yes/no for a boolean, the values met for a calculated text; plus
/// "not answered" for responses without a value, so that the groups add up to the total.
final class Breakdown {
    let variable: String
    let variableLabel: String?
    let slot: Int
    private(set) var codes: [String]
    private(set) var labels: [String]
    private var index: [String: Int32]
    let notAnsweredLabel: String
    /// The group of each kept response: an index into `codes`, or -1 for not answered.
    var groupOfRow: [Int32] = []

    init(variable: Variable, survey: Survey, slot: Int, language: String, fallbacks: [String]) {
        self.variable = variable.name
        self.slot = slot
        let question = survey.question(named: variable.question)
        var label = question?.label?.resolved(language, fallbacks: fallbacks)
        if case .matrixRow(let row) = variable.role, let rowLabel = question?.rows.first(where: { $0.name == row })?.label {
            label = [label, rowLabel.resolved(language, fallbacks: fallbacks)].compactMap { $0 }.joined(separator: ": ")
        }
        variableLabel = label
        switch variable.type {
        case .choice:
            let choices = question.map { survey.choices(for: $0) } ?? variable.choiceList.flatMap { survey.choiceList(named: $0)?.choices } ?? []
            codes = choices.map(\.value)
            labels = choices.map { $0.label.resolved(language, fallbacks: fallbacks) }
        case .boolean:
            codes = ["true", "false"]
            labels = language == "sv" ? ["Ja", "Nej"] : ["Yes", "No"]
        default:
            codes = []
            labels = []
        }
        index = Dictionary(codes.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        notAnsweredLabel = language == "sv" ? "Uppgift saknas" : "Not answered"
    }

    /// The group of a kept response whose breakdown variable has `value`: an index into `codes`,
    /// or -1 for not answered. A code the definition does not list (a calculated text's values, or
    /// a code the definition no longer lists) becomes a group of its own, labelled by its code.
    func group(of value: Value) -> Int32 {
        let code: String
        switch value {
        case .empty: return -1
        case .boolean(let flag): code = flag ? "true" : "false"
        case .text(let text): code = text
        default: code = value.string
        }
        if code.isEmpty { return -1 }
        if let group = index[code] { return group }
        let group = Int32(codes.count)
        codes.append(code)
        labels.append(code)
        index[code] = group
        return group
    }

    /// The group count including "not answered", which is the last group.
    var groupCount: Int { codes.count + 1 }

    func group(at index: Int) -> ResultGroup {
        if index == codes.count {
            return ResultGroup(variable: variable, code: nil, label: notAnsweredLabel, variableLabel: variableLabel)
        }
        return ResultGroup(variable: variable, code: codes[index], label: labels[index], variableLabel: variableLabel)
    }

    /// The group position of row `row`: "not answered" maps to the last group.
    @inline(__always)
    func position(ofRow row: Int) -> Int {
        let group = groupOfRow[row]
        return group < 0 ? codes.count : Int(group)
    }
}
