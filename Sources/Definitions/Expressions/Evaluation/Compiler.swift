import Foundation

/// Turns a syntax tree into evaluation nodes: names become slot indexes, literal regex patterns
/// are compiled, `x = ''` becomes an emptiness test and comparisons with a number literal a fast path.
struct Compiler {
    let slots: [String: Int]
    let attributeSlots: [String: Int]

    func compile(_ node: SyntaxNode) throws(ExpressionError) -> any EvaluationNode {
        switch node.kind {
        case .number(let value, _):
            return ConstantNode(.number(value))
        case .string(let text):
            return ConstantNode(text.isEmpty ? .empty : .text(text))
        case .reference(let name):
            guard let slot = slots[name] else {
                throw ExpressionError(.expressionUnknownVariable, column: node.column, "${\(name)} has no value slot to read from", unknownName: name)
            }
            return SlotNode(slot)
        case .currentValue:
            return CurrentValueNode()
        case .attribute(let name):
            guard let slot = attributeSlots[name] else {
                throw ExpressionError(.expressionUnknownAttribute, column: node.column, "the choice attribute '\(name)' has no value slot to read from")
            }
            return AttributeNode(slot)
        case .negate(let operand):
            return NegateNode(try compile(operand))
        case .binary(let op, let left, let right):
            return try binary(op, left, right)
        case .call(let name, let arguments):
            guard let function = ExpressionFunction(rawValue: name) else {
                throw ExpressionError(.expressionUnknownFunction, column: node.column, "\(name)() is not a function")
            }
            return try call(function, arguments)
        }
    }

    private func binary(_ op: BinaryOperator, _ left: SyntaxNode, _ right: SyntaxNode) throws(ExpressionError) -> any EvaluationNode {
        switch op {
        case .and:
            return AndNode(try compile(left), try compile(right))
        case .or:
            return OrNode(try compile(left), try compile(right))
        case .equal, .notEqual:
            if right.isEmptyString { return IsEmptyNode(try compile(left), negated: op == .notEqual) }
            if left.isEmptyString { return IsEmptyNode(try compile(right), negated: op == .notEqual) }
            if let fast = try numberComparison(op, left, right) { return fast }
            return EqualityNode(try comparand(left), try comparand(right), negated: op == .notEqual)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            if let fast = try numberComparison(op, left, right) { return fast }
            return OrderingNode(op, try comparand(left), try comparand(right))
        case .plus, .minus, .times, .divide, .modulo:
            return ArithmeticNode(op, try comparand(left), try comparand(right))
        }
    }

    /// An operand of a comparison, of arithmetic, or a value of `if()` or `coalesce()`: a
    /// `'YYYY-MM-DD'` literal becomes a date constant, which compares exactly as the text would, is
    /// not parsed again at each evaluation, and takes days as a date does (`'2025-01-01' + 30`).
    private func comparand(_ node: SyntaxNode) throws(ExpressionError) -> any EvaluationNode {
        if case .string(let text) = node.kind, let date = CalendarDate(iso: text) {
            return ConstantNode(.date(date))
        }
        return try compile(node)
    }

    /// `x op 3` or `3 op x`, compiled to compare against the literal directly.
    private func numberComparison(_ op: BinaryOperator, _ left: SyntaxNode, _ right: SyntaxNode) throws(ExpressionError) -> (any EvaluationNode)? {
        if case .number(let value, _) = right.kind {
            return NumberComparisonNode(try compile(left), op, value)
        }
        if case .number(let value, _) = left.kind {
            return NumberComparisonNode(try compile(right), op.mirrored, value)
        }
        return nil
    }

    private func call(_ function: ExpressionFunction, _ arguments: [SyntaxNode]) throws(ExpressionError) -> any EvaluationNode {
        var args: [any EvaluationNode] = []
        // The values of if() and coalesce() may be date literals, typed as dates beside a date.
        let valued = function == .if || function == .coalesce
        for argument in arguments { args.append(valued ? try comparand(argument) : try compile(argument)) }
        switch function {
        case .not: return NotNode(args[0])
        case .true: return ConstantNode(.boolean(true))
        case .false: return ConstantNode(.boolean(false))
        case .today: return TodayNode()
        case .if: return IfNode(args[0], args[1], args[2])
        case .coalesce: return CoalesceNode(args[0], args[1])
        case .concat: return ConcatNode(args)
        case .selected:
            if let code = arguments[1].literalText { return SelectedCodeNode(args[0], code) }
            return SelectedNode(args[0], args[1])
        case .regex:
            if case .string(let pattern) = arguments[1].kind {
                guard let regex = try? NSRegularExpression(pattern: pattern) else {
                    throw ExpressionError(.expressionInvalidPattern, column: arguments[1].startColumn, "'\(pattern)' is not a valid regular expression")
                }
                return RegexNode(args[0], regex)
            }
            return DynamicRegexNode(args[0], args[1])
        case .round:
            return args.count == 2 ? RoundNode(args[0], args[1]) : UnaryFunctionNode(.round, args[0])
        case .countSelected, .stringLength, .int, .year, .number, .string:
            return UnaryFunctionNode(function, args[0])
        case .contains, .startsWith, .endsWith:
            return TextTestNode(function, args[0], args[1])
        }
    }
}

extension BinaryOperator {
    /// The operator with its operands swapped: `3 < x` is `x > 3`.
    var mirrored: BinaryOperator {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }
}
