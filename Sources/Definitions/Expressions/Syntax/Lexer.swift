import Diagnostics

/// Splits expression text into tokens, counting columns in Characters from 1.
struct Lexer {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    /// Every token of the text, ending with `.end`, or the first lexical error.
    static func tokens(of text: String) -> Result<[Token], ExpressionError> {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        do {
            while true {
                let token = try lexer.next()
                tokens.append(token)
                if token.kind == .end { return .success(tokens) }
            }
        } catch {
            return .failure(error)
        }
    }

    private var column: Int { index + 1 }

    private func peek(_ offset: Int = 0) -> Character? {
        let i = index + offset
        return i < characters.count ? characters[i] : nil
    }

    private mutating func next() throws(ExpressionError) -> Token {
        while let c = peek(), c.isWhitespace { index += 1 }
        let start = index
        guard let c = peek() else { return Token(kind: .end, column: column, length: 0) }
        func token(_ kind: Token.Kind) -> Token {
            Token(kind: kind, column: start + 1, length: index - start)
        }
        switch c {
        case "$":
            return token(try reference())
        case "'", "\"":
            return token(try string(quote: c))
        case "(":
            index += 1
            return token(.leftParenthesis)
        case ")":
            index += 1
            return token(.rightParenthesis)
        case ",":
            index += 1
            return token(.comma)
        case "+", "-", "*":
            index += 1
            return token(.symbol(Token.Symbol(rawValue: String(c))!))
        case "=":
            index += 1
            if peek() == "=" {
                throw ExpressionError(.expressionUnexpected, column: start + 1, "'==' is not an operator here: write a single = to compare")
            }
            if let c = peek(), c == ">" || c == "<" {
                throw ExpressionError(.expressionUnexpected, column: start + 1, "'=\(c)' is not an operator: write \(c)=")
            }
            return token(.symbol(.equal))
        case "!":
            index += 1
            guard peek() == "=" else {
                throw ExpressionError(.expressionUnexpected, column: start + 1, "'!' alone is not an operator: write not(…) to negate, or != to compare")
            }
            index += 1
            return token(.symbol(.notEqual))
        case "<":
            index += 1
            if peek() == "=" { index += 1; return token(.symbol(.lessOrEqual)) }
            if peek() == ">" {
                throw ExpressionError(.expressionUnexpected, column: start + 1, "'<>' is not an operator here: write != for 'not equal'")
            }
            return token(.symbol(.less))
        case ">":
            index += 1
            if peek() == "=" { index += 1; return token(.symbol(.greaterOrEqual)) }
            return token(.symbol(.greater))
        case ".":
            if let d = peek(1), d.isASCIIDigit { return token(try number()) }
            if peek(1) == "." {
                throw ExpressionError(.expressionUnexpected, column: start + 1, "'..' (the parent group) is not supported: refer to the question by ${name}")
            }
            index += 1
            return token(.currentValue)
        default:
            if c.isASCIIDigit { return token(try number()) }
            if c.isNameStart { return token(name()) }
            throw ExpressionError(.expressionUnexpected, column: start + 1, Self.hint(forUnexpected: c))
        }
    }

    private static func hint(forUnexpected c: Character) -> String {
        switch c {
        case "&": "'&' is not an operator: write and"
        case "|": "'|' is not an operator: write or"
        case "/": "'/' is not an operator here: write div to divide"
        case "%": "'%' is not an operator: write mod for the remainder"
        case "{", "}": "'\(c)' outside a reference: write references as ${name}"
        case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}":
            "'\(c)' is a typographic quote: write strings between straight quotes ' or \""
        case "\u{2265}": "'≥' is not an operator here: write >="
        case "\u{2264}": "'≤' is not an operator here: write <="
        case "\u{2260}": "'≠' is not an operator here: write !="
        case "\u{2212}", "\u{2013}", "\u{2014}": "'\(c)' is a typographic dash or minus sign: write - to subtract"
        case "\u{00D7}": "'×' is not an operator here: write * to multiply"
        case "\u{00F7}": "'÷' is not an operator here: write div to divide"
        default: "'\(c)' cannot appear in an expression"
        }
    }

    private mutating func reference() throws(ExpressionError) -> Token.Kind {
        let start = index
        index += 1
        guard peek() == "{" else {
            throw ExpressionError(.expressionBadReference, column: start + 1, "'$' must start a reference written ${name}")
        }
        index += 1
        let nameStart = index
        while let c = peek(), c != "}" {
            guard c.isNameCharacter else {
                if c.isWhitespace || c == "(" || c == ")" || c == "'" || c == "\"" || c == "," {
                    throw ExpressionError(.expressionBadReference, column: start + 1, "this ${ is never closed: end the reference with }")
                }
                throw ExpressionError(.expressionBadReference, column: index + 1, "'\(c)' cannot appear in a name: names in ${…} hold letters, digits, _, - and .")
            }
            index += 1
        }
        guard peek() == "}" else {
            throw ExpressionError(.expressionBadReference, column: start + 1, "this ${ is never closed: end the reference with }")
        }
        let name = String(characters[nameStart..<index])
        index += 1
        guard let first = name.first else {
            throw ExpressionError(.expressionBadReference, column: start + 1, "${} names nothing: write the question's name between the braces")
        }
        guard first.isNameStart else {
            throw ExpressionError(.expressionBadReference, column: nameStart + 1, "'\(name)' is not a name: names start with a letter or _")
        }
        return .reference(name)
    }

    private mutating func string(quote: Character) throws(ExpressionError) -> Token.Kind {
        let start = index
        index += 1
        let contentStart = index
        while let c = peek(), c != quote { index += 1 }
        guard peek() == quote else {
            throw ExpressionError(.expressionUnclosedString, column: start + 1, "this string is never closed: end it with \(quote)")
        }
        let text = String(characters[contentStart..<index])
        index += 1
        return .string(text)
    }

    private mutating func number() throws(ExpressionError) -> Token.Kind {
        let start = index
        while let c = peek(), c.isASCIIDigit { index += 1 }
        if peek() == "." {
            index += 1
            while let c = peek(), c.isASCIIDigit { index += 1 }
        }
        if let e = peek(), e == "e" || e == "E", let next = peek(1), next.isASCIIDigit || next == "-" || next == "+" {
            throw ExpressionError(.expressionUnexpected, column: index + 1, "numbers are written without an exponent: write all the digits, e.g. 1000 for 1e3")
        }
        return .number(String(characters[start..<index]))
    }

    /// A function or attribute name: a letter or `_`, then letters, digits, `_` or `-`
    /// (as in XPath, a hyphen right after a name character belongs to the name: `count-selected`).
    private mutating func name() -> Token.Kind {
        let start = index
        index += 1
        while let c = peek(), c.isBareNameCharacter { index += 1 }
        return .name(String(characters[start..<index]))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isNameStart: Bool { isLetter || self == "_" }
    var isBareNameCharacter: Bool { isLetter || isNumber || self == "_" || self == "-" }
    /// Characters of a `${…}` name, which may also hold `.` as XLSForm names do.
    var isNameCharacter: Bool { isBareNameCharacter || self == "." }
}
