/// What kind of result the place of an expression needs.
public enum ExpectedResult: Hashable, Sendable {
    /// Any value (a calculation).
    case any
    /// A condition, true or false: `relevant`, `constraint`, `choice_filter`, an indicator's
    /// `numerator` or `universe`, a cleaning rule.
    case condition
    /// A number: an indicator's `value`.
    case number
}

/// An expression after parsing and type checking: its errors (every one found), its result
/// type, and what it refers to. Compile it with ``compile(slots:attributeSlots:)`` when valid.
public struct CheckedExpression: Hashable, Sendable {
    public let text: String
    /// The syntax tree, or nil when the text does not parse.
    public let parsed: ParsedExpression?
    /// The result type; `.unknown` when the expression does not parse.
    public let type: ExpressionType
    /// Every problem found, in column order; empty when the expression is valid.
    public let errors: [ExpressionError]
    /// Mistakes that leave the expression valid but its result surely not what was meant
    /// (a division by a literal 0, W106), in column order.
    public let warnings: [ExpressionError]

    /// Parses `text` and checks it against `scope`.
    public init(_ text: String, in scope: some ExpressionScope, expecting expected: ExpectedResult = .any) {
        switch ParsedExpression.parse(text) {
        case .success(let parsed):
            self.init(parsed, in: scope, expecting: expected)
        case .failure(let error):
            self.init(text: text, parsed: nil, type: .unknown, errors: [error], warnings: [])
        }
    }

    /// Checks an expression that parsed against `scope`.
    public init(_ parsed: ParsedExpression, in scope: some ExpressionScope, expecting expected: ExpectedResult = .any) {
        var checker = TypeChecker(scope: scope)
        let type = checker.check(parsed.root, expecting: expected)
        self.init(text: parsed.text, parsed: parsed, type: type,
                  errors: checker.errors.sorted { ($0.column, $0.code) < ($1.column, $1.code) },
                  warnings: checker.warnings.sorted { $0.column < $1.column })
    }

    private init(text: String, parsed: ParsedExpression?, type: ExpressionType, errors: [ExpressionError], warnings: [ExpressionError]) {
        self.text = text
        self.parsed = parsed
        self.type = type
        self.errors = errors
        self.warnings = warnings
    }

    public var isValid: Bool { errors.isEmpty }

    /// Every `${…}` with its column, in source order (empty when the text does not parse).
    public var references: [VariableReference] { parsed?.references ?? [] }

    /// The distinct names referred to by `${…}`, in order of first use.
    public var referencedNames: [String] { parsed?.referencedNames ?? [] }

    /// Whether the expression uses `.`, the current answer.
    public var usesCurrentValue: Bool { parsed?.usesCurrentValue ?? false }
}
