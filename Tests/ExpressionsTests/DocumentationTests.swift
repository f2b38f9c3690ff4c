import Diagnostics
import Foundation
import Testing
@testable import Expressions

/// docs/expressions.md is checked: every example gives the result it shows, every mistake the
/// error it names, and every function and code is described.
@Suite struct DocumentationTests {
    static let text: String = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/expressions.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The answers the examples assume, as the page lists them.
    static let answers: [(name: String, type: ExpressionType, value: Value)] = [
        ("age", .integer, .number(34)), ("share", .decimal, .number(0.25)), ("name", .text, .text("Anna Berg")),
        ("phone", .text, .empty), ("employees", .integer, .empty), ("consent", .boolean, .boolean(true)),
        ("legal_form", .choice(list: "legal_forms"), .choice("3")),
        ("barriers", .choices(list: "barriers"), .choices(["3", "8", "10"])),
        ("start", .date, .date(CalendarDate(year: 2024, month: 2, day: 28)!)),
    ]

    static func scope(withCurrentValue: Bool) -> VariableScope {
        VariableScope(
            variables: Dictionary(uniqueKeysWithValues: answers.map { ($0.name, $0.type) }),
            choiceLists: ["legal_forms": ["1", "2", "3", "10"], "barriers": ["2", "3", "8", "10", "finance"]],
            currentValueType: withCurrentValue ? .integer : nil
        )
    }

    /// The rows of every table whose header starts with `header`: the first backticked span of each cell.
    static func rows(under header: String) -> [[String]] {
        var rows: [[String]] = []
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("|") else { inTable = false; continue }
            if trimmed.hasPrefix(header) { inTable = true; continue }
            guard inTable, !trimmed.hasPrefix("| ---") else { continue }
            let cells = trimmed.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
            rows.append(cells.map { cell in
                let parts = cell.split(separator: "`", omittingEmptySubsequences: false)
                return parts.count >= 3 ? String(parts[1]) : cell.trimmingCharacters(in: .whitespaces)
            })
        }
        return rows
    }

    static func shown(_ value: Value) -> String {
        switch value {
        case _ where value.isEmpty: "empty"
        case .text(let text): "'\(text)'"
        default: value.string
        }
    }

    @Test func theExamplesGiveTheResultsShown() throws {
        let examples = Self.rows(under: "| Expression | Result")
        #expect(examples.count > 80)
        let names = Self.answers.map(\.name)
        var context = EvaluationContext(slots: Self.answers.map(\.value), today: CalendarDate(year: 2025, month: 6, day: 15)!)
        context.currentValue = .number(1990)
        for row in examples {
            let checked = CheckedExpression(row[0], in: Self.scope(withCurrentValue: true))
            let compiled = try checked.compile(slots: { names.firstIndex(of: $0) })
            #expect(Self.shown(compiled.evaluate(context)) == row[1], "\(row[0])")
        }
    }

    @Test func theMistakesGiveTheErrorsNamed() {
        let mistakes = Self.rows(under: "| Mistake | Error")
        #expect(mistakes.count > 25)
        for row in mistakes {
            let codes = CheckedExpression(row[0], in: Self.scope(withCurrentValue: false)).errors.map(\.code.id)
            #expect(codes == [row[1]], "\(row[0])")
        }
    }

    @Test func everyFunctionAndCodeIsDescribed() {
        for function in ExpressionFunction.allCases {
            #expect(Self.text.contains("`\(function.name)("), "\(function.name)() is not described")
        }
        let described = Self.rows(under: "| code | problem").map { $0[0] }
        #expect(described == DiagnosticCode.catalogue.map(\.id).filter { $0.hasPrefix("E2") })
    }
}
