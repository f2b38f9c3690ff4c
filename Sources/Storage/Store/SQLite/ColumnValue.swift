import Expressions
import GRDB
import SurveyDefinition

/// How answers travel between `AnswerValue` and their column (the bulk path encodes them in
/// a `ResponseBatch` by the same rules), by the variable's stored type:
/// integer and boolean as INTEGER, decimal as REAL, date as `YYYY-MM-DD`,
/// choices as space-separated codes, text and choice as they are.
enum ColumnValue {
    /// The value as a GRDB argument, or throws if it is not of `type`.
    static func databaseValue(_ value: AnswerValue?, as type: VariableType, variable: String) throws -> DatabaseValue {
        guard let value else { return .null }
        switch (type, value) {
        case (.integer, .integer(let n)): return n.databaseValue
        case (.boolean, .boolean(let b)): return (b ? 1 : 0).databaseValue
        case (.decimal, .decimal(let d)): return d.databaseValue
        case (.decimal, .integer(let n)): return Double(n).databaseValue
        case (.text, .text(let s)), (.choice, .choice(let s)): return s.databaseValue
        case (.date, .date(let d)): return d.description.databaseValue
        case (.choices, .choices(let codes)): return codes.joined(separator: " ").databaseValue
        default: throw StoreError.answerTypeMismatch(variable: variable, expected: type, value: value)
        }
    }

    /// The typed value of a stored column.
    static func answer(_ stored: DatabaseValue, as type: VariableType) -> AnswerValue? {
        switch stored.storage {
        case .null: return nil
        case .int64(let n): return answer(integer: n, as: type)
        case .double(let d): return type == .decimal ? .decimal(d) : answer(integer: Int64(d), as: type)
        case .string(let s): return answer(text: s, as: type)
        case .blob: return nil
        }
    }

    static func answer(integer n: Int64, as type: VariableType) -> AnswerValue {
        switch type {
        case .boolean: .boolean(n != 0)
        case .decimal: .decimal(Double(n))
        case .integer: .integer(n)
        case .text: .text(String(n))
        case .choice: .choice(String(n))
        case .choices: .choices([String(n)])
        case .date: .text(String(n))
        }
    }

    static func answer(text s: String, as type: VariableType) -> AnswerValue {
        switch type {
        case .text: .text(s)
        case .choice: .choice(s)
        case .choices: .choices(s.split(separator: " ").map(String.init))
        case .date: CalendarDate(iso: s).map(AnswerValue.date) ?? .text(s)
        case .integer: Int64(s).map(AnswerValue.integer) ?? .text(s)
        case .decimal: Double(s).map(AnswerValue.decimal) ?? .text(s)
        case .boolean: .boolean(s != "0")
        }
    }
}

extension AnswerValue {
    /// The value as reading it back from its column gives it (an integer answer to a decimal
    /// variable comes back a decimal); nil for a value its column cannot hold. Lets a caller that
    /// keeps saved answers in memory hold what the store holds.
    public func stored(as type: VariableType) -> AnswerValue? {
        guard let column = try? ColumnValue.databaseValue(self, as: type, variable: "") else { return nil }
        return ColumnValue.answer(column, as: type)
    }
}
