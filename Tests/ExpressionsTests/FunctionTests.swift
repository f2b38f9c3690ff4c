import Testing
@testable import Expressions

@Suite struct FunctionTests {
    @Test(arguments: [
        ("not(1 = 1)", Value.boolean(false)), ("not(1 = 2)", .boolean(true)), ("not(${n})", .boolean(false)),
        ("if(${n} > 2, 'big', 'small')", .text("big")), ("if(${n} > 5, 'big', 'small')", .text("small")),
        ("if(${n} > 5, 1, '')", .empty),
        ("coalesce(${e}, ${n})", .number(3)), ("coalesce(${n}, 7)", .number(3)), ("coalesce(${e}, ${e})", .empty),
        ("string-length('Malmö')", .number(5)), ("string-length('')", .number(0)), ("string-length(${n} * 10)", .number(2)),
        ("concat('a')", .text("a")), ("concat('a', 1, ' ', 2.5, ${e})", .text("a1 2.5")), ("concat(today())", .text("2025-06-15")),
        ("int(2.9)", .number(2)), ("int(-2.9)", .number(-2)), ("int('7.5')", .number(7)), ("int(${n} div 2)", .number(1)),
        ("round(2.5)", .number(3)), ("round(-2.5)", .number(-3)), ("round(2.4)", .number(2)), ("round(-2.6)", .number(-3)),
        ("round(2.675, 2)", .number(2.68)), ("round(1.005, 2)", .number(1.01)), ("round(-1.005, 2)", .number(-1.01)),
        ("round(3.14159, 3)", .number(3.142)), ("round(1234.5, -2)", .number(1200)), ("round(1250, -2)", .number(1300)),
        ("round(2.5, 0)", .number(3)), ("round(0.125, 2)", .number(0.13)), ("round(${n} div 7, 4)", .number(0.4286)),
        ("today()", .date(CalendarDate(year: 2025, month: 6, day: 15)!)), ("year('2020-02-29')", .number(2020)),
        ("true()", .boolean(true)), ("false()", .boolean(false)), ("true() and false()", .boolean(false)),
        ("number('2.5')", .number(2.5)), ("number('abc')", .empty), ("number(${n})", .number(3)),
        ("string(2.50)", .text("2.5")), ("string(1 = 1)", .text("true")),
        ("contains('Malmö stad', 'ö s')", .boolean(true)), ("contains('abc', 'd')", .boolean(false)), ("contains('abc', '')", .boolean(true)),
        ("starts-with('Umeå', 'Um')", .boolean(true)), ("starts-with('Umeå', 'me')", .boolean(false)),
        ("ends-with('Umeå', 'eå')", .boolean(true)), ("ends-with('Umeå', 'Um')", .boolean(false)),
    ])
    func values(text: String, expected: Value) throws {
        #expect(try evaluate(text, ["n": .number(3), "e": .empty]) == expected, "\(text)")
    }

    /// A number too large to scale has no decimals to round; it gave infinity, written "inf".
    @Test func roundingAHugeNumberKeepsIt() throws {
        #expect(try evaluate("round(${x}, 2)", ["x": .number(1.7e308)]) == .number(1.7e308))
        #expect(try evaluate("round(${x}, 22)", ["x": .number(-1e300)]) == .number(-1e300))
    }

    @Test(arguments: [
        ("regex('12345', '^[0-9]{5}$')", true), ("regex('1234', '^[0-9]{5}$')", false), ("regex('abc 123', '[0-9]+')", true),
        ("regex('', '^$')", true), ("regex('ÅSA', '^[A-ZÅÄÖ]+$')", true), ("regex('x@y.se', '^[^@ ]+@[^@ ]+\\.[a-z]+$')", true),
        ("regex('ab', 'AB')", false), ("regex(123, '^1')", true),
    ])
    func regex(text: String, expected: Bool) throws {
        #expect(try holds(text) == expected, "\(text)")
    }

    @Test func regexWithComputedPattern() throws {
        #expect(try holds("regex('abc', ${p})", ["p": .text("^a")]))
        #expect(try !holds("regex('abc', ${p})", ["p": .text("^b")]))
        #expect(try !holds("regex('abc', ${p})", ["p": .text("(")]))
    }

