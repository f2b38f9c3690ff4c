import Diagnostics
import Expressions
import SurveyDefinition

/// A survey compiled once for checking its responses: the one validation path of the CSV import,
/// the web form and the JSON API.
///
/// Every expression is compiled with a slot per variable and every variable gets its
/// ``AnswerCoder``, so that checking a response does no lookups by name. Use it through an
/// ``AnswerSheet``:
/// ```swift
/// let validator = try ResponseValidator(survey: survey)
/// var sheet = validator.makeSheet()
/// sheet.setAnswer(text: "12", variable: validator.index(ofVariable: "fte")!)
/// validator.check(&sheet, mode: .complete)
/// sheet.problems   // every problem, in variable order
/// ```
public final class ResponseValidator: Sendable {
    public let survey: Survey
    /// The survey's variables: the columns of a response, in order.
    public let variables: [Variable]
    /// The coder of each variable, index-aligned with ``variables``.
    public let coders: [AnswerCoder]
    /// The date `today()` means while checking.
    public let today: CalendarDate

    let questions: [CompiledQuestion]
    let pages: [CompiledPage]
    /// Question positions in evaluation order.
    let order: [Int]
    /// Per variable: whether it is a calculation's.
    let isCalculated: [Bool]
    /// Per variable: whether some expression reads it; only those have expression slots kept up to date.
    let isReferenced: [Bool]
    /// Per variable: the position of its question.
    let questionOfVariable: [Int]
    /// The questions as the check loop reads them.
    let steps: QuestionSteps
    /// Per question: the answered variables its page's and its own `relevant` read, directly or
    /// through calculations. A refused answer among them leaves the question's relevance undecided.
    let relevanceInputs: [[Int]]
    /// Per question: the answered variables its `constraint` and `choice_filter` read besides its
    /// own answer, directly or through calculations. A refused answer among them leaves those
    /// rules undecided: they are not checked, so the refusal is reported once, where it is.
    let ruleInputs: [[Int]]
    private let variableIndex: [String: Int]

