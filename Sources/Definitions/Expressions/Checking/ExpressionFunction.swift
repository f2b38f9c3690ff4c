/// The functions an expression may call.
public enum ExpressionFunction: String, CaseIterable, Hashable, Sendable {
    case not
    case selected
    case countSelected = "count-selected"
    case `if`
    case coalesce
    case stringLength = "string-length"
    case regex
    case concat
    case int
    case round
    case today
    case year
    case `true`
    case `false`
    case number
    case string
    case contains
    case startsWith = "starts-with"
    case endsWith = "ends-with"

    public var name: String { rawValue }

    /// How many arguments the function takes.
    public var arity: ClosedRange<Int> {
        switch self {
        case .today, .true, .false: 0...0
        case .not, .countSelected, .stringLength, .int, .year, .number, .string: 1...1
        case .selected, .coalesce, .regex, .contains, .startsWith, .endsWith: 2...2
        case .round: 1...2
        case .if: 3...3
        case .concat: 1...Int.max
        }
    }

    /// How the arity reads in a message: "no arguments", "1 argument", "1 or 2 arguments".
    var arityDescription: String {
        let range = arity
        if range.upperBound == Int.max { return "\(range.lowerBound) or more arguments" }
        if range.lowerBound == range.upperBound {
            switch range.lowerBound {
            case 0: return "no arguments"
            case 1: return "1 argument"
            default: return "\(range.lowerBound) arguments"
            }
        }
        return "\(range.lowerBound) or \(range.upperBound) arguments"
    }

    /// What to write instead of XLSForm functions that Samla does not have, by name.
    static let insteadOfXLSForm: [String: String] = [
        "now": "for today's date, write today()",
        "date": "write a date as a text, e.g. '2025-01-31'",
        "format-date": "compare dates as they are ('YYYY-MM-DD'), or take year(date)",
        "max": "write if(a > b, a, b)",
        "min": "write if(a < b, a, b)",
    ]

    /// A call as written in the reference, e.g. `selected(${multi}, 'code')`.
    public var signature: String {
        switch self {
        case .not: "not(condition)"
        case .selected: "selected(${multi}, 'code')"
        case .countSelected: "count-selected(${multi})"
        case .if: "if(condition, then, else)"
        case .coalesce: "coalesce(a, b)"
        case .stringLength: "string-length(text)"
        case .regex: "regex(text, 'pattern')"
        case .concat: "concat(a, b, …)"
        case .int: "int(number)"
        case .round: "round(number) or round(number, digits)"
        case .today: "today()"
        case .year: "year(date)"
        case .true: "true()"
        case .false: "false()"
        case .number: "number(value)"
        case .string: "string(value)"
        case .contains: "contains(text, part)"
        case .startsWith: "starts-with(text, start)"
        case .endsWith: "ends-with(text, end)"
        }
    }
}
