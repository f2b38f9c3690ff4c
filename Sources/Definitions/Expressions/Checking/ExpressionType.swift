/// The static type of a value in an expression.
public enum ExpressionType: Hashable, Sendable, CustomStringConvertible {
    case text
    case integer
    case decimal
    case boolean
    case date
    /// A `select_one` code (or a matrix row), with its choice list's name when known.
    case choice(list: String?)
    /// A `select_multiple` answer, with its choice list's name when known.
    case choices(list: String?)
    /// Anything: a value whose type cannot be known here; every check lets it through.
    case unknown

    public var isNumber: Bool { self == .integer || self == .decimal }

    /// The choice list of a `choice` or `choices` type.
    public var choiceList: String? {
        switch self {
        case .choice(let list), .choices(let list): list
        default: nil
        }
    }

    /// How messages name the type: "a number", "text", "a select_multiple answer".
    public var description: String {
        switch self {
        case .text: "text"
        case .integer: "a whole number"
        case .decimal: "a number"
        case .boolean: "yes/no"
        case .date: "a date"
        case .choice(let list): list.map { "a code of list \($0)" } ?? "a choice code"
        case .choices(let list): list.map { "a select_multiple answer (list \($0))" } ?? "a select_multiple answer"
        case .unknown: "a value of unknown type"
        }
    }
}
