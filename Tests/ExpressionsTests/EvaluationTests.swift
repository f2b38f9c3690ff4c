import Testing
@testable import Expressions

@Suite struct OperatorTests {
    @Test(arguments: [
        ("7 + 2", Value.number(9)), ("7 - 2", .number(5)), ("7 * 2", .number(14)), ("7 div 2", .number(3.5)),
        ("7 mod 2", .number(1)), ("-7 mod 2", .number(-1)), ("7 mod -2", .number(1)), ("7.5 mod 2", .number(1.5)),
        ("-3", .number(-3)), ("- -3", .number(3)), ("-(2 + 3)", .number(-5)), ("0.1 + 0.2 = 0.3", .boolean(false)),
        ("1 div 0", .empty), ("-1 div 0", .empty), ("0 div 0", .empty), ("5 mod 0", .empty),
        ("2 + 3 * 4", .number(14)), ("(2 + 3) * 4", .number(20)), ("10 - 4 - 3", .number(3)), ("16 div 4 div 2", .number(2)),
        ("'4' + 1", .number(5)), ("' 2.5 ' * 2", .number(5)),
    ])
    func arithmetic(text: String, expected: Value) throws {
        #expect(try evaluate(text) == expected, "\(text)")
    }

    @Test(arguments: [
        ("1 = 1", true), ("1 = 2", false), ("1 != 2", true), ("1 != 1", false),
        ("1 < 2", true), ("2 < 2", false), ("2 <= 2", true), ("3 <= 2", false),
        ("3 > 2", true), ("2 > 2", false), ("2 >= 2", true), ("1 >= 2", false),
        ("'a' = 'a'", true), ("'a' = 'A'", false), ("'a' != 'b'", true),
        ("1 < 2 and 2 < 3", true), ("1 < 2 and 3 < 2", false), ("2 < 1 and 2 < 3", false), ("2 < 1 and 3 < 2", false),
        ("1 < 2 or 3 < 2", true), ("2 < 1 or 2 < 3", true), ("1 < 2 or 2 < 3", true), ("2 < 1 or 3 < 2", false),
        ("1 = 1 or 1 = 2 and 1 = 3", true), ("(1 = 1 or 1 = 2) and 1 = 3", false),
        ("3 > 2 = true()", true), ("(1 < 2) = (3 < 4)", true), ("1 = 1 = (2 = 2)", true),
    ])
    func comparisonsAndLogic(text: String, expected: Bool) throws {
        #expect(try holds(text) == expected, "\(text)")
    }

    @Test func numberLiteralOnEitherSide() throws {
        let cases: [(Value, [Bool])] = [
            (.number(1), [true, true, false, false, false, true, false]),
            (.text("5"), [false, false, true, true, false, true, true]),
            (.number(3), [false, true, false, true, true, false, false]),
        ]
        for (value, expected) in cases {
            let v = ["n": value]
            let results = try ["3 > ${n}", "3 >= ${n}", "3 < ${n}", "3 <= ${n}", "3 = ${n}", "3 != ${n}", "${n} > 3"].map { try holds($0, v) }
            #expect(results == expected, "\(value)")
        }
    }
}

@Suite struct EmptyValueTests {
    let empty: [String: Value] = ["x": .empty, "y": .number(5), "t": .text(""), "a": .text("a"), "s": .text("abc")]

    @Test(arguments: ["=", "!=", "<", "<=", ">", ">="])
    func comparisonWithEmptyIsFalse(op: String) throws {
        #expect(try !holds("${x} \(op) 5", empty), "${x} \(op) 5")
        #expect(try !holds("5 \(op) ${x}", empty), "5 \(op) ${x}")
        #expect(try !holds("${x} \(op) ${y}", empty), "${x} \(op) ${y}")
        #expect(try !holds("${y} \(op) ${x}", empty), "${y} \(op) ${x}")
        #expect(try !holds("${x} \(op) ${a}", empty), "${x} \(op) ${a}")
        #expect(try !holds("${t} \(op) 5", empty), "${t} \(op) 5")
    }

    @Test func emptyStringTests() throws {
        #expect(try holds("${x} = ''", empty))
        #expect(try holds("'' = ${x}", empty))
        #expect(try !holds("${x} != ''", empty))
        #expect(try !holds("'' != ${x}", empty))
        #expect(try holds("${t} = ''", empty))
        #expect(try !holds("${y} = ''", empty))
        #expect(try holds("${y} != ''", empty))
        #expect(try holds("'' != ${y}", empty))
        #expect(try holds("${x} = ${t}", empty))
        #expect(try !holds("${x} != ${t}", empty))
        #expect(try holds("${z} != ''", ["z": .number(0)]))
        #expect(try holds("${z} != ''", ["z": .boolean(false)]))
        #expect(try !holds("${z} != ''", ["z": .choices([])]))
        #expect(try holds("${z} = ''", ["z": .choices([])]))
    }

