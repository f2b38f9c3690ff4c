import Diagnostics
import Foundation

/// Infers the type of every node and reports every type and name error, continuing past each
/// with `.unknown` so that one mistake does not cause a cascade.
struct TypeChecker<Scope: ExpressionScope> {
    let scope: Scope
    private(set) var errors: [ExpressionError] = []
    private(set) var warnings: [ExpressionError] = []

    init(scope: Scope) {
        self.scope = scope
    }

    private mutating func report(_ code: DiagnosticCode, _ node: SyntaxNode, _ message: String, unknownName: String? = nil, unknownCode: UnknownCode? = nil) {
        errors.append(ExpressionError(code, column: node.startColumn, message, unknownName: unknownName, unknownCode: unknownCode))
    }

    mutating func check(_ root: SyntaxNode, expecting expected: ExpectedResult) -> ExpressionType {
        let type = check(root)
        switch expected {
        case .any:
            break
        case .condition:
            requireCondition(root, type, "this gives")
        case .number:
            if numericKind(type, root) == nil {
                let hint = type == .boolean ? "count it with if(condition, 1, 0)" : "give a number, e.g. with number(…)"
                report(.expressionResultType, root, "this gives \(type), not a number: \(hint)")
            }
        }
        return type
    }

    /// E229 when `node`, which stands where a condition is needed, gives something else: a code
    /// `0` or a count would otherwise silently count as true.
    private mutating func requireCondition(_ node: SyntaxNode, _ type: ExpressionType, _ subject: String) {
        guard type != .boolean && type != .unknown else { return }
        report(.expressionResultType, node, "\(subject) \(type), not a condition (true or false): \(conditionHint(node, type))")
    }

    private func conditionHint(_ node: SyntaxNode, _ type: ExpressionType) -> String {
        let subject = Self.describe(node)
        switch type {
        case .choice(let list):
            let code = list.flatMap { scope.choiceCodes(ofList: $0)?.first } ?? "1"
            return "compare it with a code, e.g. \(subject) = '\(code)'"
        case .choices: return "test a choice with selected(\(subject), 'code')"
        case .integer, .decimal: return "compare it, e.g. \(subject) > 0"
        case .date: return "compare it, e.g. \(subject) >= '2025-01-01'"
        default: return "compare it, e.g. \(subject) != ''"
        }
    }

    /// How a message names the value of `node`: `${x}`, `'.'`, `'abc'`, `3`, or "this value".
    static func describe(_ node: SyntaxNode) -> String {
        switch node.kind {
        case .reference(let name): "${\(name)}"
        case .currentValue: "."
        case .string(let text): "'\(text)'"
        case .number(_, let text): text
        case .attribute(let name): name
        case .call(let name, _): "\(name)(…)"
        default: "this value"
        }
    }

    // MARK: Nodes

    mutating func check(_ node: SyntaxNode) -> ExpressionType {
        switch node.kind {
        case .number(_, let text):
            return text.contains(".") ? .decimal : .integer
        case .string:
            return .text
        case .reference(let name):
            if let type = scope.type(ofVariable: name) { return type }
            report(.expressionUnknownVariable, node, "${\(name)} names no variable known here", unknownName: name)
            return .unknown
        case .currentValue:
            if let type = scope.currentValueType { return type }
            report(.expressionNoCurrentValue, node, "'.' is the answer being checked and exists only in a constraint: here, refer to the question as ${name}")
            return .unknown
        case .attribute(let name):
            return checkAttribute(name, node)
        case .negate(let operand):
            let type = check(operand)
            switch arithmeticKind(type, operand, operator: "-") {
            case .integer: return .integer
            case .decimal, .unknown: return type == .unknown ? .unknown : .decimal
            case .date:
                report(.expressionArithmeticType, operand, "a date cannot be negative: subtract it from another date to count days, e.g. today() - \(Self.describe(operand))")
                return .unknown
            case .invalid:
                return .unknown
            }
        case .binary(let op, let left, let right):
            let l = check(left)
            let r = check(right)
            if op.isLogical {
                requireCondition(left, l, "each side of '\(op.rawValue)' must be a condition, but \(Self.describe(left)) gives")
                requireCondition(right, r, "each side of '\(op.rawValue)' must be a condition, but \(Self.describe(right)) gives")
                return .boolean
            }
            if op.isEquality { checkEquality(left, l, right, r, op); return .boolean }
            if op.isOrdering { checkOrdering(left, l, right, r, op); return .boolean }
            return checkArithmetic(op, node, left, l, right, r)
        case .call(let name, let arguments):
            let types = arguments.map { check($0) }
            guard let function = ExpressionFunction(rawValue: name) else {
                let advice = ExpressionFunction.insteadOfXLSForm[name].map { "; \($0)" }
                    ?? Suggestions.didYouMean(name, in: ExpressionFunction.allCases.map(\.name))
                errors.append(ExpressionError(.expressionUnknownFunction, column: node.column,
                    "\(name)() is not a function here\(advice); the functions are listed in docs/expressions.md"))
                return .unknown
            }
            guard function.arity.contains(arguments.count) else {
                errors.append(ExpressionError(.expressionArgumentCount, column: node.column,
                    "\(name)() takes \(function.arityDescription), not \(arguments.count): write \(function.signature)"))
                return .unknown
            }
            return checkCall(function, node, arguments, types)
        }
    }

