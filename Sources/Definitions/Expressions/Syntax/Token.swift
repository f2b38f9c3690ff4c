/// One lexical unit of an expression, with the 1-based column (in Characters) where it starts.
struct Token: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// `${name}`
        case reference(String)
        /// `.`, the current answer.
        case currentValue
        /// `3`, `2.5`; the text as written.
        case number(String)
        /// `'x'` or `"x"`, without the quotes.
        case string(String)
        /// A name: a function, a bare choice attribute, or one of the words `and or div mod`.
        case name(String)
        case leftParenthesis
        case rightParenthesis
        case comma
        case symbol(Symbol)
        case end
    }

    /// Operators written with symbols.
    enum Symbol: String, Hashable, Sendable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case plus = "+"
        case minus = "-"
        case times = "*"
    }

    var kind: Kind
    var column: Int
    /// How many Characters the token spans in the source.
    var length: Int

    /// The token as a person would quote it in a message.
    var quoted: String {
        switch kind {
        case .reference(let name): "${\(name)}"
        case .currentValue: "'.'"
        case .number(let text): text
        case .string(let text): "'\(text)'"
        case .name(let name): name
        case .leftParenthesis: "'('"
        case .rightParenthesis: "')'"
        case .comma: "','"
        case .symbol(let symbol): "'\(symbol.rawValue)'"
        case .end: "the end of the expression"
        }
    }
}