    @Test(arguments: ["+", "-", "*", "div", "mod"])
    func arithmeticWithEmptyIsEmpty(op: String) throws {
        #expect(try evaluate("${x} \(op) 2", empty) == .empty)
        #expect(try evaluate("2 \(op) ${x}", empty) == .empty)
        #expect(try evaluate("${x} \(op) ${y}", empty) == .empty)
        #expect(try evaluate("${y} \(op) ${x}", empty) == .empty)
        #expect(try evaluate("${t} \(op) ${y}", empty) == .empty)
        #expect(try evaluate("${s} \(op) ${y}", empty) == .empty)
    }

    @Test func emptyInOtherPlaces() throws {
        #expect(try evaluate("-${x}", empty) == .empty)
        #expect(try !holds("${x}", empty))
        #expect(try holds("not(${x})", empty))
        #expect(try !holds("${x} and 1 = 1", empty))
        #expect(try holds("${x} or 1 = 1", empty))
        #expect(try evaluate("coalesce(${x}, 0)", empty) == .number(0))
        #expect(try evaluate("coalesce(${x}, 0) + 1", empty) == .number(1))
        #expect(try evaluate("coalesce(${y}, 0)", empty) == .number(5))
        #expect(try evaluate("concat('a', ${x}, 'b')", empty) == .text("ab"))
        #expect(try evaluate("string-length(${x})", empty) == .number(0))
        #expect(try evaluate("int(${x})", empty) == .empty)
        #expect(try evaluate("round(${x})", empty) == .empty)
        #expect(try evaluate("round(${x}, 1)", empty) == .empty)
        #expect(try evaluate("year(${x})", empty) == .empty)
        #expect(try evaluate("number(${x})", empty) == .empty)
        #expect(try evaluate("string(${x})", empty) == .text(""))
        #expect(try evaluate("count-selected(${x})", empty) == .number(0))
        #expect(try !holds("selected(${x}, '1')", empty))
        #expect(try evaluate("if(${x}, 'yes', 'no')", empty) == .text("no"))
    }

    @Test func notEqualOnAnsweredValues() throws {
        #expect(try !holds("${legal_form} != 2", ["legal_form": .empty]))
        #expect(try holds("${legal_form} != 2", ["legal_form": .choice("3")]))
        #expect(try !holds("${legal_form} != 3", ["legal_form": .choice("3")]))
    }
}

@Suite struct ConversionTests {
    @Test(arguments: [
        ("${legal_form} = 3", true), ("${legal_form} = 3.0", true), ("${legal_form} = '3'", true), ("${legal_form} = 10", false),
        ("${legal_form} != 3", false), ("${legal_form} > 2", true), ("${legal_form} < 2.5", false),
    ])
    func numericCodes(text: String, expected: Bool) throws {
        #expect(try holds(text, ["legal_form": .choice("3")]) == expected, "\(text)")
    }

    @Test func numericStrings() throws {
        #expect(try holds("${t} = 3", ["t": .text("03")]))
        #expect(try holds("${t} = 3", ["t": .text(" 3 ")]))
        #expect(try !holds("${t} = '3'", ["t": .text("03")]))
        #expect(try holds("${t} = 2.5", ["t": .text("2.50")]))
        #expect(try !holds("${t} = 5", ["t": .text("abc")]))
        #expect(try holds("${t} != 5", ["t": .text("abc")]))
        #expect(try !holds("${t} > 5", ["t": .text("abc")]))
        #expect(try holds("'10' > '9'", [:]))
        #expect(try holds("${t} < ${u}", ["t": .text("9"), "u": .text("10")]))
        #expect(try holds("${t} = ${u}", ["t": .text("4"), "u": .number(4)]))
        #expect(try !holds("${t} = ${u}", ["t": .text("4"), "u": .text("4.0")]))
    }

    @Test func yesNo() throws {
        let yes: [String: Value] = ["consent": .boolean(true)], no: [String: Value] = ["consent": .boolean(false)]
        #expect(try holds("${consent}", yes))
        #expect(try !holds("${consent}", no))
        #expect(try holds("${consent} = true()", yes))
        #expect(try holds("${consent} = 1", yes))
        #expect(try holds("${consent} = 0", no))
        #expect(try holds("${consent} != true()", no))
        #expect(try !holds("${consent} = 1", no))
        #expect(try evaluate("if(${consent}, 1, 0)", yes) == .number(1))
        #expect(try evaluate("string(${consent})", no) == .text("false"))
        #expect(try evaluate("${c} + 1", ["c": .boolean(true)]) == .number(2))
    }

