/// The operators of the language on values, as XPath 1.0 defines them, with XLSForm's
/// treatment of empty values: any comparison with an empty operand is false, except that
/// two empty values are equal; arithmetic with an empty operand is empty.
extension Value {
    /// `a = b`.
    public static func equal(_ a: Value, _ b: Value) -> Bool {
        if a.isEmpty || b.isEmpty { return a.isEmpty && b.isEmpty }
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y
        case (.text(let x), .text(let y)): return x == y
        case (.boolean, _), (_, .boolean): return a.isTrue == b.isTrue
        case (.date, _), (_, .date):
            guard let x = a.date, let y = b.date else { return false }
            return x == y
        case (.number, _), (_, .number):
            guard let x = a.number, let y = b.number else { return false }
            return x == y
        case (.choices(let x), .choices(let y)): return x == y
        default: return a.string == b.string
        }
    }

    /// `a != b`: false when either is empty (test for an answer with `!= ''`, which compiles to
    /// ``isEmpty``), otherwise `not(a = b)`.
    public static func notEqual(_ a: Value, _ b: Value) -> Bool {
        if a.isEmpty || b.isEmpty { return false }
        return !equal(a, b)
    }

    /// `a < b`, `a <= b`, `a > b`, `a >= b`: as dates when either is a date, else as numbers;
    /// false when either is empty or does not convert.
    public static func order(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Bool {
        if a.isEmpty || b.isEmpty { return false }
        let x: Double, y: Double
        switch (a, b) {
        case (.number(let p), .number(let q)):
            (x, y) = (p, q)
        case (.date, _), (_, .date):
            guard let p = a.date, let q = b.date else { return false }
            (x, y) = (Double(p.daysSinceEpoch), Double(q.daysSinceEpoch))
        default:
            if let p = a.number, let q = b.number {
                (x, y) = (p, q)
            } else if let p = a.date, let q = b.date {
                (x, y) = (Double(p.daysSinceEpoch), Double(q.daysSinceEpoch))
            } else {
                return false
            }
        }
        switch op {
        case .less: return x < y
        case .lessOrEqual: return x <= y
        case .greater: return x > y
        case .greaterOrEqual: return x >= y
        default: return false
        }
    }

    /// `a + b`, `a - b`, `a * b`, `a div b`, `a mod b`. Empty when either operand is empty or
    /// not a number, and when the result is not finite (division by zero). Date minus date is
    /// a number of days; a date plus or minus a number of days is a date, empty when it falls
    /// outside the years 1 to 9999.
    public static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
        if case .number(let x) = a, case .number(let y) = b { return number(op, x, y) }
        if a.isEmpty || b.isEmpty { return .empty }
        if case .date(let start) = a {
            if op == .minus, let end = b.dateOperand { return .number(Double(start.daysSinceEpoch - end.daysSinceEpoch)) }
            if op == .plus || op == .minus, let days = b.number {
                return shifted(start, by: op == .plus ? days : -days)
            }
        }
        if case .date(let start) = b, op == .plus, let days = a.number {
            return shifted(start, by: days)
        }
        if op == .minus, case .date(let end) = b, let start = a.dateOperand {
            return .number(Double(start.daysSinceEpoch - end.daysSinceEpoch))
        }
        guard let x = a.number, let y = b.number else { return .empty }
        return number(op, x, y)
    }

    /// `date + days`, whole days towards zero; empty outside the dates a survey can hold.
    private static func shifted(_ date: CalendarDate, by days: Double) -> Value {
        let result = Double(date.daysSinceEpoch) + days.rounded(.towardZero)
        return CalendarDate(validDaysSinceEpoch: result).map(Value.date) ?? .empty
    }

    /// A date, or a text that spells one: what may stand on the other side of `date - …`.
    private var dateOperand: CalendarDate? {
        switch self {
        case .date(let date): date
        case .text(let text): CalendarDate(iso: text)
        default: nil
        }
    }

    private static func number(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Value {
        let result: Double
        switch op {
        case .plus: result = x + y
        case .minus: result = x - y
        case .times: result = x * y
        case .divide: result = x / y
        case .modulo: result = x.truncatingRemainder(dividingBy: y)
        default: return .empty
        }
        return result.isFinite ? .number(result) : .empty
    }

    /// `-a`: empty when `a` is empty or not a number.
    public static func negate(_ a: Value) -> Value {
        guard let x = a.number else { return .empty }
        return .number(-x)
    }

    /// `round(a, digits)`, half away from zero; empty when `a` is empty or not a number.
    static func round(_ a: Value, digits: Int) -> Value {
        guard let x = a.number else { return .empty }
        return .number(Rounding.round(x, digits: digits))
    }
}