    private mutating func checkAttribute(_ name: String, _ node: SyntaxNode) -> ExpressionType {
        if scope.allowsChoiceAttributes {
            if let type = scope.type(ofChoiceAttribute: name) { return type }
            let suggestion = Suggestions.didYouMean(name, in: scope.choiceAttributeNames)
            report(.expressionUnknownAttribute, node,
                   "the choices have no attribute '\(name)'\(suggestion); to use the answer to a question, write ${\(name)}")
            return .unknown
        }
        if let function = ExpressionFunction(rawValue: name) {
            report(.expressionBareName, node, "\(name) is a function: call it as \(function.arity == 0...0 ? "\(name)()" : "\(name)(…)")")
        } else if scope.type(ofVariable: name) != nil {
            report(.expressionBareName, node, "the bare name '\(name)' only means something in a choice_filter: to use the answer to a question, write ${\(name)}; for text, quote it: '\(name)'")
        } else {
            // No question has the name: most likely a code or a text written without quotes (`${q} = yes`).
            report(.expressionBareName, node, "the bare name '\(name)' only means something in a choice_filter: write a code or a text in quotes, '\(name)' (no question is called \(name); an answer is written ${question})")
        }
        return .unknown
    }

    // MARK: Operands

    /// What an operand of arithmetic is, once converted.
    private enum ArithmeticKind {
        case integer, decimal, date, unknown
        case invalid
    }

    /// The codes of a choice type's list, when the scope knows them.
    private func codes(of type: ExpressionType) -> [String]? {
        type.choiceList.flatMap { scope.choiceCodes(ofList: $0) }
    }

    /// The numeric nature of a value usable as a number (nil when it is not one):
    /// numbers, numeric literals, codes of lists whose codes are all numbers.
    private func numericKind(_ type: ExpressionType, _ node: SyntaxNode) -> ArithmeticKind? {
        switch type {
        case .integer: return .integer
        case .decimal: return .decimal
        case .unknown: return .unknown
        case .text:
            if case .string(let text) = node.kind, NumberText.parse(text) != nil {
                return NumberText.isInteger(text) ? .integer : .decimal
            }
            return nil
        case .choice:
            guard let codes = codes(of: type) else { return .unknown }
            guard !codes.isEmpty, codes.allSatisfy({ NumberText.parse($0) != nil }) else { return nil }
            return codes.allSatisfy(NumberText.isInteger) ? .integer : .decimal
        case .boolean, .date, .choices:
            return nil
        }
    }

    private func isDateLiteral(_ node: SyntaxNode) -> Bool {
        if case .string(let text) = node.kind { return CalendarDate(iso: text) != nil }
        return false
    }

    /// Reports a text literal written as `YYYY-MM-DD` that is no real date (`'2024-02-30'`) where a
    /// date is wanted, so that the message names the date rather than calling it text.
    private mutating func reportedInvalidDate(_ node: SyntaxNode) -> Bool {
        guard case .string(let text) = node.kind, CalendarDate(iso: text) == nil else { return false }
        let shape = Array(text.utf8)
        guard shape.count == 10, shape.enumerated().allSatisfy({ index, byte in
            index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }) else { return false }
        report(.expressionInvalidDate, node, "'\(text)' is not a date: write dates as 'YYYY-MM-DD', e.g. '2025-03-31'")
        return true
    }