    @Test(arguments: [
        (3.0, "3"), (-2.0, "-2"), (2.5, "2.5"), (0.1, "0.1"), (1.0 / 3.0, "0.3333333333333333"), (1e-7, "0.0000001"),
        (-1.5e-5, "-0.000015"), (1e20, "100000000000000000000"), (1.25e16, "12500000000000000"), (0, "0"),
    ])
    func numberToText(value: Double, text: String) {
        #expect(Value.number(value).string == text)
    }

    @Test(arguments: [
        ("3", 3.0), (" 2.5 ", 2.5), ("-4", -4), ("-.5", -0.5), ("4.", 4), ("007", 7), ("0.000001", 1e-6),
        ("12345678901234567890", 12_345_678_901_234_567_168), ("0.1", 0.1), ("123.456", 123.456),
    ])
    func textToNumber(text: String, value: Double) {
        #expect(Value.text(text).number == value, "\(text)")
    }

    @Test(arguments: ["", " ", "abc", "1e3", "+1", "inf", "nan", "0x10", ".", "-", "1.2.3", "1 2", "3a"])
    func textThatIsNoNumber(text: String) {
        #expect(Value.text(text).number == nil, "\(text)")
    }

    /// Digits beyond a Double's range spell no number we can compute with (they read as infinity, "inf").
    @Test func digitsBeyondRangeAreNoNumber() throws {
        let digits = String(repeating: "9", count: 400)
        #expect(Value.text(digits).number == nil)
        #expect(try evaluate("number(${t})", ["t": .text(digits)]) == .empty)
    }

    @Test func conditions() {
        #expect(Value.number(2).isTrue)
        #expect(!Value.number(0).isTrue)
        #expect(Value.text("0").isTrue)
        #expect(!Value.text("").isTrue)
        #expect(Value.date(pinnedToday).isTrue)
        #expect(Value.choices(["1"]).isTrue)
        #expect(!Value.empty.isTrue)
        #expect(Value.choices(["3", "8", "10"]).string == "3 8 10")
        #expect(Value.date(pinnedToday).string == "2025-06-15")
    }
}

@Suite struct DateTests {
    let dates: [String: Value] = [
        "start": .date(CalendarDate(year: 2024, month: 2, day: 28)!), "end": .date(CalendarDate(year: 2024, month: 3, day: 1)!),
    ]

    @Test func comparisons() throws {
        #expect(try holds("${start} >= '2020-01-01'", dates))
        #expect(try !holds("${start} < '2020-01-01'", dates))
        #expect(try holds("${start} = '2024-02-28'", dates))
        #expect(try holds("'2024-02-28' = ${start}", dates))
        #expect(try holds("${start} != '2024-02-29'", dates))
        #expect(try holds("${start} < ${end}", dates))
        #expect(try holds("${end} > ${start}", dates))
        #expect(try holds("${start} < today()", dates))
        #expect(try holds("today() = '2025-06-15'", dates))
        #expect(try !holds("${start} > today()", dates))
        #expect(try holds("${d} < ${start}", ["d": .text("2023-12-31"), "start": dates["start"]!]))
    }

    @Test func arithmetic() throws {
        #expect(try evaluate("${end} - ${start}", dates) == .number(2))
        #expect(try evaluate("${start} - ${end}", dates) == .number(-2))
        #expect(try evaluate("${start} + 2", dates) == .date(CalendarDate(year: 2024, month: 3, day: 1)!))
        #expect(try evaluate("2 + ${start}", dates) == .date(CalendarDate(year: 2024, month: 3, day: 1)!))
        #expect(try evaluate("${end} - 1", dates) == .date(CalendarDate(year: 2024, month: 2, day: 29)!))
        #expect(try evaluate("${start} - '2024-01-01'", dates) == .number(58))
        #expect(try evaluate("today() - ${start}", dates) == .number(473))
        #expect(try evaluate("(today() - ${start}) div 7 > 52", dates) == .boolean(true))
        #expect(try evaluate("${start} + ${x}", dates.merging(["x": .empty]) { a, _ in a }) == .empty)
    }