    /// Compiles `survey`'s expressions; `today` pins `today()` (the import's date, or a test's).
    public init(survey: Survey, today: CalendarDate = .today()) throws(ResponseValidatorError) {
        self.survey = survey
        self.today = today
        let variables = survey.variables
        self.variables = variables
        coders = variables.map { AnswerCoder(variable: $0, in: survey) }
        var variableIndex: [String: Int] = [:]
        for (i, v) in variables.enumerated() where variableIndex[v.name] == nil { variableIndex[v.name] = i }
        self.variableIndex = variableIndex
        isCalculated = variables.map { $0.role == .calculated }

        let allQuestions = survey.questions
        var questionPosition: [String: Int] = [:]
        for (i, q) in allQuestions.enumerated() where questionPosition[q.name] == nil { questionPosition[q.name] = i }
        questionOfVariable = variables.map { questionPosition[$0.question] ?? 0 }

        var diagnostics: [Diagnostic] = []
        let scope = SurveyScope(survey: survey)
        func compile(
            _ source: ExpressionSource?, expecting: ExpectedResult = .condition, current: ExpressionType? = nil,
            attributes: ChoiceAttributeTable? = nil, list: String? = nil
        ) -> CompiledRule? {
            guard let source else { return nil }
            var local = scope
            local.currentValueType = current
            if let attributes {
                local.attributes = Dictionary(uniqueKeysWithValues: attributes.names.map { name in
                    (name, name == "value" ? ExpressionType.choice(list: list) : .text)
                })
            }
            switch CompiledRule.compile(source, scope: local, expecting: expecting, slots: variableIndex,
                                        attributeSlots: attributes?.slots) {
            case .success(let rule): return rule
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
        }

        var pages: [CompiledPage] = []
        var questions: [CompiledQuestion] = []
        var position = 0
        for (pageNumber, page) in survey.pages.enumerated() {
            let pageRelevance = compile(page.relevant)
            var positions: [Int] = []
            for question in page.questions {
                let kind: CompiledQuestion.Kind = switch question.type {
                case .note: .note
                case .calculate: .calculate
                default: .answered
                }
                let own = question.variables.map { variableIndex[$0.name]! }
                let other = question.variables.firstIndex { $0.role == .otherText }.map { own[$0] }
                let answerVariables = other.map { o in own.filter { $0 != o } } ?? own
                let attributes = question.choiceFilter == nil ? nil : ChoiceAttributeTable(choices: survey.choices(for: question))
                let listName = SurveyScope.listName(of: question, in: survey)
                let answerType = answerVariables.first.map { SurveyScope.expressionType(of: variables[$0].type, list: listName) }
                let texts = [page.relevant?.text, question.relevant?.text].compactMap { $0 }
                questions.append(CompiledQuestion(
                    question: question, position: position, page: pageNumber, kind: kind,
                    variables: answerVariables, otherVariable: other,
                    relevance: compile(question.relevant),
                    constraint: compile(question.constraint, current: answerType),
                    choiceFilter: compile(question.choiceFilter, attributes: attributes, list: listName),
                    calculation: compile(question.calculation, expecting: .any),
                    choiceAttributes: attributes,
                    relevanceText: texts.isEmpty ? nil : texts.count == 1 ? texts[0] : texts.map { "(\($0))" }.joined(separator: " and "),
                    dependsOnOwnPage: false, choiceFilterReadsOwnPage: false
                ))
                positions.append(position)
                position += 1
            }
            pages.append(CompiledPage(
                relevance: pageRelevance, relevanceReads: (pageRelevance?.referencedNames ?? []).map { variableIndex[$0] }, questions: positions))
        }
        guard diagnostics.isEmpty else { throw ResponseValidatorError(diagnostics) }

        // Dependencies: a question waits for every question its (and its page's) expressions read.
        let questionOf = questionOfVariable
        func reads(_ rule: CompiledRule?) -> [Int] {
            (rule?.referencedNames ?? []).compactMap { name in
                variableIndex[name].map { questionOf[$0] } ?? questionPosition[name]
            }
        }
        let dependencies = questions.map { q in
            reads(pages[q.page].relevance) + reads(q.relevance) + reads(q.constraint) + reads(q.choiceFilter) + reads(q.calculation)
        }
        order = EvaluationOrder.order(count: questions.count, dependencies: dependencies)

        // Same-page relevance: read an answer of the own page, directly or through calculations.
        // The same for a choice filter: the form then offers the whole list and decides on the post.
        let calculationReads = questions.map { reads($0.calculation) }
        func readsOwnPage(_ q: CompiledQuestion, _ direct: [Int]) -> Bool {
            var seen = Set<Int>()
            var stack = direct
            while let next = stack.popLast() {
                guard seen.insert(next).inserted else { continue }
                let read = questions[next]
                if read.kind == .calculate { stack.append(contentsOf: calculationReads[next]) }
                else if read.page == q.page && read.position != q.position { return true }
            }
            return false
        }
        self.questions = questions.map { q in
            CompiledQuestion(
                question: q.question, position: q.position, page: q.page, kind: q.kind, variables: q.variables,
                otherVariable: q.otherVariable, relevance: q.relevance, constraint: q.constraint, choiceFilter: q.choiceFilter,
                calculation: q.calculation, choiceAttributes: q.choiceAttributes, relevanceText: q.relevanceText,
                dependsOnOwnPage: readsOwnPage(q, reads(pages[q.page].relevance) + reads(q.relevance)),
                choiceFilterReadsOwnPage: readsOwnPage(q, reads(q.choiceFilter))
            )
        }
        self.pages = pages
        steps = QuestionSteps(questions: self.questions, pages: pages)
        let calculated = variables.map { $0.role == .calculated }
        func answeredInputs(_ rules: [CompiledRule?]) -> [Int] {
            var inputs = Set<Int>(), seen = Set<Int>()
            var stack = rules.flatMap { $0?.referencedNames ?? [] }.compactMap { variableIndex[$0] }
            while let v = stack.popLast() {
                guard seen.insert(v).inserted else { continue }
                if calculated[v] {
                    stack += (questions[questionOf[v]].calculation?.referencedNames ?? []).compactMap { variableIndex[$0] }
                } else {
                    inputs.insert(v)
                }
            }
            return inputs.sorted()
        }
        relevanceInputs = questions.map { answeredInputs([pages[$0.page].relevance, $0.relevance]) }
        ruleInputs = questions.map { q in answeredInputs([q.constraint, q.choiceFilter]).filter { !q.allVariables.contains($0) } }
        var referenced = [Bool](repeating: false, count: variables.count)
        for q in questions {
            for rule in [pages[q.page].relevance, q.relevance, q.constraint, q.choiceFilter, q.calculation] {
                for name in rule?.referencedNames ?? [] {
                    if let v = variableIndex[name] { referenced[v] = true }
                }
            }
        }
        isReferenced = referenced
    }

    /// The index of variable `name` in ``variables``.
    public func index(ofVariable name: String) -> Int? {
        variableIndex[name]
    }

    /// An empty sheet for one response.
    public func makeSheet() -> AnswerSheet {
        AnswerSheet(validator: self)
    }
}
