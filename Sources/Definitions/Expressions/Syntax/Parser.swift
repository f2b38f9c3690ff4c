/// Recursive-descent parser with XPath 1.0 precedence, every binary level left-associative:
/// `or` < `and` < `= !=` < `< <= > >=` < `+ -` < `* div mod` < unary `-`.
struct Parser {
    private let tokens: [Token]
    private var position = 0
    /// How deep parentheses, calls and minus signs nest at the current token (-1 before the first
    /// value: the value at the top level is inside none of them).
    private var nesting = -1

    /// Limits on the syntax tree: parsing, checking and evaluation recurse through it, and must stay
    /// far from the end of a small thread stack (as in a server's task). Parsing takes about ten
    /// calls per level of parentheses, hence the smaller limit on nesting.
    static let maximumDepth = 250
    static let maximumNesting = 64

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    static func parse(_ text: String) -> Result<SyntaxNode, ExpressionError> {
        let tokens: [Token]
        switch Lexer.tokens(of: text) {
        case .success(let t): tokens = t
        case .failure(let error): return .failure(error)
        }
        if tokens.first?.kind == .end {
            return .failure(ExpressionError(.expressionEmpty, column: 1, "the expression is empty: write a condition or a value, or remove the key"))
        }
        var parser = Parser(tokens: tokens)
        do {
            let root = try parser.expression()
            let rest = parser.current
            if rest.kind != .end {
                return .failure(parser.trailingError(rest))
            }
            return .success(root)
        } catch {
            return .failure(error)
        }
    }

    private static let levels: [[BinaryOperator]] = [
        [.or], [.and], [.equal, .notEqual], [.less, .lessOrEqual, .greater, .greaterOrEqual],
        [.plus, .minus], [.times, .divide, .modulo],
    ]

    private var current: Token { tokens[position] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if token.kind != .end { position += 1 }
        return token
    }

    private mutating func expression() throws(ExpressionError) -> SyntaxNode {
        try binary(level: 0)
    }

    private mutating func binary(level: Int) throws(ExpressionError) -> SyntaxNode {
        guard level < Self.levels.count else { return try unary() }
        var left = try binary(level: level + 1)
        while let op = binaryOperator(current), Self.levels[level].contains(op) {
            let token = advance()
            let right = try binary(level: level + 1)
            left = SyntaxNode(.binary(op, left, right), column: token.column)
            // A value has depth 1; each operation above it adds one.
            if left.depth - 1 > Self.maximumDepth {
                throw ExpressionError(.expressionUnexpected, column: token.column,
                    "the expression goes more than \(Self.maximumDepth) operations deep: split it into calculate questions")
            }
        }
        return left
    }

    /// The binary operator `token` stands for in operator position, if any.
    private func binaryOperator(_ token: Token) -> BinaryOperator? {
        switch token.kind {
        case .symbol(let symbol):
            switch symbol {
            case .equal: .equal
            case .notEqual: .notEqual
            case .less: .less
            case .lessOrEqual: .lessOrEqual
            case .greater: .greater
            case .greaterOrEqual: .greaterOrEqual
            case .plus: .plus
            case .minus: .minus
            case .times: .times
            }
        case .name(let word):
            switch word {
            case "or": .or
            case "and": .and
            case "div": .divide
            case "mod": .modulo
            default: nil
            }
        default:
            nil
        }
    }

    private mutating func unary() throws(ExpressionError) -> SyntaxNode {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Self.maximumNesting {
            throw ExpressionError(.expressionUnexpected, column: current.column,
                "parentheses, calls and minus signs nest more than \(Self.maximumNesting) deep here: simplify the expression")
        }
        if current.kind == .symbol(.minus) {
            let token = advance()
            let operand = try unary()
            return SyntaxNode(.negate(operand), column: token.column)
        }
        return try primary()
    }