    /// A `'YYYY-MM-DD'` literal is a date in arithmetic as in comparisons: the checker types these as dates and days.
    @Test func arithmeticOnDateLiterals() throws {
        #expect(try evaluate("'2024-02-28' + 2") == .date(CalendarDate(year: 2024, month: 3, day: 1)!))
        #expect(try evaluate("2 + '2024-02-28'") == .date(CalendarDate(year: 2024, month: 3, day: 1)!))
        #expect(try evaluate("'2024-03-01' - 1") == .date(CalendarDate(year: 2024, month: 2, day: 29)!))
        #expect(try evaluate("'2024-03-01' - '2024-01-01'") == .number(60))
        #expect(try evaluate("'2025-12-31' - ${start}", dates) == .number(672))
        #expect(try holds("${start} < '2024-01-01' + 60", dates))
        #expect(try evaluate("coalesce(${x}, '2024-01-01') + 1", ["x": .empty]) == .date(CalendarDate(year: 2024, month: 1, day: 2)!))
        #expect(try evaluate("if(${start} > today(), ${start}, '2024-03-01') - ${start}", dates) == .number(2))
    }

    /// Days that take a date past 9999-12-31 or before 0001-01-01 give empty, not a date no one can
    /// store (and a count of days beyond Int's range used to stop the process).
    @Test func arithmeticStaysWithinTheCalendar() throws {
        #expect(try evaluate("${start} + 10000000000000000000", dates) == .empty)
        #expect(try evaluate("${start} - ${n} * 10", dates.merging(["n": .number(Double(Int64.max))]) { a, _ in a }) == .empty)
        #expect(try evaluate("${start} + 3000000", dates) == .empty)
        #expect(try evaluate("${start} - 800000", dates) == .empty)
        #expect(try evaluate("'9999-12-31' + 1") == .empty)
        #expect(try evaluate("'0001-01-01' - 1") == .empty)
        #expect(try evaluate("'9999-12-30' + 1") == .date(CalendarDate(year: 9999, month: 12, day: 31)!))
        #expect(try evaluate("1 + '0001-01-01'") == .date(CalendarDate(year: 1, month: 1, day: 2)!))
    }

    @Test func year() throws {
        #expect(try evaluate("year(${start})", dates) == .number(2024))
        #expect(try evaluate("year(today())") == .number(2025))
        #expect(try evaluate("year('1999-12-31')") == .number(1999))
        #expect(try evaluate("year(${t})", ["t": .text("not a date")]) == .empty)
        #expect(try evaluate("year(today()) - year(${start})", dates) == .number(1))
    }

    @Test func todayComesFromTheContext() throws {
        let checked = CheckedExpression("today()", in: VariableScope())
        let expression = try checked.compile(slots: { _ in nil })
        let other = CalendarDate(year: 2001, month: 1, day: 1)!
        #expect(expression.evaluate(EvaluationContext(slotCount: 0, today: other)) == .date(other))
    }
}

@Suite struct MultipleChoiceTests {
    @Test(arguments: [Value.choices(["3", "8", "10"]), .text("3 8 10")])
    func selectedAndCount(answer: Value) throws {
        let v = ["barriers": answer]
        #expect(try holds("selected(${barriers}, '3')", v))
        #expect(try holds("selected(${barriers}, '10')", v))
        #expect(try holds("selected(${barriers}, 8)", v))
        #expect(try !holds("selected(${barriers}, '2')", v))
        #expect(try !holds("selected(${barriers}, 'finance')", v))
        #expect(try evaluate("count-selected(${barriers})", v) == .number(3))
        #expect(try holds("${barriers} != ''", v))
        #expect(try evaluate("concat('[', ${barriers}, ']')", v) == .text("[3 8 10]"))
        #expect(try evaluate("string-length(${barriers})", v) == .number(6))
    }

    @Test func codeThatIsPartOfAnother() throws {
        #expect(try !holds("selected(${b}, '1')", ["b": .text("10 11")]))
        #expect(try !holds("selected(${b}, '1')", ["b": .choices(["10", "11"])]))
    }

    @Test func computedCode() throws {
        #expect(try holds("selected(${b}, ${c})", ["b": .text("2 3"), "c": .choice("3")]))
        #expect(try !holds("selected(${b}, ${c})", ["b": .text("2 3"), "c": .empty]))
        #expect(try holds("selected(${b}, ${c})", ["b": .text("2 3"), "c": .number(2)]))
    }

    @Test func selectOne() throws {
        #expect(try holds("selected(${legal_form}, '3')", ["legal_form": .choice("3")]))
        #expect(try !holds("selected(${legal_form}, '1')", ["legal_form": .choice("3")]))
        #expect(try evaluate("count-selected(${b})", ["b": .choices([])]) == .number(0))
    }
}
