import Expressions
import SurveyDefinition

/// How a question an indicator reads was asked differently in two definitions of its survey: what
/// makes a change between their rounds a comparison of answers that may not mean the same.
public struct QuestionChange: Sendable, Hashable {
    /// The variable the indicator reads (or that a calculation it reads is computed from).
    public let variable: String
    public let differences: [QuestionDifference]

    public init(variable: String, differences: [QuestionDifference]) {
        self.variable = variable
        self.differences = differences
    }

    /// `imm_status: label reworded (sv, en); choices added: 9` (English) or its Swedish.
    func text(_ language: String) -> String {
        "\(variable): " + differences.map { $0.text(language) }.joined(separator: "; ")
    }

    /// What changed in the questions behind `names` from `earlier` to `later`: the variables named,
    /// and through calculations the variables they are computed from. A variable one of the two
    /// lacks is left out: the indicator is then not computed for that round at all. A choice code
    /// renamed under its label is no change of what was asked.
    static func between(_ earlier: Survey, _ later: Survey, reading names: [String]) -> [QuestionChange] {
        var changes: [QuestionChange] = []
        var seen = Set<String>()
        var pending = names
        while !pending.isEmpty {
            let name = pending.removeFirst()
            guard seen.insert(name).inserted,
                  let before = earlier.variables.first(where: { $0.name == name }),
                  let after = later.variables.first(where: { $0.name == name }),
                  let asked = earlier.question(named: before.question),
                  let asking = later.question(named: after.question) else { continue }
            for calculation in [asked.calculation, asking.calculation].compactMap({ $0 }) {
                pending += (try? ParsedExpression.parse(calculation.text).get())?.referencedNames ?? []
            }
            // A code renamed under its label offers what it offered: breakdowns follow it (``RenamedCodes``).
            let differences = QuestionDifference.between(asked, in: earlier, and: asking, in: later, variable: before, after)
                .filter { if case .choicesRenamed = $0 { false } else { true } }
            if !differences.isEmpty { changes.append(QuestionChange(variable: name, differences: differences)) }
        }
        return changes
    }
}
