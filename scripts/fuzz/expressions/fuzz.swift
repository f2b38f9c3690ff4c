// Fuzz target: any text as an expression, checked in three places and, when valid, compiled and
// evaluated over four rows (values, empties, extremes, odd texts). A crash or a hang is a bug.
import Expressions

private let scope = VariableScope(
    variables: ["a": .integer, "b": .decimal, "t": .text, "d": .date, "c": .choice(list: "l"), "m": .choices(list: "l"), "f": .boolean],
    choiceLists: ["l": ["1", "2", "x"]], currentValueType: .text)
private let slots = ["a": 0, "b": 1, "t": 2, "d": 3, "c": 4, "m": 5, "f": 6]
private let rows: [[Value]] = [
    [.number(3), .number(2.5), .text("hej"), .date(CalendarDate(year: 2025, month: 2, day: 28)!), .text("x"), .text("1 2"), .boolean(true)],
    Array(repeating: .empty, count: 7),
    [.number(-9.2e18), .number(.nan), .text(""), .date(CalendarDate(year: 1, month: 1, day: 1)!), .text(""), .text(""), .boolean(false)],
    [.number(.greatestFiniteMagnitude), .number(-0.0), .text("ÅÄÖ😀\u{0}"), .date(CalendarDate(year: 9999, month: 12, day: 31)!),
     .text("2"), .text("x x"), .boolean(true)],
]
private let today = CalendarDate(year: 2026, month: 11, day: 29)!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for expected in [ExpectedResult.any, .condition, .number] {
        let checked = CheckedExpression(text, in: scope, expecting: expected)
        guard checked.isValid, let compiled = try? checked.compile(slots: { slots[$0] }) else { continue }
        for row in rows {
            _ = compiled.evaluate(EvaluationContext(slots: row, currentValue: .text("v"), today: today))
        }
    }
    return 0
}
