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
    private let growsFromData: Bool
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
            growsFromData = false
        case .boolean:
            codes = ["true", "false"]
            labels = language == "sv" ? ["Ja", "Nej"] : ["Yes", "No"]
            growsFromData = false
        default:
            codes = []
            labels = []
            growsFromData = true
        }
        index = Dictionary(codes.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        notAnsweredLabel = language == "sv" ? "Uppgift saknas" : "Not answered"
    }

    /// Records the group of the next kept response from its stored text (nil: not answered).
    func append(code: String?) {
        guard let code, !code.isEmpty else {
            groupOfRow.append(-1)
            return
        }
        if let group = index[code] {
            groupOfRow.append(group)
        } else if growsFromData {
            let group = Int32(codes.count)
            codes.append(code)
            labels.append(code)
            index[code] = group
            groupOfRow.append(group)
        } else {
            // A code the definition no longer lists: kept as its own group, labelled by its code.
            let group = Int32(codes.count)
            codes.append(code)
            labels.append(code)
            index[code] = group
            groupOfRow.append(group)
        }
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
