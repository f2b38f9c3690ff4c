/// Three-valued (Kleene) evaluation: each node's ``EvaluationNode/knownValue(_:)``, where an
/// unanswered variable is unknown instead of empty, for indicators that must tell a response
/// whose answers decide a condition from one whose answers leave it open (an item-missing
/// numerator). Forms never use it: relevance, constraints and calculations keep XLSForm's rules.
///
/// The rules, node by node:
/// - an empty slot is unknown; constants, `.`, choice attributes and `today()` are known;
/// - arithmetic, comparisons and functions are unknown when any operand is (``strict(_:_:)``);
/// - `and` is false when either side is false, else unknown when either is unknown; `or` is
///   true when either side is true, else unknown when either is unknown; `not(unknown)` is unknown;
/// - `if(c, a, b)` with `c` unknown is unknown unless `a` and `b` are known and equal;
/// - where the expression says what an empty answer means, the answer is read as usual (known,
///   possibly empty): `x = ''` and `x != ''`, the first argument of `coalesce()` (unknown only when
///   it is empty and the second is unknown), `count-selected()` and `string-length()`.
///
/// A known value is always what ``EvaluationNode/evaluate(_:)`` gives, so an expression none of
/// whose slots is empty (or whose empty slots are all in the places above) has the same value both ways.
extension EvaluationNode {
    /// The rule of most nodes: unknown when any of `operands` is unknown, otherwise the node's value.
    func strict(_ context: borrowing EvaluationContext, _ operands: any EvaluationNode...) -> Value? {
        for operand in operands where operand.knownValue(context) == nil { return nil }
        return evaluate(context)
    }
}

extension ConstantNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { value }
}

extension SlotNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? {
        let value = context.slots[slot]
        return value.isEmpty ? nil : value
    }
}

extension CurrentValueNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { evaluate(context) }
}

extension AttributeNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { evaluate(context) }
}

extension TodayNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { evaluate(context) }
}

extension AndNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? {
        let left = left.knownValue(context)?.isTrue
        if left == false { return .boolean(false) }
        let right = right.knownValue(context)?.isTrue
        if right == false { return .boolean(false) }
        return left == nil || right == nil ? nil : .boolean(true)
    }
}

extension OrNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? {
        let left = left.knownValue(context)?.isTrue
        if left == true { return .boolean(true) }
        let right = right.knownValue(context)?.isTrue
        if right == true { return .boolean(true) }
        return left == nil || right == nil ? nil : .boolean(false)
    }
}

extension NotNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? {
        operand.knownValue(context).map { .boolean(!$0.isTrue) }
    }
}

extension IsEmptyNode {
    /// Whether an answer was given is known even when it was not.
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { evaluate(context) }
}

extension EqualityNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { strict(context, left, right) }
}

extension NumberComparisonNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { strict(context, operand) }
}

extension OrderingNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { strict(context, left, right) }
}

extension ArithmeticNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { strict(context, left, right) }
}

extension NegateNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { strict(context, operand) }
}

extension IfNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? {
        if let condition = condition.knownValue(context) {
            return condition.isTrue ? then.knownValue(context) : otherwise.knownValue(context)
        }
        guard let then = then.knownValue(context), let otherwise = otherwise.knownValue(context), then == otherwise else { return nil }
        return then
    }
}

extension CoalesceNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? {
        let value = first.evaluate(context)
        return value.isEmpty ? second.knownValue(context) : value
    }
}

extension SelectedNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { strict(context, answer, code) }
}

extension SelectedCodeNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { strict(context, answer) }
}

extension RegexNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { strict(context, subject) }
}

extension DynamicRegexNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { strict(context, subject, pattern) }
}

extension UnaryFunctionNode {
    /// `count-selected()` and `string-length()` count an empty answer as 0; the others are strict.
    func knownValue(_ context: borrowing EvaluationContext) -> Value? {
        switch function {
        case .countSelected, .stringLength: evaluate(context)
        default: strict(context, argument)
        }
    }
}

extension RoundNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { strict(context, value, digits) }
}

extension ConcatNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? {
        for part in parts where part.knownValue(context) == nil { return nil }
        return evaluate(context)
    }
}

extension TextTestNode {
    func knownValue(_ context: borrowing EvaluationContext) -> Value? { strict(context, text, part) }
}
