import Diagnostics
import Expressions

/// Checks every expression of a survey (the survey's `refusal` too): syntax and types (E2xx, positioned in the file),
/// references to questions that are not asked before (E110), cycles among calculations (E111).
/// Types each calculate from its calculation.
struct ExpressionChecks {
    private(set) var survey: Survey
    private(set) var diagnostics = DiagnosticList()
    /// Questions left out of the model because they could not be read; references to them are not reported.
    let unreadableQuestions: Set<String>

    /// Every question in order, and where each variable comes from.
    private let questions: [Question]
    private let pageIndexOfQuestion: [Int]
    private let questionIndexOfVariable: [String: Int]
    private let questionIndexOfName: [String: Int]
    private var calculationTypes: [String: ExpressionType] = [:]

    init(survey: Survey, unreadableQuestions: Set<String>) {
        self.survey = survey
        self.unreadableQuestions = unreadableQuestions
        var questions: [Question] = []
        var pages: [Int] = []
        for (pageIndex, page) in survey.pages.enumerated() {
            for question in page.questions {
                questions.append(question)
                pages.append(pageIndex)
            }
        }
        var owners: [String: Int] = [:]
        for (index, question) in questions.enumerated() {
            for variable in question.variables where owners[variable.name] == nil { owners[variable.name] = index }
        }
        self.questions = questions
        self.pageIndexOfQuestion = pages
        self.questionIndexOfVariable = owners
        self.questionIndexOfName = Dictionary(questions.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func run() {
        checkCalculations()
        let scope = SurveyScope(survey: survey, calculationTypes: calculationTypes)
        for (pageIndex, page) in survey.pages.enumerated() {
            guard let relevant = page.relevant else { continue }
            let checked = check(relevant, in: scope, expecting: .condition)
            for reference in checked.references {
                guard let owner = questionIndexOfVariable[reference.name], pageIndexOfQuestion[owner] >= pageIndex else { continue }
                let when = pageIndexOfQuestion[owner] == pageIndex ? "on this page" : "on a later page"
                report(.referenceNotEarlier, in: relevant, column: reference.column,
                       "the relevant of page `\(page.id)` refers to ${\(reference.name)}, which is asked \(when) (line \(questions[owner].location.line)); a page can only depend on answers given on earlier pages")
            }
        }
        for (index, question) in questions.enumerated() {
            let listName = SurveyScope.listName(of: question, in: survey)
            if let relevant = question.relevant {
                checkOrder(check(relevant, in: scope, expecting: .condition), relevant, key: "relevant", of: index)
            }
            if let constraint = question.constraint, question.type.isAnswered {
                var own = scope
                own.currentValueType = currentValueType(of: question, list: listName)
                let checked = check(constraint, in: own, expecting: .condition)
                checkOrder(checked, constraint, key: "constraint", of: index)
                if checked.isValid { checkSatisfiable(constraint, of: question) }
            }
            if let filter = question.choiceFilter, question.type == .selectOne || question.type == .selectMultiple {
                var filtered = scope
                filtered.attributes = SurveyScope.attributes(of: question.choiceList.flatMap(survey.choiceList(named:)), listName: listName)
                let checked = check(filter, in: filtered, expecting: .condition)
                checkOrder(checked, filter, key: "choice_filter", of: index)
                if checked.isValid { checkFilterMatches(filter, of: question) }
            }
        }
        // Read of a response's answers once they are given, so it may use any question.
        if let refusal = survey.refusal { _ = check(refusal, in: scope, expecting: .condition) }
    }

    // MARK: Calculations

    /// Types every calculation, dependencies first, and reports each cycle once.
    private mutating func checkCalculations() {
        let calculations = questions.filter { $0.type == .calculate && $0.calculation != nil }
        let calculationByName = Dictionary(calculations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let names = Set(calculations.map(\.name))
        var parsed: [String: [VariableReference]] = [:]
        // A name used again (E104) stays its first calculation's.
        for question in calculations where parsed[question.name] == nil {
            if case .success(let expression) = ParsedExpression.parse(question.calculation!.text) {
                parsed[question.name] = expression.references
            }
        }
        var edges: [String: [String]] = [:]
        for (name, references) in parsed {
            var seen = Set<String>()
            edges[name] = references.map(\.name).filter { names.contains($0) && seen.insert($0).inserted }
        }
        let graph = CalculationGraph(names: calculations.map(\.name), edges: edges)
        var inCycle = Set<String>()
        for cycle in graph.cycles() {
            inCycle.formUnion(cycle)
            let first = cycle[0]
            guard let calculation = calculationByName[first]?.calculation else { continue }
            let column = parsed[first]?.first { $0.name == cycle[1] }?.column ?? 1
            let path = cycle.joined(separator: " → ")
            let message = cycle.count == 2
                ? "the calculation of `\(first)` uses ${\(first)}, its own result, which does not exist until the calculation is done; remove ${\(first)} from it"
                : "the calculation of `\(first)` depends on itself: \(path); a calculation can only use values that do not depend on it, so break the cycle"
            report(.calculationCycle, in: calculation, column: column, message)
        }
        var scope = SurveyScope(survey: survey, calculationTypes: [:])
        var positions: [String: (page: Int, question: Int)] = [:]
        for (p, page) in survey.pages.enumerated() {
            for (q, question) in page.questions.enumerated() where question.type == .calculate && positions[question.name] == nil {
                positions[question.name] = (p, q)
            }
        }
        for name in graph.typingOrder() {
            guard let calculation = calculationByName[name]?.calculation else { continue }
            let checked = check(calculation, in: scope, expecting: .any)
            let type = inCycle.contains(name) ? ExpressionType.unknown : checked.type
            calculationTypes[name] = type
            scope.variables[name] = type
            if let (p, q) = positions[name] { survey.pages[p].questions[q].calculationType = Self.variableType(of: type) }
        }
        for question in calculations where question.unit != nil {
            guard let type = calculationTypes[question.name], type != .unknown, !type.isNumber else { continue }
            diagnostics.report(.unitOnNonNumeric, at: question.location(of: "unit"),
                               "the calculation of `\(question.name)` gives \(type), so its unit '\(question.unit!)' describes no number; remove the unit")
        }
    }

    /// How a calculation's value is stored: numbers, yes/no and dates keep their type; codes and text are text.
    private static func variableType(of type: ExpressionType) -> VariableType? {
        switch type {
        case .integer: .integer
        case .decimal: .decimal
        case .boolean: .boolean
        case .date: .date
        case .text, .choice, .choices: .text
        case .unknown: nil
        }
    }

    // MARK: Checking one expression

    /// Parses and type checks `source`, reporting its errors and warnings at their places in the file.
    private mutating func check(_ source: ExpressionSource, in scope: SurveyScope, expecting expected: ExpectedResult) -> CheckedExpression {
        let checked = CheckedExpression(source.text, in: scope, expecting: expected)
        for error in checked.errors {
            guard let error = explain(error) else { continue }
            report(error.code, in: source, column: error.column, error.message)
        }
        for warning in checked.warnings {
            report(warning.code, in: source, column: warning.column, warning.message)
        }
        return checked
    }

    /// An unknown `${x}` made specific: a note or a matrix has no single value; a question that
    /// could not be read was reported already (nil); otherwise the nearest variable name.
    private func explain(_ error: ExpressionError) -> ExpressionError? {
        guard error.code == .expressionUnknownVariable, let name = error.unknownName else { return error }
        if unreadableQuestions.contains(name) { return nil }
        var explained = error
        if let index = questionIndexOfName[name] {
            if let why = questions[index].whyNoValue { explained.message = why }
            return explained
        }
        let suggested = error.suggesting(from: questionIndexOfVariable.keys.sorted())
        if suggested.message != error.message { return suggested }
        explained.message += ": check the spelling against the questions' names, or add a question named `\(name)`"
        return explained
    }

    /// E110 for each reference in `key` of question `index` to a question that is not asked before it.
    private mutating func checkOrder(_ checked: CheckedExpression, _ source: ExpressionSource, key: String, of index: Int) {
        let question = questions[index]
        for reference in checked.references {
            guard let owner = questionIndexOfVariable[reference.name] else { continue }
            if owner == index {
                let advice = key == "constraint"
                    ? "write . for the answer being checked"
                    : "a question cannot depend on its own answer"
                let what = reference.name == question.name ? "which is this question; \(advice)" : Self.ownVariable(of: question, key: key)
                report(.referenceNotEarlier, in: source, column: reference.column,
                       "the \(key) of question `\(question.name)` refers to ${\(reference.name)}, \(what)")
            } else if owner > index {
                report(.referenceNotEarlier, in: source, column: reference.column,
                       "the \(key) of question `\(question.name)` refers to ${\(reference.name)}, which is asked after it (line \(questions[owner].location.line)); refer only to questions asked before, or move `\(questions[owner].name)` earlier")
            }
        }
    }

    /// E119 when the bounds a constraint puts on the answer leave none (`. >= 10 and . <= 5`):
    /// every answer would be refused, and a required question could not be passed.
    private mutating func checkSatisfiable(_ constraint: ExpressionSource, of question: Question) {
        let bounds = ConstraintBounds(constraint: constraint.text)
        let none: String
        switch question.type {
        case .integer, .decimal:
            let whole = question.type == .integer
            guard bounds.admitsNoNumber(wholeNumbers: whole), let low = bounds.lowerBound, let high = bounds.upperBound else { return }
            none = "no \(whole ? "whole number" : "number") is both \(low) and \(high)"
        case .date:
            guard bounds.admitsNoDate, let earliest = bounds.earliest, let latest = bounds.latest else { return }
            none = "no day is both on or after \(earliest) and on or before \(latest)"
        case .text, .longText, .email:
            guard bounds.admitsNoLength, let high = bounds.maximumLength else { return }
            none = high < 1
                ? "no answer is shorter than 1 character (an empty one is no answer)"
                : "no text is at least \(bounds.minimumLength ?? 0) and at most \(high) characters long"
        default:
            return
        }
        diagnostics.report(.constraintNeverHolds, at: constraint.location,
                           "the constraint of question `\(question.name)` can never hold: \(none), so every answer would be refused; check the numbers (are the two bounds swapped?)")
    }

    /// Why `question`'s own `_other` text or matrix row cannot be used in its `key`: `.` would mean something else.
    private static func ownVariable(of question: Question, key: String) -> String {
        if question.type == .matrix {
            let checked = key == "constraint" ? "; the constraint checks each row in turn as ." : ""
            return "a row of this matrix, which is answered with it\(checked); rows cannot depend on each other"
        }
        return "the `other` text of this question, which is answered with it; to ask for more when `other` is chosen, add a question after this one"
    }

    private func currentValueType(of question: Question, list: String?) -> ExpressionType? {
        switch question.type {
        case .matrix: .choice(list: list)
        default: question.variables.first.map { SurveyScope.expressionType(of: $0.type, list: list) }
        }
    }

    /// Reports at the file position of `column` inside `source`.
    mutating func report(_ code: DiagnosticCode, in source: ExpressionSource, column: Int, _ message: String) {
        diagnostics.report(code, at: source.location(ofColumn: column), message)
    }
}
