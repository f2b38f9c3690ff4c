import Foundation

/// What a `${name}` of a condition sent to the browser reads.
public enum LiveOperand: Hashable, Sendable {
    /// A field of the page, read from the form as the server codes it when the page is posted.
    case field(String, LiveFieldType)
    /// A value fixed when the page is drawn: an answer given on another page.
    case constant(Value)
}

/// How the browser reads a field of the page: the server's coding of a posted answer of that type.
public enum LiveFieldType: String, Hashable, Sendable, CaseIterable {
    case integer
    case decimal
    case text
    case boolean
    /// A `select_one` or a matrix row: one code.
    case choice
    /// A `select_multiple`: codes in list order.
    case choices
}

/// A question's condition as data for the form's script (`/assets/form-HASH.js`), which shows the
/// question only while the condition holds, as the respondent types. The server still decides when
/// the page is posted; the script only hides and shows.
///
/// Only a subset of the language is sent, every construct of which the script evaluates exactly as
/// ``CompiledExpression/isTrue(_:)`` does (docs/expressions.md, "In the browser"). A condition with
/// anything else is not sent (``json(_:operand:)`` gives nil), and the form keeps its note that the
/// question may not apply.
///
/// The JSON is a tree of arrays, each an operator and its operands:
/// `["num", 2.5]`, `["str", "yes"]`, `["bool", true]`, `["codes", ["a", "b"]]`, `["empty"]` (constants);
/// `["field", "fte", "decimal"]`; `["and", a, b]`, `["or", a, b]`, `["not", a]`;
/// `["blank", a]` (`a = ''`), `["filled", a]` (`a != ''`); `["=", a, b]`, `["!=", a, b]`,
/// `["<", a, b]`, `["<=", a, b]`, `[">", a, b]`, `[">=", a, b]`; `["+", a, b]`, `["-", a, b]`,
/// `["*", a, b]`, `["div", a, b]`, `["mod", a, b]`, `["neg", a]`; `["selected", a, "code"]`,
/// `["count-selected", a]`, `["string-length", a]`, `["if", c, a, b]`, `["coalesce", a, b]`.
public enum LiveCondition {
    /// The condition as JSON for the script, or nil when it uses anything outside the subset.
    /// `operand` says what each `${name}` reads; nil for a name the browser cannot read.
    public static func json(_ expression: ParsedExpression, operand: (String) -> LiveOperand?) -> String? {
        let emitted = withoutActuallyEscaping(operand) { Emitter(operand: $0).emit(expression.root) }
        guard let node = emitted?.node else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(node)).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// One node of the JSON tree.
indirect enum LiveNode: Encodable, Equatable {
    case number(Double)
    case text(String)
    case boolean(Bool)
    case codes([String])
    case empty
    case field(String, LiveFieldType)
    /// An operator (`and`, `=`, `count-selected`, …) and its operands.
    case apply(String, [LiveNode])
    /// `selected(a, 'code')`.
    case selected(LiveNode, String)

    func encode(to encoder: any Encoder) throws {
        var array = encoder.unkeyedContainer()
        switch self {
        case .number(let value): try array.encode("num"); try array.encode(value)
        case .text(let text): try array.encode("str"); try array.encode(text)
        case .boolean(let value): try array.encode("bool"); try array.encode(value)
        case .codes(let codes): try array.encode("codes"); try array.encode(codes)
        case .empty: try array.encode("empty")
        case .field(let name, let type): try array.encode("field"); try array.encode(name); try array.encode(type.rawValue)
        case .apply(let op, let operands):
            try array.encode(op)
            for operand in operands { try array.encode(operand) }
        case .selected(let answer, let code): try array.encode("selected"); try array.encode(answer); try array.encode(code)
        }
    }
}

/// What the script may do with a node's value: the emitter lets only numbers (or empty) into
/// ordering and arithmetic, so that the script never converts text to a date or a number to text.
private enum LiveKind: Equatable {
    case number, text, boolean, choices, empty, mixed

    var isNumeric: Bool { self == .number || self == .empty }
    var isCodes: Bool { self == .choices || self == .text || self == .empty }

    func joined(_ other: LiveKind) -> LiveKind {
        if self == other || other == .empty { return self }
        return self == .empty ? other : .mixed
    }
}

private struct Emitter {
    let operand: (String) -> LiveOperand?

