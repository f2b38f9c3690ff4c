import Foundation

/// One node of a compiled expression. Nodes are immutable final classes, so a compiled
/// expression can be shared between threads and evaluated without allocating.
protocol EvaluationNode: AnyObject, Sendable {
    func evaluate(_ context: borrowing EvaluationContext) -> Value
    /// The node's value as a condition; comparison nodes answer without building a `Value`.
    func isTrue(_ context: borrowing EvaluationContext) -> Bool
    /// The node's value where an empty slot is unknown rather than empty: nil when the answers
    /// given do not decide it, otherwise exactly ``evaluate(_:)``. Each node's rule is in
    /// KnownValue.swift.
    func knownValue(_ context: borrowing EvaluationContext) -> Value?
}

extension EvaluationNode {
    func isTrue(_ context: borrowing EvaluationContext) -> Bool { evaluate(context).isTrue }
}

/// A node whose value is a condition.
protocol ConditionNode: EvaluationNode {}

extension ConditionNode {
    func evaluate(_ context: borrowing EvaluationContext) -> Value { .boolean(isTrue(context)) }
}

final class ConstantNode: EvaluationNode {
    let value: Value
    init(_ value: Value) { self.value = value }
    func evaluate(_ context: borrowing EvaluationContext) -> Value { value }
}

final class SlotNode: EvaluationNode {
    let slot: Int
    init(_ slot: Int) { self.slot = slot }
    func evaluate(_ context: borrowing EvaluationContext) -> Value { context.slots[slot] }
}

final class CurrentValueNode: EvaluationNode {
    func evaluate(_ context: borrowing EvaluationContext) -> Value { context.currentValue }
}

final class AttributeNode: EvaluationNode {
    let slot: Int
    init(_ slot: Int) { self.slot = slot }
    func evaluate(_ context: borrowing EvaluationContext) -> Value { context.choiceAttributes[slot] }
}

final class TodayNode: EvaluationNode {
    func evaluate(_ context: borrowing EvaluationContext) -> Value { .date(context.today) }
}

final class AndNode: ConditionNode {
    let left: any EvaluationNode, right: any EvaluationNode
    init(_ left: any EvaluationNode, _ right: any EvaluationNode) { (self.left, self.right) = (left, right) }
    func isTrue(_ context: borrowing EvaluationContext) -> Bool { left.isTrue(context) && right.isTrue(context) }
}

final class OrNode: ConditionNode {
    let left: any EvaluationNode, right: any EvaluationNode
    init(_ left: any EvaluationNode, _ right: any EvaluationNode) { (self.left, self.right) = (left, right) }
    func isTrue(_ context: borrowing EvaluationContext) -> Bool { left.isTrue(context) || right.isTrue(context) }
}

final class NotNode: ConditionNode {
    let operand: any EvaluationNode
    init(_ operand: any EvaluationNode) { self.operand = operand }
    func isTrue(_ context: borrowing EvaluationContext) -> Bool { !operand.isTrue(context) }
}

/// `x = ''` (or `x != ''` when `negated`): whether a value is empty.
final class IsEmptyNode: ConditionNode {
    let operand: any EvaluationNode
    let negated: Bool
    init(_ operand: any EvaluationNode, negated: Bool) { (self.operand, self.negated) = (operand, negated) }
    func isTrue(_ context: borrowing EvaluationContext) -> Bool { operand.evaluate(context).isEmpty != negated }
}

final class EqualityNode: ConditionNode {
    let left: any EvaluationNode, right: any EvaluationNode
    let negated: Bool
    init(_ left: any EvaluationNode, _ right: any EvaluationNode, negated: Bool) {
        (self.left, self.right, self.negated) = (left, right, negated)
    }
    func isTrue(_ context: borrowing EvaluationContext) -> Bool {
        let a = left.evaluate(context), b = right.evaluate(context)
        return negated ? Value.notEqual(a, b) : Value.equal(a, b)
    }
}

