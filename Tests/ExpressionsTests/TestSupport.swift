import Diagnostics
import Testing
@testable import Expressions

/// The tree of a parsed expression as an S-expression, e.g. `(+ ${a} (* 2 3))`, for precedence tests.
func shape(_ text: String) -> String {
    switch ParsedExpression.parse(text) {
    case .success(let parsed): return render(parsed.root)
    case .failure(let error): return "error \(error.code.id) at \(error.column)"
    }
}

func render(_ node: SyntaxNode) -> String {
    switch node.kind {
    case .number(_, let text): text
    case .string(let text): "'\(text)'"
    case .reference(let name): "${\(name)}"
    case .currentValue: "."
    case .attribute(let name): name
    case .negate(let operand): "(neg \(render(operand)))"
    case .binary(let op, let l, let r): "(\(op.rawValue) \(render(l)) \(render(r)))"
    case .call(let name, let args): "(\(name)\(args.map { " " + render($0) }.joined()))"
    }
}

/// The syntax error of `text`, which must not parse.
func syntaxError(_ text: String) -> ExpressionError? {
    if case .failure(let error) = ParsedExpression.parse(text) { return error }
    return nil
}

/// A scope like a small survey's: every kind of variable, two choice lists.
let surveyScope = VariableScope(
    variables: [
        "name": .text, "age": .integer, "share": .decimal, "consent": .boolean, "start": .date, "end": .date,
        "legal_form": .choice(list: "legal_forms"), "barriers": .choices(list: "barriers"),
        "region": .choice(list: "regions"), "satisfaction": .choice(list: "scale"), "calc": .unknown,
    ],
    choiceLists: [
        "legal_forms": ["1", "2", "3", "10"], "barriers": ["2", "3", "8", "10", "finance"],
        "regions": ["skane", "stockholm", "norrbotten"], "scale": ["1", "2", "3", "4", "5"],
    ]
)

/// The errors of `text` checked in `scope`, as `(code, column)` pairs.
func errors(_ text: String, in scope: VariableScope = surveyScope, expecting: ExpectedResult = .any) -> [(String, Int)] {
    CheckedExpression(text, in: scope, expecting: expecting).errors.map { ($0.code.id, $0.column) }
}

/// The first error of `text`, for message checks.
func firstError(_ text: String, in scope: VariableScope = surveyScope, expecting: ExpectedResult = .any) -> ExpressionError? {
    CheckedExpression(text, in: scope, expecting: expecting).errors.first
}

func type(_ text: String, in scope: VariableScope = surveyScope) -> ExpressionType {
    CheckedExpression(text, in: scope).type
}

/// The day `today()` gives in evaluation tests.
let pinnedToday = CalendarDate(year: 2025, month: 6, day: 15)!

/// Evaluates `text` with the variables `values` (typed as in ``surveyScope`` where it names them,
/// else of unknown type), the current answer and choice attributes.
func evaluate(
    _ text: String, _ values: [String: Value] = [:], current: Value? = nil, attributes: [String: Value]? = nil
) throws -> Value {
    try compiled(text, values, current: current, attributes: attributes).value
}

/// Like ``evaluate(_:_:current:attributes:)`` but as a condition.
func holds(_ text: String, _ values: [String: Value] = [:], current: Value? = nil, attributes: [String: Value]? = nil) throws -> Bool {
    let (expression, context, _) = try compiled(text, values, current: current, attributes: attributes)
    let condition = expression.isTrue(context)
    // The value and the condition must agree.
    #expect(expression.evaluate(context).isTrue == condition, "\(text)")
    return condition
}

func compiled(
    _ text: String, _ values: [String: Value], current: Value?, attributes: [String: Value]?
) throws -> (expression: CompiledExpression, context: EvaluationContext, value: Value) {
    let names = values.keys.sorted()
    var scope = VariableScope(choiceLists: surveyScope.choiceLists)
    for name in names { scope.variables[name] = surveyScope.variables[name] ?? .unknown }
    if current != nil { scope.currentValueType = .unknown }
    let attributeNames = attributes.map { $0.keys.sorted() } ?? []
    if attributes != nil { scope.choiceAttributes = Dictionary(uniqueKeysWithValues: attributeNames.map { ($0, .unknown) }) }
    let checked = CheckedExpression(text, in: scope)
    let expression = try checked.compile(slots: { names.firstIndex(of: $0) }, attributeSlots: { attributeNames.firstIndex(of: $0) })
    var context = EvaluationContext(slots: names.map { values[$0]! }, currentValue: current ?? .empty, today: pinnedToday)
    context.choiceAttributes = attributeNames.map { attributes![$0]! }
    return (expression, context, expression.evaluate(context))
}

/// The three-valued truth of `text` (``CompiledExpression/knownTruth(_:)``) with the variables
/// `values`, where `.empty` is unanswered. A known truth must be the ordinary one.
func knownTruth(_ text: String, _ values: [String: Value]) throws -> Bool? {
    let (expression, context, _) = try compiled(text, values, current: nil, attributes: nil)
    let known = expression.knownTruth(context)
    if let known { #expect(known == expression.isTrue(context), "\(text)") }
    return known
}
