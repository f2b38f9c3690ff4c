import Diagnostics
import Expressions

extension ExpressionChecks {
    /// W108 at each `attribute = ${answer}` of a choice filter where no choice's attribute holds any
    /// code of the answer's list (`mode = ${format}` with modes `room`, `remote` and formats `onsite`,
    /// `online`): the comparison is never true, so under `and` no choice is ever offered, and the
    /// form refuses every choice a respondent makes.
    mutating func checkFilterMatches(_ filter: ExpressionSource, of question: Question) {
        guard case .success(let parsed) = ParsedExpression.parse(filter.text),
              let filtered = question.choiceList.flatMap(survey.choiceList(named:)) else { return }
        parsed.root.forEach { node in
            guard case .binary(.equal, let left, let right) = node.kind else { return }
            for (attributeNode, answerNode) in [(left, right), (right, left)] {
                guard case .attribute(let attribute) = attributeNode.kind, attribute != "value",
                      case .reference(let answer) = answerNode.kind, let asked = survey.question(named: answer),
                      asked.type == .selectOne, let list = asked.choiceList.flatMap(survey.choiceList(named:)) else { continue }
                let values = filtered.choices.compactMap { $0.attributes[attribute] }
                let codes = list.choices.map(\.value) + (asked.allowsOther ? [Choice.otherValue] : [])
                guard !values.isEmpty, Set(values).isDisjoint(with: codes) else { continue }
                let shown = Array(Set(values)).sorted().prefix(6).joined(separator: ", ")
                report(.choiceFilterNeverMatches, in: filter, column: node.column,
                       "the choice_filter of question `\(question.name)` compares attribute \(attribute) (values \(shown)) with ${\(answer)}, whose codes are \(codes.prefix(6).joined(separator: ", ")): they share none, so the comparison is never true and no choice is offered by it; give the choices of `\(filtered.name)` the codes of `\(list.name)` as their \(attribute)")
            }
        }
    }
}
