/// A `${name}` in an expression and the column of its `$`.
public struct VariableReference: Hashable, Sendable {
    public var name: String
    public var column: Int

    public init(name: String, column: Int) {
        self.name = name
        self.column = column
    }
}

/// An expression that parsed: its text and syntax tree.
public struct ParsedExpression: Hashable, Sendable {
    public let text: String
    public let root: SyntaxNode

    /// Parses `text`, or gives the first syntax error (E201–E206) with its column.
    public static func parse(_ text: String) -> Result<ParsedExpression, ExpressionError> {
        Parser.parse(text).map { ParsedExpression(text: text, root: $0) }
    }

    /// Every `${…}` in source order, repeats included.
    public var references: [VariableReference] {
        var result: [VariableReference] = []
        root.forEach { node in
            if case .reference(let name) = node.kind { result.append(VariableReference(name: name, column: node.column)) }
        }
        return result
    }

    /// The distinct names referred to by `${…}`, in order of first use.
    public var referencedNames: [String] {
        var seen = Set<String>()
        return references.map(\.name).filter { seen.insert($0).inserted }
    }

    /// Whether the expression uses `.`, the current answer.
    public var usesCurrentValue: Bool {
        var found = false
        root.forEach { if $0.kind == .currentValue { found = true } }
        return found
    }
}
