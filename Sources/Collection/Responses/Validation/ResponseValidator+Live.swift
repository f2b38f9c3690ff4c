import Expressions
import SurveyDefinition

extension ResponseValidator {
    /// The `relevant` condition of question `name`, a question whose condition reads an answer of its
    /// own page (``QuestionVisibility/decidedOnPost``), as JSON for the form's script: the answers of
    /// its page are read in the browser, those of other pages are filled in from `sheet`. Nil when
    /// the browser cannot evaluate it exactly as the server does (``LiveCondition``), or when it reads:
    /// a calculation, a date or an email, a question later on the page (or itself), a question of the
    /// page whose own condition is not sent; or when the page's condition reads the page.
    public func liveCondition(forQuestion name: String, in sheet: AnswerSheet) -> String? {
        guard let position = questions.firstIndex(where: { $0.question.name == name }) else { return nil }
        var decided: [Int: Bool] = [:]
        return liveCondition(position, in: sheet, decided: &decided)
    }

    private func liveCondition(_ position: Int, in sheet: AnswerSheet, decided: inout [Int: Bool]) -> String? {
        let q = questions[position]
        guard q.dependsOnOwnPage, let relevance = q.relevance, !readsPage(q.page, pages[q.page].relevance?.referencedNames ?? []),
              case .success(let parsed) = ParsedExpression.parse(relevance.text) else { return nil }
        return LiveCondition.json(parsed) { name in
            guard let v = index(ofVariable: name), !isCalculated[v] else { return nil }
            let source = questionOfVariable[v]
            guard questions[source].page == q.page else { return .constant(RuleInput.expressionValue(sheet.values[v])) }
            guard source < position, let type = Self.liveFieldType(coders[v]) else { return nil }
            if questions[source].dependsOnOwnPage {
                if decided[source] == nil { decided[source] = liveCondition(source, in: sheet, decided: &decided) != nil }
                guard decided[source] == true else { return nil }
            }
            return .field(name, type)
        }
    }

    /// Whether the names read an answer of `page`, directly or through calculations.
    private func readsPage(_ page: Int, _ names: [String]) -> Bool {
        var seen = Set<Int>()
        var stack = names.compactMap { index(ofVariable: $0) }
        while let v = stack.popLast() {
            guard seen.insert(v).inserted else { continue }
            let q = questions[questionOfVariable[v]]
            if isCalculated[v] {
                stack += (q.calculation?.referencedNames ?? []).compactMap { index(ofVariable: $0) }
            } else if q.page == page {
                return true
            }
        }
        return false
    }

    private static func liveFieldType(_ coder: AnswerCoder) -> LiveFieldType? {
        switch coder.rule {
        case .text: .text
        case .integer: .integer
        case .decimal: .decimal
        case .boolean: .boolean
        case .choice: .choice
        case .choices: .choices
        case .email, .date: nil
        }
    }
}