    private mutating func arithmeticKind(_ type: ExpressionType, _ node: SyntaxNode, operator op: String) -> ArithmeticKind {
        if let kind = numericKind(type, node) { return kind }
        if type == .date || isDateLiteral(node) { return .date }
        if reportedInvalidDate(node) { return .invalid }
        let subject = Self.describe(node)
        let hint: String
        switch type {
        case .text:
            hint = node.literalText != nil
                ? "write numbers without quotes"
                : "if it holds digits, convert it with number(\(subject))"
        case .choice(let list):
            hint = "the codes of list \(list ?? "?") are not all numbers; compare it with = instead"
        case .choices:
            hint = "count its choices with count-selected(\(subject))"
        case .boolean:
            hint = "turn it into 1 or 0 with if(\(subject), 1, 0)"
        default:
            hint = "give a number"
        }
        report(.expressionArithmeticType, node, "'\(op)' needs numbers, but \(subject) is \(type): \(hint)")
        return .invalid
    }

    private mutating func checkArithmetic(
        _ op: BinaryOperator, _ node: SyntaxNode, _ left: SyntaxNode, _ l: ExpressionType, _ right: SyntaxNode, _ r: ExpressionType
    ) -> ExpressionType {
        let a = arithmeticKind(l, left, operator: op.rawValue)
        let b = arithmeticKind(r, right, operator: op.rawValue)
        if op == .divide || op == .modulo, ![a, b].contains(.invalid), ![a, b].contains(.date), Self.isZeroLiteral(right) {
            warnDivisionByZero(op, left, right)
        }
        switch (a, b) {
        case (.invalid, _), (_, .invalid):
            return .unknown
        case (.date, .date):
            if op == .minus { return .integer }
            errors.append(ExpressionError(.expressionArithmeticType, column: node.column,
                "dates can only be subtracted from each other (giving days), not combined with '\(op.rawValue)'"))
            return .unknown
        case (.date, .unknown), (.unknown, .date):
            return .unknown
        case (.date, _), (_, .date):
            let dateFirst = a == .date
            if op == .plus || (op == .minus && dateFirst) { return .date }
            errors.append(ExpressionError(.expressionArithmeticType, column: node.column,
                "a date only takes + or - a number of days (date \(op == .minus ? "- days" : "+ days")), not '\(op.rawValue)' here"))
            return .unknown
        case (.unknown, _), (_, .unknown):
            return op == .divide ? .decimal : .unknown
        case (.integer, .integer):
            return op == .divide ? .decimal : .integer
        default:
            return .decimal
        }
    }

    /// A number literal 0 (`0`, `0.0`, `-0`) or a text literal that reads as one (`'0'`).
    private static func isZeroLiteral(_ node: SyntaxNode) -> Bool {
        if case .string(let text) = node.kind { return NumberText.parse(text) == 0 }
        return literalNumber(node) == 0
    }

    /// W106 at the divisor of `left div 0` or `left mod 0`, which is empty whatever `left` is.
    private mutating func warnDivisionByZero(_ op: BinaryOperator, _ left: SyntaxNode, _ zero: SyntaxNode) {
        let written = "\(Self.describe(left)) \(op.rawValue) \(Self.literalText(zero))"
        let operation = op == .divide ? "dividing by 0" : "the remainder after dividing by 0"
        let advice = op == .divide
            ? "divide by the number you mean, or write '' for a value that is always empty"
            : "take the remainder after dividing by the number you mean, or write '' for a value that is always empty"
        warnings.append(ExpressionError(.divisionByZero, column: zero.startColumn,
            "\(written) is always empty: \(operation) gives no number; \(advice)"))
    }

    /// A literal as written: `0.0`, `-0`, `'0'`.
    private static func literalText(_ node: SyntaxNode) -> String {
        switch node.kind {
        case .negate(let operand): "-" + literalText(operand)
        default: describe(node)
        }
    }

    // MARK: Comparisons

    private mutating func checkEquality(_ left: SyntaxNode, _ l: ExpressionType, _ right: SyntaxNode, _ r: ExpressionType, _ op: BinaryOperator) {
        if left.isEmptyString || right.isEmptyString { return }
        for (node, type) in [(left, l), (right, r)] {
            if case .choices = type {
                report(.expressionMultipleCompared, node,
                       "\(Self.describe(node)) is a select_multiple answer, which '\(op.rawValue)' cannot compare: test one choice with selected(\(Self.describe(node)), 'code'), count them with count-selected(\(Self.describe(node)))")
                return
            }
        }
        checkCodeLiteral(left, l, right)
        checkCodeLiteral(right, r, left)
        checkCompatible(left, l, right, r)
        checkCompatible(right, r, left, l)
    }

