// Evaluation speed of compiled expressions with slot binding. Run through scripts/bench/expressions.sh.
import Expressions
import Foundation

let rows = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1_000_000
let scope = VariableScope(
    variables: ["a": .integer, "b": .choices(list: "l"), "c": .choice(list: "f"), "d": .date, "t": .text, "x": .decimal, "m": .choices(list: "l")],
    choiceLists: ["l": ["1", "2", "3", "8", "10"], "f": ["1", "2", "3"]]
)
let names = ["a", "b", "c", "d", "t", "x", "m"]
let today = CalendarDate(year: 2025, month: 6, day: 15)!

// Rows as an import would hold them: numbers as numbers, codes as text, multi-selects as code lists
// (b) or as the XLSForm text of codes separated by spaces (m).
var table: [[Value]] = []
table.reserveCapacity(1000)
for i in 0..<1000 {
    table.append([
        i % 17 == 0 ? .empty : .number(Double(i % 7)),
        .choices(i % 3 == 0 ? ["1", "2"] : ["3", "10"]),
        .text(String(i % 3 + 1)),
        .date(CalendarDate(daysSinceEpoch: 18_000 + i)),
        .text(i % 2 == 0 ? "12345" : "abc"),
        .number(Double(i) / 7),
        .text(i % 3 == 0 ? "1 2" : "3 10"),
    ])
}

func measure(_ text: String) {
    let compiled: CompiledExpression
    do {
        compiled = try CheckedExpression(text, in: scope).compile(slots: { names.firstIndex(of: $0) })
    } catch {
        print("\(text): \(error)")
        return
    }
    var context = EvaluationContext(slotCount: names.count, today: today)
    var trueCount = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for i in 0..<rows {
        context.slots = table[i % 1000]
        if compiled.isTrue(context) { trueCount += 1 }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let perSecond = Double(rows) / seconds
    let padded = text.padding(toLength: 52, withPad: " ", startingAt: 0)
    print(padded + String(format: "%6.0f ns/eval %6.1f M evals/s  (%d true)", seconds / Double(rows) * 1e9, perSecond / 1e6, trueCount))
}

let chosen = Array(CommandLine.arguments.dropFirst(2))
print("\(rows) evaluations each (the row's slots are assigned before every evaluation)")
for text in chosen.isEmpty ? [
    "${a} > 3 and selected(${b}, '2')",
    "${a} > 3 and selected(${m}, '2')",
    "${c} = 2",
    "${a} != '' and ${a} * 2 + 1 >= ${x}",
    "${d} >= '2020-01-01' and year(${d}) < 2030",
    "coalesce(${a}, 0) + count-selected(${b}) > 2",
    "if(${c} = 1, 'one', concat('code ', ${c})) != ''",
    "regex(${t}, '^[0-9]{5}$')",
] : chosen {
    measure(text)
}
