import Diagnostics
import Expressions
import SurveyDefinition

/// What an expression reads while one response is checked: the sheet's typed values and, slot
/// for slot, the same values as expression `Value`s for the variables expressions read (with the
/// current answer and the attributes of the choice being filtered). Every write goes through
/// ``set(_:_:)`` so both stay equal.
struct RuleInput {
    let values: UnsafeMutableBufferPointer<AnswerValue?>
    var context: EvaluationContext
    /// Per variable: whether an expression reads it (only those have their slot kept).
    let referenced: [Bool]

    /// Sets variable `index` to `value` for the rest of the check.
    @inline(__always)
    mutating func set(_ index: Int, _ value: AnswerValue?) {
        values[index] = value
        if referenced[index] { context.slots[index] = RuleInput.expressionValue(value) }
    }

    /// Sets the answer a constraint tests (`.`); nil clears it.
    @inline(__always)
    mutating func setCurrent(_ value: AnswerValue?) {
        context.currentValue = RuleInput.expressionValue(value)
    }

    /// Sets the answer a constraint tests (`.`) to the value of variable `index`.
    @inline(__always)
    mutating func setCurrent(variable index: Int) {
        context.currentValue = RuleInput.expressionValue(values[index])
    }

    /// Whether variable `index` has a value.
    @inline(__always)
    func hasValue(_ index: Int) -> Bool {
        if case .none = values[index] { return false }
        return true
    }

    /// Whether variable `index` is a choice of `other` (or choices that include it).
    @inline(__always)
    func choosesOther(_ index: Int) -> Bool {
        switch values[index] {
        case .choice(let code)?: code == Choice.otherValue
        case .choices(let codes)?: codes.contains(Choice.otherValue)
        default: false
        }
    }

    /// Sets the attributes of the choice a filter tests; nil clears them.
    @inline(__always)
    mutating func setAttributes(_ attributes: [Value]?) {
        context.choiceAttributes = attributes ?? []
    }

    /// An answer as the expression language sees it (``AnswerValue/expressionValue``); unanswered is empty.
    @inline(__always)
    static func expressionValue(_ value: AnswerValue?) -> Value {
        value?.expressionValue ?? .empty
    }
}

/// A survey expression compiled once, with a slot per variable, evaluated per response.
/// A class, so that the check loop reads it without copying its fields.
final class CompiledRule: Sendable {
    let text: String
    /// The `${…}` names it reads, in order of first use.
    let referencedNames: [String]
    private let expression: CompiledExpression

    private init(text: String, referencedNames: [String], expression: CompiledExpression) {
        self.text = text
        self.referencedNames = referencedNames
        self.expression = expression
    }

    /// Checks and compiles `source` in `scope`, binding `${name}` to `slots[name]` and the bare
    /// names of a choice filter to `attributeSlots`.
    static func compile(
        _ source: ExpressionSource, scope: SurveyScope, expecting: ExpectedResult,
        slots: [String: Int], attributeSlots: [String: Int]?
    ) -> Result<CompiledRule, Diagnostic> {
        let checked = CheckedExpression(source.text, in: scope, expecting: expecting)
        do {
            let compiled = try checked.compile(slots: { slots[$0] }, attributeSlots: { attributeSlots?[$0] })
            return .success(CompiledRule(text: source.text, referencedNames: checked.referencedNames, expression: compiled))
        } catch {
            return .failure(error.suggesting(from: slots.keys.sorted()).diagnostic(at: source.location(ofColumn: error.column)))
        }
    }

    @inline(__always)
    func isTrue(_ input: borrowing RuleInput) -> Bool {
        expression.isTrue(input.context)
    }

    /// Whether the rule holds for the expression slots of `context` (a sheet's, read as it is).
    @inline(__always)
    func isTrue(in context: borrowing EvaluationContext) -> Bool {
        expression.isTrue(context)
    }

    /// The expression's value as an answer of `type`; nil when it is empty or does not fit.
    func value(_ input: borrowing RuleInput, as type: VariableType) -> AnswerValue? {
        let result = expression.evaluate(input.context)
        if result.isEmpty { return nil }
        switch type {
        case .text:
            return .text(result.string)
        case .integer:
            guard let n = result.number, n.isFinite, let i = Int64(exactly: n.rounded()) else { return nil }
            return .integer(i)
        case .decimal:
            guard let n = result.number, n.isFinite else { return nil }
            return .decimal(n)
        case .boolean:
            if case .boolean(let b) = result { return .boolean(b) }
            return result.number.map { .boolean($0 != 0) }
        case .date:
            return result.date.map { .date($0) }
        case .choice:
            return .choice(result.string)
        case .choices:
            if case .choices(let codes) = result { return .choices(codes) }
            return .choices(result.string.split(separator: " ").map(String.init))
        }
    }
}