    /// `${choice} = literal`: the literal must be one of the list's codes.
    private mutating func checkCodeLiteral(_ node: SyntaxNode, _ type: ExpressionType, _ other: SyntaxNode) {
        guard case .choice(let list?) = type, let literal = other.literalText, let codes = scope.choiceCodes(ofList: list) else { return }
        checkCode(literal, isNumber: other.kind.isNumberLiteral, at: other, list: list, codes: codes)
    }

    private mutating func checkCode(_ literal: String, isNumber: Bool, at node: SyntaxNode, list: String, codes: [String]) {
        let matches: Bool
        if isNumber, let value = NumberText.parse(literal) {
            matches = codes.contains { NumberText.parse($0) == value }
        } else {
            matches = codes.contains(literal)
        }
        guard !matches else { return }
        let suggestion = Suggestions.didYouMean(literal, in: codes)
        let shown = codes.count <= 12 ? ": the codes are " + codes.joined(separator: ", ") : ""
        report(.expressionUnknownCode, node, "'\(literal)' is not a code of list \(list)\(suggestion)\(shown)",
               unknownCode: UnknownCode(code: literal, list: list, codes: codes))
    }

    /// Equality of kinds that XPath would convert into nonsense (a date with a number, yes/no with text).
    private mutating func checkCompatible(_ node: SyntaxNode, _ type: ExpressionType, _ other: SyntaxNode, _ otherType: ExpressionType) {
        switch type {
        case .boolean:
            if case .number(let value, _) = other.kind {
                if value == 0 || value == 1 { return }
                report(.expressionMismatchedComparison, other, "\(Self.describe(node)) is yes/no, which equals only true(), false(), 1 or 0, never \(Self.describe(other))")
                return
            }
            switch otherType {
            case .text, .choice, .date:
                report(.expressionMismatchedComparison, other,
                       "\(Self.describe(node)) is yes/no and \(Self.describe(other)) is \(otherType): compare yes/no with true() or false()")
            default:
                return
            }
        case .date:
            if case .string(let text) = other.kind {
                if CalendarDate(iso: text) == nil {
                    report(.expressionInvalidDate, other, "'\(text)' is not a date: write dates as 'YYYY-MM-DD', e.g. '2025-03-31'")
                }
                return
            }
            switch otherType {
            case .integer, .decimal, .choice:
                report(.expressionMismatchedComparison, other,
                       "\(Self.describe(node)) is a date and \(Self.unquotedDate(other) ?? Self.describe(other)) is \(otherType): \(Self.dateAdvice(node, other))")
            default:
                return
            }
        default:
            return
        }
    }

    /// What to write instead of comparing the date `date` with the number `number`.
    private static func dateAdvice(_ date: SyntaxNode, _ number: SyntaxNode) -> String {
        if let text = unquotedDate(number) {
            return "a date written without quotes is a subtraction (\(text.replacingOccurrences(of: "-", with: " - "))); write it in quotes, '\(text)'"
        }
        return "compare dates with dates ('YYYY-MM-DD'), or use year(\(describe(date)))"
    }

    /// The date `2025-01-31` when `node` is one written without quotes, which parses as `2025 - 01 - 31`.
    static func unquotedDate(_ node: SyntaxNode) -> String? {
        guard case .binary(.minus, let rest, let day) = node.kind, case .binary(.minus, let year, let month) = rest.kind,
              case .number(_, let y) = year.kind, case .number(_, let m) = month.kind, case .number(_, let d) = day.kind
        else { return nil }
        let text = "\(y)-\(m)-\(d)"
        return CalendarDate(iso: text) == nil ? nil : text
    }

    /// What an operand of `<`, `<=`, `>`, `>=` is.
    private enum OrderKind { case number, date, unknown, invalid }

