import Expressions

/// One stored value of a variable. An unanswered variable has no value (`nil`), never an empty one.
public enum AnswerValue: Hashable, Sendable {
    case text(String)
    case integer(Int64)
    case decimal(Double)
    case boolean(Bool)
    case date(CalendarDate)
    /// A choice code.
    case choice(String)
    /// Choice codes, in the order of the choice list.
    case choices([String])
}

extension AnswerValue {
    /// The answer as the expression language sees it: whole numbers and decimals are numbers, a
    /// single choice is its code, a multiple choice its codes. (Unanswered, there is no value: empty.)
    @inlinable
    public var expressionValue: Value {
        switch self {
        case .text(let s): .text(s)
        case .integer(let i): .number(Double(i))
        case .decimal(let d): .number(d)
        case .boolean(let b): .boolean(b)
        case .date(let d): .date(d)
        case .choice(let code): .text(code)
        case .choices(let codes): .choices(codes)
        }
    }
}