/// `x op n` with a number literal `n`: compares without converting the literal each time.
final class NumberComparisonNode: ConditionNode {
    let operand: any EvaluationNode
    let op: BinaryOperator
    let constant: Double
    let constantValue: Value
    /// When the literal is on the left (`3 < x`), the operator as seen from `x` (`x > 3`).
    init(_ operand: any EvaluationNode, _ op: BinaryOperator, _ constant: Double) {
        (self.operand, self.op, self.constant) = (operand, op, constant)
        constantValue = .number(constant)
    }
    func isTrue(_ context: borrowing EvaluationContext) -> Bool {
        let value = operand.evaluate(context)
        let x: Double
        switch value {
        case .number(let n): x = n
        case .text(let text): guard let n = NumberText.parse(text) else { return fallback(value) }; x = n
        default: return fallback(value)
        }
        switch op {
        case .equal: return x == constant
        case .notEqual: return x != constant
        case .less: return x < constant
        case .lessOrEqual: return x <= constant
        case .greater: return x > constant
        case .greaterOrEqual: return x >= constant
        default: return false
        }
    }
    private func fallback(_ value: Value) -> Bool {
        switch op {
        case .equal: Value.equal(value, constantValue)
        case .notEqual: Value.notEqual(value, constantValue)
        default: Value.order(op, value, constantValue)
        }
    }
}

final class OrderingNode: ConditionNode {
    let left: any EvaluationNode, right: any EvaluationNode
    let op: BinaryOperator
    init(_ op: BinaryOperator, _ left: any EvaluationNode, _ right: any EvaluationNode) {
        (self.op, self.left, self.right) = (op, left, right)
    }
    func isTrue(_ context: borrowing EvaluationContext) -> Bool {
        Value.order(op, left.evaluate(context), right.evaluate(context))
    }
}

final class ArithmeticNode: EvaluationNode {
    let left: any EvaluationNode, right: any EvaluationNode
    let op: BinaryOperator
    init(_ op: BinaryOperator, _ left: any EvaluationNode, _ right: any EvaluationNode) {
        (self.op, self.left, self.right) = (op, left, right)
    }
    func evaluate(_ context: borrowing EvaluationContext) -> Value {
        Value.arithmetic(op, left.evaluate(context), right.evaluate(context))
    }
}

final class NegateNode: EvaluationNode {
    let operand: any EvaluationNode
    init(_ operand: any EvaluationNode) { self.operand = operand }
    func evaluate(_ context: borrowing EvaluationContext) -> Value { Value.negate(operand.evaluate(context)) }
}

final class IfNode: EvaluationNode {
    let condition: any EvaluationNode, then: any EvaluationNode, otherwise: any EvaluationNode
    init(_ condition: any EvaluationNode, _ then: any EvaluationNode, _ otherwise: any EvaluationNode) {
        (self.condition, self.then, self.otherwise) = (condition, then, otherwise)
    }
    func evaluate(_ context: borrowing EvaluationContext) -> Value {
        condition.isTrue(context) ? then.evaluate(context) : otherwise.evaluate(context)
    }
}

final class CoalesceNode: EvaluationNode {
    let first: any EvaluationNode, second: any EvaluationNode
    init(_ first: any EvaluationNode, _ second: any EvaluationNode) { (self.first, self.second) = (first, second) }
    func evaluate(_ context: borrowing EvaluationContext) -> Value {
        let value = first.evaluate(context)
        return value.isEmpty ? second.evaluate(context) : value
    }
}

/// `selected(x, code)`.
final class SelectedNode: ConditionNode {
    let answer: any EvaluationNode, code: any EvaluationNode
    init(_ answer: any EvaluationNode, _ code: any EvaluationNode) { (self.answer, self.code) = (answer, code) }
    func isTrue(_ context: borrowing EvaluationContext) -> Bool {
        let code = code.evaluate(context).string
        return !code.isEmpty && answer.evaluate(context).holds(code: code)
    }
}