    private mutating func checkOrdering(_ left: SyntaxNode, _ l: ExpressionType, _ right: SyntaxNode, _ r: ExpressionType, _ op: BinaryOperator) {
        let otherIsDate = [l, r].contains(.date)
        let a = orderKind(left, l, op, otherIsDate: otherIsDate)
        let b = orderKind(right, r, op, otherIsDate: otherIsDate)
        // One error per comparison: the first operand that cannot be ordered.
        if let problem = a.problem ?? b.problem {
            errors.append(problem)
            return
        }
        if (a.kind == .date && b.kind == .number) || (a.kind == .number && b.kind == .date) {
            let (dateNode, numberNode) = a.kind == .date ? (left, right) : (right, left)
            report(.expressionMismatchedComparison, numberNode,
                   "\(Self.describe(dateNode)) is a date and \(Self.unquotedDate(numberNode) ?? Self.describe(numberNode)) is a number: \(Self.dateAdvice(dateNode, numberNode))")
        }
    }

    private func orderKind(_ node: SyntaxNode, _ type: ExpressionType, _ op: BinaryOperator, otherIsDate: Bool) -> (kind: OrderKind, problem: ExpressionError?) {
        let subject = Self.describe(node)
        func problem(_ code: DiagnosticCode, _ message: String) -> (OrderKind, ExpressionError?) {
            (.invalid, ExpressionError(code, column: node.startColumn, message))
        }
        if case .string(let text) = node.kind {
            if CalendarDate(iso: text) != nil { return (.date, nil) }
            if !otherIsDate, NumberText.parse(text) != nil { return (.number, nil) }
            if otherIsDate {
                return problem(.expressionInvalidDate, "'\(text)' is not a date: write dates as 'YYYY-MM-DD', e.g. '2025-03-31'")
            }
            return problem(.expressionOrderingType, "'\(op.rawValue)' orders numbers and dates, but '\(text)' is text: compare text with = or !=")
        }
        switch type {
        case .date: return (.date, nil)
        case .unknown: return (.unknown, nil)
        case .choices:
            return problem(.expressionMultipleCompared,
                "\(subject) is a select_multiple answer, which '\(op.rawValue)' cannot compare: count its choices with count-selected(\(subject)), or test one with selected(\(subject), 'code')")
        default:
            if numericKind(type, node) != nil { return (.number, nil) }
        }
        let hint: String
        switch type {
        case .choice(let list): hint = "the codes of list \(list ?? "?") are not all numbers, so they have no order: compare with = or !="
        case .boolean: hint = "compare yes/no with = true() or = false()"
        default: hint = "compare text with = or !=, or convert digits with number(\(subject))"
        }
        return problem(.expressionOrderingType, "'\(op.rawValue)' orders numbers and dates, but \(subject) is \(type): \(hint)")
    }

    // MARK: Functions

    private mutating func checkCall(_ function: ExpressionFunction, _ node: SyntaxNode, _ args: [SyntaxNode], _ types: [ExpressionType]) -> ExpressionType {
        switch function {
        case .not:
            requireCondition(args[0], types[0], "not() turns a condition around, but \(Self.describe(args[0])) gives")
            return .boolean
        case .true, .false, .contains, .startsWith, .endsWith:
            if [.contains, .startsWith, .endsWith].contains(function), case .choices = types[0] {
                report(.expressionArgumentType, args[0],
                       "\(function.name)() on a select_multiple answer matches parts of codes ('1' is in '10'): test a choice with selected(\(Self.describe(args[0])), 'code')")
            }
            return .boolean
        case .selected:
            switch types[0] {
            case .choices, .choice, .unknown:
                break
            default:
                report(.expressionNotMultiple, args[0],
                       "selected() tests the answer to a select_one or select_multiple question, but \(Self.describe(args[0])) is \(types[0]): compare it with = instead")
            }
            switch types[1] {
            case .choices, .boolean, .date:
                report(.expressionArgumentType, args[1], "the second argument of selected() is one code, such as '2', not \(types[1])")
            default:
                // selected() matches the code as written: 3.0 is not the code 3.
                if let list = types[0].choiceList, let literal = args[1].literalText, let codes = scope.choiceCodes(ofList: list) {
                    checkCode(literal, isNumber: false, at: args[1], list: list, codes: codes)
                }
            }
            return .boolean
        case .countSelected:
            switch types[0] {
            case .choices, .unknown:
                break
            case .choice:
                report(.expressionNotMultiple, args[0],
                       "count-selected() counts the choices of a select_multiple answer, but \(Self.describe(args[0])) is a select_one: test whether it is answered with \(Self.describe(args[0])) != ''")
            default:
                report(.expressionNotMultiple, args[0],
                       "count-selected() counts the choices of a select_multiple answer, but \(Self.describe(args[0])) is \(types[0])")
            }
            return .integer
        case .if:
            requireCondition(args[0], types[0], "the first argument of if() is a condition, but \(Self.describe(args[0])) gives")
            return unify(args[1], types[1], args[2], types[2])
        case .coalesce:
            return unify(args[0], types[0], args[1], types[1])
        case .stringLength:
            return .integer
        case .regex:
            checkPattern(args[1], types[1])
            return .boolean
        case .concat, .string:
            return .text
        case .int, .round:
            requireNumber(function, args[0], types[0], what: "a number")
            if args.count == 2 {
                requireNumber(function, args[1], types[1], what: "a whole number of digits")
                if let digits = Self.literalNumber(args[1]), digits.rounded() != digits {
                    report(.expressionArgumentType, args[1],
                           "round() needs a whole number of digits, but \(Self.describe(args[1])) has a fraction; write e.g. round(…, \(Int(digits.rounded(.towardZero))))")
                }
                return .decimal
            }
            return .integer
        case .today:
            return .date
        case .year:
            switch types[0] {
            case .date, .unknown:
                break
            default:
                if isDateLiteral(args[0]) || reportedInvalidDate(args[0]) { break }
                report(.expressionArgumentType, args[0],
                       "year() needs a date (a date question, today() or 'YYYY-MM-DD'), but \(Self.describe(args[0])) is \(types[0])")
            }
            return .integer
        case .number:
            return .decimal
        }
    }