    @Test func ifEvaluatesOnlyTheChosenBranch() throws {
        // The other branch would be empty, not an error: both orders give the chosen value.
        #expect(try evaluate("if(${n} = 3, ${n} * 2, ${n} div 0)", ["n": .number(3)]) == .number(6))
        #expect(try evaluate("if(${n} != 3, ${n} * 2, ${n} div 0)", ["n": .number(3)]) == .empty)
    }

    @Test func everyFunctionIsDocumentedInTheCatalogue() {
        for function in ExpressionFunction.allCases {
            #expect(function.signature.hasPrefix(function.name + "("), "\(function)")
            #expect(!function.arityDescription.isEmpty)
        }
        #expect(ExpressionFunction.concat.arityDescription == "1 or more arguments")
        #expect(ExpressionFunction.round.arityDescription == "1 or 2 arguments")
        #expect(ExpressionFunction.today.arityDescription == "no arguments")
    }
}

@Suite struct CompilationTests {
    @Test func invalidExpressionsDoNotCompile() {
        let checked = CheckedExpression("${nope} + 1", in: surveyScope)
        #expect(throws: ExpressionError.self) { try checked.compile(slots: { _ in 0 }) }
        let syntax = CheckedExpression("(1", in: surveyScope)
        #expect(syntax.errors.map(\.code) == [.expressionUnclosedParenthesis])
        #expect(syntax.type == .unknown)
        #expect(syntax.references.isEmpty)
    }

    @Test func aNameWithoutASlotIsAnError() throws {
        let checked = CheckedExpression("${age} > ${share}", in: surveyScope)
        do {
            _ = try checked.compile(slots: { $0 == "age" ? 0 : nil })
            Issue.record("compiled without a slot for share")
        } catch {
            #expect(error.code == .expressionUnknownVariable)
            #expect(error.column == 10)
            #expect(error.unknownName == "share")
        }
    }

    @Test func slotsAreBoundOnce() throws {
        let checked = CheckedExpression("${a} > 3 and selected(${b}, '2')", in: VariableScope(variables: ["a": .integer, "b": .choices(list: nil)]))
        var asked: [String] = []
        let compiled = try checked.compile(slots: { name in asked.append(name); return name == "a" ? 1 : 0 })
        #expect(asked.sorted() == ["a", "b"])
        #expect(compiled.type == .boolean)
        var context = EvaluationContext(slots: [.choices(["1", "2"]), .number(5)], today: pinnedToday)
        #expect(compiled.isTrue(context))
        context.slots[1] = .number(2)
        #expect(!compiled.isTrue(context))
        context.slots[1] = .number(4)
        context.slots[0] = .text("1 3")
        #expect(!compiled.isTrue(context))
    }

    @Test func currentValue() throws {
        #expect(try holds(". >= 1850 and . <= 2025", current: .number(1990)))
        #expect(try !holds(". >= 1850 and . <= 2025", current: .number(1700)))
        #expect(try holds("regex(., '^[0-9]{3} ?[0-9]{2}$')", current: .text("211 19")))
        #expect(try !holds(". > 3", current: .empty))
    }

    @Test func choiceFilters() throws {
        let skane: [String: Value] = ["value": .text("malmo"), "county": .text("skane")]
        #expect(try holds("county = ${region}", ["region": .choice("skane")], attributes: skane))
        #expect(try !holds("county = ${region}", ["region": .choice("norrbotten")], attributes: skane))
        #expect(try holds("value != 'lund'", attributes: skane))
        let checked = CheckedExpression("county = 'skane'", in: VariableScope(choiceAttributes: ["county": .text]))
        #expect(throws: ExpressionError.self) { try checked.compile(slots: { _ in nil }) }
    }

    @Test func compiledExpressionsAreSendable() async throws {
        let compiled = try CheckedExpression("${a} * 2", in: VariableScope(variables: ["a": .integer])).compile(slots: { _ in 0 })
        let results = await withTaskGroup(of: Value.self) { group in
            for i in 0..<4 {
                group.addTask { compiled.evaluate(EvaluationContext(slots: [.number(Double(i))], today: pinnedToday)) }
            }
            var all: [Value] = []
            for await value in group { all.append(value) }
            return all
        }
        #expect(Set(results.compactMap(\.number)) == [0, 2, 4, 6])
    }
}
