/// A checked expression bound to slots, ready to be evaluated many times.
/// Immutable and `Sendable`: share one between threads, each with its own ``EvaluationContext``.
public struct CompiledExpression: Sendable {
    public let text: String
    /// The result type found by the type checker.
    public let type: ExpressionType
    let root: any EvaluationNode

    /// The expression's value.
    public func evaluate(_ context: borrowing EvaluationContext) -> Value {
        root.evaluate(context)
    }

    /// The expression's value as a condition (empty is false).
    public func isTrue(_ context: borrowing EvaluationContext) -> Bool {
        root.isTrue(context)
    }

    /// The expression as a condition in three-valued (Kleene) logic, where an unanswered
    /// variable is unknown rather than empty: nil when the answers given do not decide it
    /// (`${a} > 3 and ${b} > 1` with `a` 5 and `b` unanswered), otherwise ``isTrue(_:)`` (with `a`
    /// 1 it is false whatever `b` is). Where the expression says what an empty answer means
    /// (`= ''`, `!= ''`, the first argument of `coalesce()`, `count-selected()`,
    /// `string-length()`), an unanswered variable is empty as usual. For indicators' numerators;
    /// forms keep ``isTrue(_:)``. The rules are listed in KnownValue.swift.
    public func knownTruth(_ context: borrowing EvaluationContext) -> Bool? {
        root.knownValue(context)?.isTrue
    }
}

extension CheckedExpression {
    /// Compiles the expression, binding each `${name}` to the slot `slots(name)` and each bare
    /// name of a choice filter to the attribute slot `attributeSlots(name)` (`value` is the code).
    /// Throws the first error of an invalid expression, or E212/E215 for a name without a slot.
    public func compile(
        slots: (String) -> Int?, attributeSlots: (String) -> Int? = { _ in nil }
    ) throws(ExpressionError) -> CompiledExpression {
        if let error = errors.first { throw error }
        guard let parsed else { throw ExpressionError(.expressionEmpty, column: 1, "the expression did not parse") }
        var variableSlots: [String: Int] = [:]
        var attributeSlotsByName: [String: Int] = [:]
        parsed.root.forEach { node in
            switch node.kind {
            case .reference(let name): variableSlots[name] = slots(name)
            case .attribute(let name): attributeSlotsByName[name] = attributeSlots(name)
            default: break
            }
        }
        let root = try Compiler(slots: variableSlots, attributeSlots: attributeSlotsByName).compile(parsed.root)
        return CompiledExpression(text: text, type: type, root: root)
    }
}