    /// The value of a number literal, negated or not (`1.5`, `-2`).
    private static func literalNumber(_ node: SyntaxNode) -> Double? {
        switch node.kind {
        case .number(let value, _): value
        case .negate(let operand): literalNumber(operand).map { -$0 }
        default: nil
        }
    }

    private mutating func requireNumber(_ function: ExpressionFunction, _ node: SyntaxNode, _ type: ExpressionType, what: String) {
        guard numericKind(type, node) == nil else { return }
        let hint = type == .text && node.literalText == nil ? ": convert digits with number(\(Self.describe(node)))" : ""
        report(.expressionArgumentType, node, "\(function.name)() needs \(what), but \(Self.describe(node)) is \(type)\(hint)")
    }

    private mutating func checkPattern(_ node: SyntaxNode, _ type: ExpressionType) {
        if case .string(let pattern) = node.kind {
            do {
                _ = try NSRegularExpression(pattern: pattern)
            } catch {
                report(.expressionInvalidPattern, node, "'\(pattern)' is not a valid regular expression: check its brackets, parentheses and backslashes")
            }
            return
        }
        switch type {
        case .text, .unknown: return
        default: report(.expressionArgumentType, node, "the pattern of regex() is text, such as '^[0-9]{6}$', not \(type)")
        }
    }

    /// The type of a value that is either `a` or `b` (`if`, `coalesce`); `''` takes the other's type,
    /// a `'YYYY-MM-DD'` literal is a date beside a date (E227 when it is no real date), and a code
    /// of a list of numbers is a number beside a number (`coalesce(${rating}, 0)`).
    private mutating func unify(_ a: SyntaxNode, _ l: ExpressionType, _ b: SyntaxNode, _ r: ExpressionType) -> ExpressionType {
        if a.isEmptyString { return r }
        if b.isEmptyString { return l }
        if (l == .date && isDateLiteral(b)) || (r == .date && isDateLiteral(a)) { return .date }
        if (l == .date && reportedInvalidDate(b)) || (r == .date && reportedInvalidDate(a)) { return .date }
        if l == r { return l }
        if l == .unknown || r == .unknown { return .unknown }
        if l.isNumber && r.isNumber { return .decimal }
        if let number = numberBesideCode(a, l, r) ?? numberBesideCode(b, r, l) { return number }
        switch (l, r) {
        case (.choice, .choice): return .choice(list: nil)
        case (.choices, .choices): return .choices(list: nil)
        default: return .text
        }
    }

    /// The type of `code`, a code of a list whose codes are all numbers, beside a number of type `n`;
    /// nil for any other pair.
    private func numberBesideCode(_ code: SyntaxNode, _ c: ExpressionType, _ n: ExpressionType) -> ExpressionType? {
        guard case .choice = c, n.isNumber, let kind = numericKind(c, code) else { return nil }
        switch kind {
        case .integer: return n
        case .decimal: return .decimal
        default: return .unknown
        }
    }
}

extension SyntaxNode.Kind {
    var isNumberLiteral: Bool {
        if case .number = self { return true }
        return false
    }
}
