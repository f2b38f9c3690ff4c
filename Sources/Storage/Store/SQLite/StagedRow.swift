import Expressions
import GRDBSQLite
import SurveyDefinition

/// One row of values staged for a raw statement: numbers are bound at once; texts (text, codes,
/// dates) are gathered in one reusable byte buffer and bound without a copy just before the
/// statement runs, which saves SQLite an allocation and a copy per text value.
final class StagedRow {
    private var bytes: [UInt8] = []
    private var texts: [(statement: RawStatement, parameter: Int32, offset: Int, count: Int)] = []

    init() {
        bytes.reserveCapacity(4096)
    }

    /// Binds or stages `value` for parameter `index` of `statement`, or throws if it is not of
    /// `type` (a whole number is accepted for a decimal).
    func stage(_ value: AnswerValue?, as type: VariableType, variable: String, for statement: RawStatement, at index: Int32) throws {
        guard let value else { return statement.bindNull(index) }
        let start = bytes.count
        switch (type, value) {
        case (.integer, .integer(let n)): return statement.bindInteger(n, at: index)
        case (.boolean, .boolean(let b)): return statement.bindInteger(b ? 1 : 0, at: index)
        case (.decimal, .decimal(let d)): return statement.bindDouble(d, at: index)
        case (.decimal, .integer(let n)): return statement.bindDouble(Double(n), at: index)
        case (.text, .text(let s)), (.choice, .choice(let s)): bytes.append(contentsOf: s.utf8)
        case (.date, .date(let d)): appendDate(d)
        case (.choices, .choices(let codes)):
            for (i, code) in codes.enumerated() {
                if i > 0 { bytes.append(32) }
                bytes.append(contentsOf: code.utf8)
            }
        default: throw StoreError.answerTypeMismatch(variable: variable, expected: type, value: value)
        }
        texts.append((statement, index, start, bytes.count - start))
    }

    /// Forgets what was staged.
    func reset() {
        bytes.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
    }

    /// Binds the staged texts and runs `statements` in order, then empties the stage. The bound
    /// texts point into the stage, so every text parameter must be staged again before a
    /// statement runs next (each row stages all its parameters).
    func execute(_ statements: [RawStatement]) throws {
        defer { reset() }
        try bytes.withUnsafeBufferPointer { buffer in
            for text in texts {
                if text.count == 0 {
                    text.statement.bindText("", at: text.parameter)
                } else {
                    text.statement.bindUnowned(UnsafeRawPointer(buffer.baseAddress! + text.offset), count: text.count, at: text.parameter)
                }
            }
            for statement in statements { try statement.execute() }
        }
    }

    private func appendDate(_ date: CalendarDate) {
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(48 + value / divisor % 10))
                divisor /= 10
            }
        }
        digits(date.year, 4)
        bytes.append(45)
        digits(date.month, 2)
        bytes.append(45)
        digits(date.day, 2)
    }
}