    func emit(_ syntax: SyntaxNode) -> (node: LiveNode, kind: LiveKind)? {
        switch syntax.kind {
        case .number(let value, _):
            return value.isFinite ? (.number(value), .number) : nil
        case .string(let text):
            // A 'YYYY-MM-DD' literal is a date to the evaluator; a line break cannot be typed in a text box.
            if CalendarDate(iso: text) != nil || text.contains(where: \.isNewline) { return nil }
            return text.isEmpty ? (.empty, .empty) : (.text(text), .text)
        case .reference(let name):
            switch operand(name) {
            case .field(let field, let type)?: return (.field(field, type), Self.kind(of: type))
            case .constant(let value)?: return Self.constant(value)
            case nil: return nil
            }
        case .negate(let inner):
            guard let (node, kind) = emit(inner), kind.isNumeric else { return nil }
            return (.apply("neg", [node]), .number)
        case .binary(let op, let left, let right):
            return binary(op, left, right)
        case .call(let name, let arguments):
            guard let function = ExpressionFunction(rawValue: name) else { return nil }
            return call(function, arguments)
        case .currentValue, .attribute:
            return nil
        }
    }

    private static func kind(of type: LiveFieldType) -> LiveKind {
        switch type {
        case .integer, .decimal: .number
        case .text, .choice: .text
        case .boolean: .boolean
        case .choices: .choices
        }
    }

    private static func constant(_ value: Value) -> (LiveNode, LiveKind)? {
        switch value {
        case .empty: (.empty, .empty)
        case .number(let x): x.isFinite ? (.number(x), .number) : nil
        case .text(let text): text.isEmpty ? (.empty, .empty) : (.text(text), .text)
        case .boolean(let b): (.boolean(b), .boolean)
        case .choices(let codes): codes.isEmpty ? (.empty, .empty) : (.codes(codes), .choices)
        case .date: nil
        }
    }

    private func binary(_ op: BinaryOperator, _ left: SyntaxNode, _ right: SyntaxNode) -> (LiveNode, LiveKind)? {
        // As the compiler does: a comparison with '' is a test for an answer.
        if op.isEquality, left.isEmptyString || right.isEmptyString {
            guard let (node, _) = emit(right.isEmptyString ? left : right) else { return nil }
            return (.apply(op == .equal ? "blank" : "filled", [node]), .boolean)
        }
        guard let (a, aKind) = emit(left), let (b, bKind) = emit(right) else { return nil }
        if op.isLogical || op.isEquality { return (.apply(op.rawValue, [a, b]), .boolean) }
        guard aKind.isNumeric, bKind.isNumeric else { return nil }
        return op.isOrdering ? (.apply(op.rawValue, [a, b]), .boolean) : (.apply(op.rawValue, [a, b]), .number)
    }

    private func call(_ function: ExpressionFunction, _ arguments: [SyntaxNode]) -> (LiveNode, LiveKind)? {
        guard function.arity.contains(arguments.count) else { return nil }
        switch function {
        case .true, .false:
            return (.boolean(function == .true), .boolean)
        case .not:
            guard let (node, _) = emit(arguments[0]) else { return nil }
            return (.apply("not", [node]), .boolean)
        case .selected:
            guard let code = arguments[1].literalText, let (node, kind) = emit(arguments[0]), kind.isCodes else { return nil }
            return (.selected(node, code), .boolean)
        case .countSelected:
            guard let (node, kind) = emit(arguments[0]), kind.isCodes else { return nil }
            return (.apply("count-selected", [node]), .number)
        case .stringLength:
            guard let (node, kind) = emit(arguments[0]), kind == .text || kind == .empty else { return nil }
            return (.apply("string-length", [node]), .number)
        case .if:
            guard let (condition, _) = emit(arguments[0]), let (then, thenKind) = emit(arguments[1]),
                  let (otherwise, otherKind) = emit(arguments[2]) else { return nil }
            return (.apply("if", [condition, then, otherwise]), thenKind.joined(otherKind))
        case .coalesce:
            guard let (first, firstKind) = emit(arguments[0]), let (second, secondKind) = emit(arguments[1]) else { return nil }
            return (.apply("coalesce", [first, second]), firstKind.joined(secondKind))
        case .regex, .concat, .int, .round, .today, .year, .number, .string, .contains, .startsWith, .endsWith:
            return nil
        }
    }
}
