/// A question as the check loop reads it, once per question of every response: plain values and
/// unretained references to its compiled rules, so that the loop does no reference counting. The
/// rules are owned by the validator's ``CompiledQuestion``s and ``CompiledPage``s, which live as
/// long as the validator, and the steps are used only by its methods.
struct QuestionStep: @unchecked Sendable {
    var kind: CompiledQuestion.Kind
    var page: Int
    var pageRelevance: Unmanaged<CompiledRule>?
    var relevance: Unmanaged<CompiledRule>?
    var constraint: Unmanaged<CompiledRule>?
    var hasChoiceFilter: Bool
    var calculation: Unmanaged<CompiledRule>?
    /// The answer variables: `variables[variableStart..<variableEnd]` of the validator's steps.
    var variableStart: Int
    var variableEnd: Int
    /// The variable of the `other` text; -1 when there is none.
    var otherVariable: Int
    var isRequired: Bool

    init(_ q: CompiledQuestion, page: CompiledPage, variableStart: Int) {
        kind = q.kind
        self.page = q.page
        pageRelevance = page.relevance.map { Unmanaged.passUnretained($0) }
        relevance = q.relevance.map { Unmanaged.passUnretained($0) }
        constraint = q.constraint.map { Unmanaged.passUnretained($0) }
        hasChoiceFilter = q.choiceFilter != nil && q.choiceAttributes != nil
        calculation = q.calculation.map { Unmanaged.passUnretained($0) }
        self.variableStart = variableStart
        variableEnd = variableStart + q.variables.count
        otherVariable = q.otherVariable ?? -1
        isRequired = q.question.required
    }
}

/// The steps of every question, with their answer variables in one flat list.
struct QuestionSteps: Sendable {
    /// By question position.
    let steps: [QuestionStep]
    let variables: [Int]

    init(questions: [CompiledQuestion], pages: [CompiledPage]) {
        var steps: [QuestionStep] = []
        var variables: [Int] = []
        for q in questions {
            steps.append(QuestionStep(q, page: pages[q.page], variableStart: variables.count))
            variables += q.variables
        }
        self.steps = steps
        self.variables = variables
    }
}

extension Unmanaged where Instance == CompiledRule {
    /// Whether the rule holds for `input`, without retaining it.
    @inline(__always)
    func isTrue(_ input: borrowing RuleInput) -> Bool {
        _withUnsafeGuaranteedRef { $0.isTrue(input) }
    }
}
