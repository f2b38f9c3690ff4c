/// The bounds a question's constraint puts on every answer, read from its syntax tree: each
/// conjunct of a top-level `and` that compares `.` (or `string-length(.)`) with a number literal,
/// such as `. >= 0 and . <= 100`, or `.` with a date written as a text (`. >= '2026-01-01'`). Conjuncts that depend on other answers or on today (`. <= ${fte}`,
/// `. <= year(today())`) and anything under `or` or `not` say nothing for every row and are skipped;
/// a form shown on a given day reads a date's comparison with `today()` as that day.
public struct ConstraintBounds: Hashable, Sendable {
    public var minimum: Double?
    public var maximum: Double?
    /// Set when the bound itself is not allowed (`. > 0`).
    public var minimumIsExclusive = false
    public var maximumIsExclusive = false
    /// From `string-length(.) >= n`.
    public var minimumLength: Int?
    public var maximumLength: Int?
    /// The first and last day a date answer may be, from comparisons with a date (`. > '2026-01-01'`
    /// allows 2 January on).
    public var earliest: CalendarDate?
    public var latest: CalendarDate?

    public init() {}

    public var isEmpty: Bool { minimum == nil && maximum == nil && minimumLength == nil && maximumLength == nil && earliest == nil && latest == nil }

    /// Whether no number lies within the bounds (`. >= 10 and . <= 5`, `. > 3 and . < 3`); with
    /// `wholeNumbers`, whether no whole number does (`. > 5 and . < 6`).
    public func admitsNoNumber(wholeNumbers: Bool) -> Bool {
        guard var low = minimum, var high = maximum else { return false }
        if wholeNumbers {
            low = minimumIsExclusive ? (low + 1).rounded(.down) : low.rounded(.up)
            high = maximumIsExclusive ? (high - 1).rounded(.up) : high.rounded(.down)
            return low > high
        }
        return low > high || (low == high && (minimumIsExclusive || maximumIsExclusive))
    }

    /// Whether no day lies within the bounds (`. >= '2026-12-31' and . <= '2026-01-01'`).
    public var admitsNoDate: Bool {
        guard let earliest, let latest else { return false }
        return earliest > latest
    }

    /// Whether no text has a length within the bounds (`string-length(.) > 10 and string-length(.) < 5`);
    /// an empty answer is never checked, so a length of at most 0 admits none either.
    public var admitsNoLength: Bool {
        guard let high = maximumLength else { return false }
        return high < 1 || high < (minimumLength ?? 0)
    }

    /// The lower bound as an operator and a number, `>= 10`; nil without one.
    public var lowerBound: String? { minimum.map { "\(minimumIsExclusive ? ">" : ">=") \(Self.written($0))" } }
    /// The upper bound as an operator and a number, `<= 5`; nil without one.
    public var upperBound: String? { maximum.map { "\(maximumIsExclusive ? "<" : "<=") \(Self.written($0))" } }

    private static func written(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    /// The bounds of `constraint`; empty when it does not parse or gives none. With `today`, a
    /// comparison of a date with `today()`, or with `today()` plus or minus whole days, bounds it
    /// too (`. <= today()`: at the latest `today`), for a form shown that day; without, it is skipped,
    /// since it bounds no stored answer for good.
    public init(constraint: String, today: CalendarDate? = nil) {
        guard case .success(let parsed) = ParsedExpression.parse(constraint) else { return }
        add(parsed.root, today: today)
    }

    private mutating func add(_ node: SyntaxNode, today: CalendarDate?) {
        guard case .binary(let op, let left, let right) = node.kind else { return }
        if op == .and {
            add(left, today: today)
            add(right, today: today)
            return
        }
        guard op.isOrdering else { return }
        if let subject = Self.subject(left), let number = Self.literal(right) {
            apply(op, number, to: subject)
        } else if let subject = Self.subject(right), let number = Self.literal(left) {
            apply(Self.mirrored(op), number, to: subject)
        } else if Self.subject(left) == .value, let day = Self.dateLiteral(right, today: today) {
            apply(op, day)
        } else if Self.subject(right) == .value, let day = Self.dateLiteral(left, today: today) {
            apply(Self.mirrored(op), day)
        }
    }

    /// A date written as a text (`'2026-01-01'`), or, when reading with a day for `today()`,
    /// `today()` and `today()` plus or minus a whole number of days.
    private static func dateLiteral(_ node: SyntaxNode, today: CalendarDate?) -> CalendarDate? {
        switch node.kind {
        case .string(let text):
            return CalendarDate(iso: text)
        case .call("today", let arguments) where arguments.isEmpty:
            return today
        case .binary(let op, let left, let right) where op == .plus || op == .minus:
            guard case .call("today", let arguments) = left.kind, arguments.isEmpty, let today,
                  let days = literal(right), days.rounded() == days, abs(days) < 1e6 else { return nil }
            return CalendarDate(daysSinceEpoch: today.daysSinceEpoch + (op == .plus ? Int(days) : -Int(days)))
        default:
            return nil
        }
    }

    private mutating func apply(_ op: BinaryOperator, _ day: CalendarDate) {
        switch op {
        case .greater, .greaterOrEqual:
            let first = op == .greater ? CalendarDate(daysSinceEpoch: day.daysSinceEpoch + 1) : day
            earliest = max(earliest ?? first, first)
        case .less, .lessOrEqual:
            let last = op == .less ? CalendarDate(daysSinceEpoch: day.daysSinceEpoch - 1) : day
            latest = min(latest ?? last, last)
        default: break
        }
    }

    private enum Subject { case value, length }

    private static func subject(_ node: SyntaxNode) -> Subject? {
        switch node.kind {
        case .currentValue: .value
        case .call("string-length", let arguments) where arguments.count == 1 && arguments[0].kind == .currentValue: .length
        default: nil
        }
    }

    private static func literal(_ node: SyntaxNode) -> Double? {
        switch node.kind {
        case .number(let value, _): value
        case .negate(let operand): literal(operand).map { -$0 }
        default: nil
        }
    }

    /// `5 < .` is `. > 5`.
    private static func mirrored(_ op: BinaryOperator) -> BinaryOperator {
        switch op {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: op
        }
    }

    private mutating func apply(_ op: BinaryOperator, _ number: Double, to subject: Subject) {
        switch subject {
        case .value:
            switch op {
            case .greater, .greaterOrEqual:
                let exclusive = op == .greater
                if let current = minimum, current > number || (current == number && minimumIsExclusive) { return }
                minimum = number
                minimumIsExclusive = exclusive
            case .less, .lessOrEqual:
                let exclusive = op == .less
                if let current = maximum, current < number || (current == number && maximumIsExclusive) { return }
                maximum = number
                maximumIsExclusive = exclusive
            default: break
            }
        case .length:
            switch op {
            case .greater: minimumLength = max(minimumLength ?? 0, Int((number + 1).rounded(.down)))
            case .greaterOrEqual: minimumLength = max(minimumLength ?? 0, Int(number.rounded(.up)))
            case .less: maximumLength = min(maximumLength ?? .max, Int((number - 1).rounded(.up)))
            case .lessOrEqual: maximumLength = min(maximumLength ?? .max, Int(number.rounded(.down)))
            default: break
            }
        }
    }
}
