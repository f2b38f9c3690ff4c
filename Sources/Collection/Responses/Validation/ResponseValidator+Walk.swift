import SurveyDefinition

/// Question-by-question access for callers that build a response as they go (the synthetic
/// response generator, a form that shows one question at a time): positions are indices into
/// `survey.questions`.
extension ResponseValidator {
    /// The positions of the questions of page `page`, in order.
    public func questionPositions(onPage page: Int) -> [Int] {
        pages[page].questions
    }

    /// The answer variables of the question at `position` (one, or a matrix's rows, or a
    /// calculation's) and its `other` text variable, by variable index.
    public func variableIndices(ofQuestion position: Int) -> (answers: [Int], other: Int?) {
        (questions[position].variables, questions[position].otherVariable)
    }

    /// Whether the question at `position` is shown given the values on `sheet` now (its page's
    /// condition and its own; calculations as last computed by ``updateCalculations(in:)``).
    public func isRelevant(question position: Int, in sheet: inout AnswerSheet) -> Bool {
        let q = questions[position]
        return withInput(&sheet) { _, input in
            (pages[q.page].relevance?.isTrue(input) ?? true) && (q.relevance?.isTrue(input) ?? true)
        }
    }

    /// Whether the value of variable `index` on `sheet` passes its question's constraint and
    /// choice filter (true when it has no value).
    public func satisfiesRules(variable index: Int, in sheet: inout AnswerSheet) -> Bool {
        let q = questions[questionOfVariable[index]]
        guard q.variables.contains(index), let value = sheet.values[index] else { return true }
        let table = coders[index].choiceTable
        return withInput(&sheet) { _, input in
            if let filter = q.choiceFilter, let attributes = q.choiceAttributes, let table {
                for code in codes(of: value) where !(q.question.allowsOther && code == Choice.otherValue) {
                    guard let position = table.position(of: code) else { continue }
                    input.setAttributes(attributes.rows[position])
                    if !filter.isTrue(input) { return false }
                }
                input.setAttributes(nil)
            }
            if let constraint = q.constraint {
                input.setCurrent(value)
                return constraint.isTrue(input)
            }
            return true
        }
    }

    /// The codes the question at `position` offers given `sheet`: its list (and `other`),
    /// narrowed by its choice filter.
    public func offeredCodes(question position: Int, in sheet: inout AnswerSheet) -> [String] {
        let q = questions[position]
        guard let table = q.variables.first.flatMap({ coders[$0].choiceTable }) else { return [] }
        guard let filter = q.choiceFilter, let attributes = q.choiceAttributes else { return table.codes }
        return withInput(&sheet) { _, input in
            table.codes.enumerated().filter { i, code in
                if q.question.allowsOther && code == Choice.otherValue { return true }
                input.setAttributes(attributes.rows[i])
                return filter.isTrue(input)
            }.map(\.element)
        }
    }

    /// Computes every calculation from the values on `sheet` (in dependency order; a calculation
    /// whose question is not relevant gets no value).
    public func updateCalculations(in sheet: inout AnswerSheet) {
        withInput(&sheet) { _, input in
            for position in order where questions[position].kind == .calculate {
                let q = questions[position]
                let shown = (pages[q.page].relevance?.isTrue(input) ?? true) && (q.relevance?.isTrue(input) ?? true)
                let v = q.variables[0]
                input.set(v, shown ? q.calculation?.value(input, as: variables[v].type) : nil)
            }
        }
    }
}