/// `selected(x, 'code')` with a literal code.
final class SelectedCodeNode: ConditionNode {
    let answer: any EvaluationNode
    let code: String
    init(_ answer: any EvaluationNode, _ code: String) { (self.answer, self.code) = (answer, code) }
    func isTrue(_ context: borrowing EvaluationContext) -> Bool { answer.evaluate(context).holds(code: code) }
}

/// `regex(x, 'pattern')` with a literal pattern, compiled once.
final class RegexNode: ConditionNode {
    let subject: any EvaluationNode
    let pattern: NSRegularExpression
    init(_ subject: any EvaluationNode, _ pattern: NSRegularExpression) { (self.subject, self.pattern) = (subject, pattern) }
    func isTrue(_ context: borrowing EvaluationContext) -> Bool { Self.matches(pattern, subject.evaluate(context).string) }

    static func matches(_ pattern: NSRegularExpression, _ text: String) -> Bool {
        pattern.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
    }
}

/// `regex(x, pattern)` with a computed pattern, compiled at each evaluation; an invalid one matches nothing.
final class DynamicRegexNode: ConditionNode {
    let subject: any EvaluationNode, pattern: any EvaluationNode
    init(_ subject: any EvaluationNode, _ pattern: any EvaluationNode) { (self.subject, self.pattern) = (subject, pattern) }
    func isTrue(_ context: borrowing EvaluationContext) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern.evaluate(context).string) else { return false }
        return RegexNode.matches(regex, subject.evaluate(context).string)
    }
}

/// A function of one value, evaluated eagerly: `count-selected`, `string-length`, `int`, `year`, `number`, `string`.
final class UnaryFunctionNode: EvaluationNode {
    let function: ExpressionFunction
    let argument: any EvaluationNode
    init(_ function: ExpressionFunction, _ argument: any EvaluationNode) { (self.function, self.argument) = (function, argument) }
    func evaluate(_ context: borrowing EvaluationContext) -> Value {
        let value = argument.evaluate(context)
        switch function {
        case .countSelected: return .number(Double(value.codeCount))
        case .stringLength: return .number(Double(value.string.count))
        case .int: return value.number.map { .number($0.rounded(.towardZero)) } ?? .empty
        case .year: return value.date.map { .number(Double($0.year)) } ?? .empty
        case .number: return value.number.map(Value.number) ?? .empty
        case .string: return .text(value.string)
        case .round: return Value.round(value, digits: 0)
        default: return .empty
        }
    }
}

final class RoundNode: EvaluationNode {
    let value: any EvaluationNode, digits: any EvaluationNode
    init(_ value: any EvaluationNode, _ digits: any EvaluationNode) { (self.value, self.digits) = (value, digits) }
    func evaluate(_ context: borrowing EvaluationContext) -> Value {
        guard let digits = digits.evaluate(context).number, abs(digits) < 1000 else { return .empty }
        return Value.round(value.evaluate(context), digits: Int(digits.rounded(.towardZero)))
    }
}

final class ConcatNode: EvaluationNode {
    let parts: [any EvaluationNode]
    init(_ parts: [any EvaluationNode]) { self.parts = parts }
    func evaluate(_ context: borrowing EvaluationContext) -> Value {
        var text = ""
        for part in parts { text += part.evaluate(context).string }
        return .text(text)
    }
}

/// `contains`, `starts-with`, `ends-with`.
final class TextTestNode: ConditionNode {
    let function: ExpressionFunction
    let text: any EvaluationNode, part: any EvaluationNode
    init(_ function: ExpressionFunction, _ text: any EvaluationNode, _ part: any EvaluationNode) {
        (self.function, self.text, self.part) = (function, text, part)
    }
    func isTrue(_ context: borrowing EvaluationContext) -> Bool {
        let text = text.evaluate(context).string, part = part.evaluate(context).string
        switch function {
        case .startsWith: return text.hasPrefix(part)
        case .endsWith: return text.hasSuffix(part)
        default: return part.isEmpty || text.contains(part)
        }
    }
}