    private mutating func primary() throws(ExpressionError) -> SyntaxNode {
        let token = current
        switch token.kind {
        case .number(let text):
            guard let value = Double(text), value.isFinite else {
                throw ExpressionError(.expressionUnexpected, column: token.column, "the number \(text.prefix(20))… is too large to compute with")
            }
            _ = advance()
            return SyntaxNode(.number(value, text: text), column: token.column)
        case .string(let text):
            _ = advance()
            return SyntaxNode(.string(text), column: token.column)
        case .reference(let name):
            _ = advance()
            return SyntaxNode(.reference(name), column: token.column)
        case .currentValue:
            _ = advance()
            return SyntaxNode(.currentValue, column: token.column)
        case .leftParenthesis:
            _ = advance()
            let inner = try expression()
            guard current.kind == .rightParenthesis else {
                if current.kind == .end {
                    throw ExpressionError(.expressionUnclosedParenthesis, column: token.column, "this ( is never closed: add ) at the end of what it groups")
                }
                throw ExpressionError(.expressionUnexpected, column: current.column, "\(current.quoted) where ) or an operator was expected, to close the ( at column \(token.column)")
            }
            _ = advance()
            return inner
        case .name(let name):
            _ = advance()
            if current.kind == .leftParenthesis {
                return try call(name, at: token)
            }
            if binaryOperator(token) != nil {
                throw ExpressionError(.expressionUnexpected, column: token.column, "'\(name)' is an operator, but a value is missing before it")
            }
            if name == "not", startsValue(current) {
                throw ExpressionError(.expressionUnexpected, column: token.column,
                    "'not' is a function, not an operator: put what it negates in parentheses, not(…)")
            }
            return SyntaxNode(.attribute(name), column: token.column)
        case .end:
            let before = position > 0 ? tokens[position - 1].quoted : "the start"
            throw ExpressionError(.expressionUnexpected, column: token.column, "the expression ends after \(before) where a value is expected: complete it")
        case .rightParenthesis:
            throw ExpressionError(.expressionUnexpected, column: token.column, "')' where a value is expected: remove it or add what goes before it")
        case .comma:
            throw ExpressionError(.expressionUnexpected, column: token.column, "',' where a value is expected: commas only separate function arguments")
        case .symbol(let symbol):
            throw ExpressionError(.expressionUnexpected, column: token.column, "'\(symbol.rawValue)' where a value is expected: a value is missing before it")
        }
    }

    /// Whether `token` can begin a value, as the operand after a word such as `not` would.
    private func startsValue(_ token: Token) -> Bool {
        switch token.kind {
        case .number, .string, .reference, .currentValue, .leftParenthesis: true
        case .name: binaryOperator(token) == nil
        default: false
        }
    }

    private mutating func call(_ name: String, at nameToken: Token) throws(ExpressionError) -> SyntaxNode {
        let open = advance()
        var arguments: [SyntaxNode] = []
        if current.kind == .rightParenthesis {
            _ = advance()
            return SyntaxNode(.call(name, arguments), column: nameToken.column)
        }
        while true {
            arguments.append(try expression())
            switch current.kind {
            case .comma:
                _ = advance()
            case .rightParenthesis:
                _ = advance()
                return SyntaxNode(.call(name, arguments), column: nameToken.column)
            case .end:
                throw ExpressionError(.expressionUnclosedParenthesis, column: open.column, "the ( of \(name)( is never closed: add ) after its arguments")
            default:
                throw ExpressionError(.expressionUnexpected, column: current.column, "\(current.quoted) inside \(name)(…) where ',' or ')' was expected")
            }
        }
    }

    private func trailingError(_ token: Token) -> ExpressionError {
        let previous = position > 0 ? tokens[position - 1] : nil
        if token.kind == .comma, case .number(let whole)? = previous?.kind, case .number(let fraction) = tokens[position + 1].kind,
           tokens[position + 1].column == token.column + 1 {
            return ExpressionError(.expressionTrailing, column: token.column, "',' after a complete expression: write decimals with a point, \(whole).\(fraction)")
        }
        if token.kind == .rightParenthesis {
            return ExpressionError(.expressionTrailing, column: token.column, "')' closes no parenthesis: remove it or add the ( it belongs to")
        }
        if case .name(let word) = token.kind, ["and", "or", "div", "mod"].contains(word.lowercased()) {
            return ExpressionError(.expressionTrailing, column: token.column, "'\(word)' is not an operator: operators are lower case (\(word.lowercased()))")
        }
        return ExpressionError(.expressionTrailing, column: token.column, "\(token.quoted) after a complete expression: join the parts with an operator (and, or, =, +, …) or remove it")
    }
}
