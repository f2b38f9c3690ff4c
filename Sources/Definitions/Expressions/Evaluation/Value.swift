/// A value during evaluation, with XPath 1.0 conversions (``number``, ``string``, ``isTrue``).
///
/// An unanswered variable is ``empty``, which behaves as the empty string: it equals `''`,
/// it is false as a condition, and arithmetic with it is empty.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case empty
    case number(Double)
    case text(String)
    case boolean(Bool)
    case date(CalendarDate)
    /// A `select_multiple` answer: its codes. As text it is the codes joined by single spaces.
    case choices([String])

    /// A `select_one` answer: its code, as text (numeric-looking codes compare as numbers with numbers).
    public static func choice(_ code: String) -> Value { .text(code) }

    /// Whether the value is empty: unanswered, `''`, or no choices.
    public var isEmpty: Bool {
        switch self {
        case .empty: true
        case .text(let text): text.isEmpty
        case .choices(let codes): codes.isEmpty
        case .number, .boolean, .date: false
        }
    }

    /// The value as a number, or nil when it is empty or not a number (XPath would say NaN).
    /// Text converts when it spells a number (`' 2.5'`), yes/no is 1 or 0, a date its days since 1970-01-01.
    public var number: Double? {
        switch self {
        case .empty: nil
        case .number(let value): value.isNaN ? nil : value
        case .text(let text): NumberText.parse(text)
        case .boolean(let value): value ? 1 : 0
        case .date(let date): Double(date.daysSinceEpoch)
        case .choices(let codes): codes.count == 1 ? NumberText.parse(codes[0]) : nil
        }
    }

    /// The value as text: numbers without a trailing `.0`, yes/no as `true`/`false`, dates as
    /// `YYYY-MM-DD`, choices as codes joined by spaces, empty as `''`.
    public var string: String {
        switch self {
        case .empty: ""
        case .number(let value): NumberText.format(value)
        case .text(let text): text
        case .boolean(let value): value ? "true" : "false"
        case .date(let date): date.description
        case .choices(let codes): codes.joined(separator: " ")
        }
    }

    /// The value as a condition: empty is false, a number is true unless 0, text and choices
    /// are true unless empty, a date is true.
    public var isTrue: Bool {
        switch self {
        case .empty: false
        case .number(let value): value != 0 && !value.isNaN
        case .text(let text): !text.isEmpty
        case .boolean(let value): value
        case .date: true
        case .choices(let codes): !codes.isEmpty
        }
    }

    /// The value as a date: a date, a `YYYY-MM-DD` text, or a number of days since 1970-01-01.
    public var date: CalendarDate? {
        switch self {
        case .date(let date): date
        case .text(let text): CalendarDate(iso: text)
        case .number(let value): CalendarDate(validDaysSinceEpoch: value)
        case .empty, .boolean, .choices: nil
        }
    }

    public var description: String {
        switch self {
        case .empty: "empty"
        case .text(let text): "'\(text)'"
        default: string
        }
    }

    /// Whether the value is a select_multiple answer holding `code` (text holds codes separated by spaces).
    func holds(code: String) -> Bool {
        switch self {
        case .empty: return false
        case .choices(let codes): return codes.contains(code)
        default:
            var found = false
            Self.forEachCode(in: string) { if $0.elementsEqual(code.utf8) { found = true } }
            return found
        }
    }

    /// How many codes a select_multiple answer holds.
    var codeCount: Int {
        switch self {
        case .empty: return 0
        case .choices(let codes): return codes.count
        default:
            var count = 0
            Self.forEachCode(in: string) { _ in count += 1 }
            return count
        }
    }

    /// Calls `body` with each space-separated code of `text`, without allocating.
    private static func forEachCode(in text: String, _ body: (Substring.UTF8View) -> Void) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            if utf8[i] == UInt8(ascii: " ") {
                if start != i { body(Substring(text)[start..<i].utf8) }
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if start != i { body(Substring(text)[start..<i].utf8) }
    }
}
