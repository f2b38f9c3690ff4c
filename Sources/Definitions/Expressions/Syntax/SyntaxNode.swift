/// Binary operators, lowest precedence first (as XPath 1.0).
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case or
    case and
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case plus = "+"
    case minus = "-"
    case times = "*"
    case divide = "div"
    case modulo = "mod"

    public var isEquality: Bool { self == .equal || self == .notEqual }
    public var isOrdering: Bool { self == .less || self == .lessOrEqual || self == .greater || self == .greaterOrEqual }
    public var isArithmetic: Bool { self == .plus || self == .minus || self == .times || self == .divide || self == .modulo }
    public var isLogical: Bool { self == .and || self == .or }
}

/// A node of a parsed expression. ``column`` is where the node's own token is (the operator of
/// a binary expression, the name of a call); ``startColumn`` is where its text begins.
public struct SyntaxNode: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        /// A number literal and its text as written (`2.50`).
        case number(Double, text: String)
        case string(String)
        /// `${name}`
        case reference(String)
        /// `.`
        case currentValue
        /// A bare name: a choice attribute in a choice filter (`value` is the choice's code).
        case attribute(String)
        /// Unary minus.
        case negate(SyntaxNode)
        case binary(BinaryOperator, SyntaxNode, SyntaxNode)
        case call(String, [SyntaxNode])
    }

    public let kind: Kind
    public let column: Int
    /// How many nodes deep the tree below and including this node is.
    public let depth: Int

    public init(_ kind: Kind, column: Int) {
        self.kind = kind
        self.column = column
        switch kind {
        case .negate(let operand): depth = operand.depth + 1
        case .binary(_, let left, let right): depth = max(left.depth, right.depth) + 1
        case .call(_, let arguments): depth = (arguments.map(\.depth).max() ?? 0) + 1
        default: depth = 1
        }
    }

    /// The column of the node's first character.
    public var startColumn: Int {
        switch kind {
        case .binary(_, let left, _): left.startColumn
        default: column
        }
    }

    /// The text of a string literal, or the digits of a number literal; nil for anything else.
    var literalText: String? {
        switch kind {
        case .string(let text): text
        case .number(_, let text): text
        default: nil
        }
    }

    /// Whether this is the literal `''` (or `""`).
    var isEmptyString: Bool { kind == .string("") }

    /// Calls `visit` on this node and every node below it, in source order.
    public func forEach(_ visit: (SyntaxNode) -> Void) {
        switch kind {
        case .negate(let operand):
            visit(self)
            operand.forEach(visit)
        case .binary(_, let left, let right):
            left.forEach(visit)
            visit(self)
            right.forEach(visit)
        case .call(_, let arguments):
            visit(self)
            for argument in arguments { argument.forEach(visit) }
        default:
            visit(self)
        }
    }
}
