import Expressions
import Frameworks
import Store
import SurveyDefinition

/// The categories of one breakdown in one round. By a survey variable: its choices in list order
/// (labels in the results language), yes/no for a boolean, the values met for a calculated text;
/// plus "not answered" for responses without a value, so that the groups add up to the total. By
/// `samla.source`: how each response was collected (web, import, api), each listed only when an
/// indicator's base has a response of it; every response has a source, so none is "not answered".
final class Breakdown {
    let variable: String
    let variableLabel: String?
    /// The scan slot of the breakdown variable; nil for `samla.source`, read from each response's record.
    let slot: Int?
    /// Whether a group of `codes` is listed when an indicator's base has nobody in it ("not
    /// answered" is listed only when someone is).
    let listsEmptyGroups: Bool
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
        notAnsweredLabel = Self.notAnswered(language)
        listsEmptyGroups = true
    }

    /// The breakdown by how each response was collected: web, import, api, in that order.
    private init(source language: String) {
        variable = ReservedBreakdown.source.rawValue
        variableLabel = language == "sv" ? "Insamlingssätt" : "Collection mode"
        slot = nil
        codes = Self.sourceOrder.map(\.rawValue)
        labels = Self.sourceOrder.map { $0.label(language) }
        index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, Int32($0)) })
        notAnsweredLabel = Self.notAnswered(language)
        listsEmptyGroups = false
    }

    /// The breakdown `reserved` names.
    convenience init(_ reserved: ReservedBreakdown, language: String) {
        switch reserved {
        case .source: self.init(source: language)
        }
    }

    private static func notAnswered(_ language: String) -> String {
        language == "sv" ? "Uppgift saknas" : "Not answered"
    }

    /// The groups of `samla.source`, in the order they are listed.
    static let sourceOrder: [ResponseSource] = [.web, .import, .api]

    /// The group of a kept response collected as `source`.
    @inline(__always)
    func group(of source: ResponseSource) -> Int32 {
        Int32(Self.sourceOrder.firstIndex(of: source)!)
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

    /// Whether group `index` is listed for an indicator whose base has `members` responses in it.
    func isListed(_ index: Int, members: Int) -> Bool {
        members > 0 || (listsEmptyGroups && index < codes.count)
    }

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
