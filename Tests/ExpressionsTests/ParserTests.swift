import Testing
@testable import Expressions

@Suite struct ParserTests {
    @Test(arguments: [
        ("1 or 2 and 3", "(or 1 (and 2 3))"),
        ("1 and 2 or 3", "(or (and 1 2) 3)"),
        ("1 and 2 = 3", "(and 1 (= 2 3))"),
        ("1 = 2 < 3", "(= 1 (< 2 3))"),
        ("1 != 2 >= 3", "(!= 1 (>= 2 3))"),
        ("1 < 2 + 3", "(< 1 (+ 2 3))"),
        ("1 <= 2 - 3", "(<= 1 (- 2 3))"),
        ("1 > 2 * 3", "(> 1 (* 2 3))"),
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("1 - 2 div 3", "(- 1 (div 2 3))"),
        ("1 + 2 mod 3", "(+ 1 (mod 2 3))"),
        ("-1 * 2", "(* (neg 1) 2)"),
        ("- - 1", "(neg (neg 1))"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("1 or (2 and 3) or 4", "(or (or 1 (and 2 3)) 4)"),
    ])
    func precedence(text: String, expected: String) {
        #expect(shape(text) == expected)
    }

    @Test(arguments: [
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("8 div 4 div 2", "(div (div 8 4) 2)"),
        ("7 mod 4 mod 2", "(mod (mod 7 4) 2)"),
        ("1 * 2 div 3 mod 4", "(mod (div (* 1 2) 3) 4)"),
        ("1 = 2 != 3", "(!= (= 1 2) 3)"),
        ("1 < 2 > 3", "(> (< 1 2) 3)"),
        ("1 and 2 and 3", "(and (and 1 2) 3)"),
        ("1 or 2 or 3", "(or (or 1 2) 3)"),
    ])
    func leftAssociative(text: String, expected: String) {
        #expect(shape(text) == expected)
    }

    @Test func tokens() {
        #expect(shape("${a}") == "${a}")
        #expect(shape(". >= 1850") == "(>= . 1850)")
        #expect(shape("'it''s'") == "error E206 at 5")
        #expect(shape("\"x y\" = 'z'") == "(= 'x y' 'z')")
        #expect(shape("2.5 + .5 + 4.") == "(+ (+ 2.5 .5) 4.)")
        #expect(shape("county = ${region}") == "(= county ${region})")
        #expect(shape("count-selected(${b}) > 1") == "(> (count-selected ${b}) 1)")
        #expect(shape("today()") == "(today)")
        #expect(shape("concat('a', ${b}, 3)") == "(concat 'a' ${b} 3)")
        #expect(shape("if (${a} = 1, 'x', '')") == "(if (= ${a} 1) 'x' '')")
        #expect(shape("${a.b-c_d}") == "${a.b-c_d}")
        #expect(shape("${x}>=3and${y}<2") == "(and (>= ${x} 3) (< ${y} 2))")
        #expect(shape("\t${a}\n=\r\n1 ") == "(= ${a} 1)")
    }

    @Test func hyphenAfterNameJoinsTheName() {
        #expect(shape("${a}-1") == "(- ${a} 1)")
        #expect(shape("${a} - -1") == "(- ${a} (neg 1))")
        #expect(shape("x-1") == "x-1")
        #expect(shape("x -1") == "(- x 1)")
        #expect(shape("3-1") == "(- 3 1)")
        #expect(shape(".-1") == "(- . 1)")
    }

    @Test func operatorWordsAsNames() {
        #expect(shape("${a} div ${b}") == "(div ${a} ${b})")
        #expect(shape("divide") == "divide")
        #expect(shape("order = 1") == "(= order 1)")
    }

    @Test func columnsAreCharacterOffsets() throws {
        let parsed = try ParsedExpression.parse("'åäö' = ${x} and ${ÿ} = 1").get()
        #expect(parsed.references == [VariableReference(name: "x", column: 9), VariableReference(name: "ÿ", column: 18)])
        guard case .binary(.and, let left, _) = parsed.root.kind else { Issue.record("not an and"); return }
        #expect(left.column == 7)
        #expect(left.startColumn == 1)
        #expect(parsed.root.column == 14)
    }

    @Test func referencesAndCurrentValue() throws {
        let parsed = try ParsedExpression.parse("${a} + ${b} > ${a} and . != ''").get()
        #expect(parsed.references.map(\.name) == ["a", "b", "a"])
        #expect(parsed.references.map(\.column) == [1, 8, 15])
        #expect(parsed.referencedNames == ["a", "b"])
        #expect(parsed.usesCurrentValue)
        #expect(try !ParsedExpression.parse("${a} = 1").get().usesCurrentValue)
    }

    @Test(arguments: [
        // unexpected token or character
        ("${a} = = 1", "E201", 8),
        ("${a} == 1", "E201", 6),
        ("${a} & ${b}", "E201", 6),
        ("${a} && ${b}", "E201", 6),
        ("${a} | ${b}", "E201", 6),
        ("${a} / 2", "E201", 6),
        ("${a} % 2", "E201", 6),
        ("!${a}", "E201", 1),
        ("${a} <> 1", "E201", 6),
        ("..", "E201", 1),
        ("${a} = #", "E201", 8),
        ("${a} = ‘x’", "E201", 8),
        ("${a} +", "E201", 7),
        ("(", "E201", 2),
        ("()", "E201", 2),
        ("concat(,)", "E201", 8),
        ("1 and and 2", "E201", 7),
        ("f(1 2)", "E201", 5),
        ("(1 2)", "E201", 4),
        // unclosed string
        ("${a} = 'x", "E202", 8),
        ("\"abc", "E202", 1),
        // unclosed parenthesis
        ("(1 + 2", "E203", 1),
        ("not(${a} = 1", "E203", 4),
        ("if(${a}, (1, 2)", "E201", 12),
        // references
        ("${a", "E204", 1),
        ("${a b}", "E204", 1),
        ("${}", "E204", 1),
        ("$a", "E204", 1),
        ("${1a}", "E204", 3),
        ("${a!}", "E204", 4),
        // empty
        ("", "E205", 1),
        ("   \n ", "E205", 1),
        // trailing input
        ("${a} ${b}", "E206", 6),
        ("1)", "E206", 2),
        ("${a} = 1 AND ${b} = 2", "E206", 10),
        ("'x' 'y'", "E206", 5),
        // not is a function, not a prefix operator
        ("${a} > 1 and not ${a} > 2", "E201", 14),
    ])
    func syntaxErrors(text: String, code: String, column: Int) throws {
        let error = try #require(syntaxError(text))
        #expect(error.code.id == code, "\(text): \(error)")
        #expect(error.column == column, "\(text): \(error)")
        #expect(!error.message.isEmpty)
    }

    @Test func nestingAndLengthAreBounded() throws {
        let deep = String(repeating: "(", count: 70) + "1" + String(repeating: ")", count: 70)
        let error = try #require(syntaxError(deep))
        #expect(error.code == .expressionUnexpected)
        #expect(error.column == 66)
        // "more than 64" (the message, docs/expressions.md): 64 parentheses are taken, 65 are not.
        let fine = String(repeating: "(", count: 64) + "1" + String(repeating: ")", count: 64)
        #expect(try evaluate(fine) == .number(1))
        let tooDeep = String(repeating: "(", count: 65) + "1" + String(repeating: ")", count: 65)
        #expect(try #require(syntaxError(tooDeep)).message.contains("nest more than 64 deep"))
        let deepest = String(repeating: "-(", count: 31) + "1" + String(repeating: ")", count: 31)
        #expect(try evaluate(deepest) == .number(-1))
        let tooDeepCalls = String(repeating: "not(", count: 65) + "1" + String(repeating: ")", count: 65)
        #expect(try #require(syntaxError(tooDeepCalls)).code == .expressionUnexpected)

        // A chain of 251 terms is 250 operations deep; "more than 250" (the message,
        // docs/expressions.md): the 251st operation is refused at its column.
        let allowed = Array(repeating: "1", count: 251).joined(separator: " + ")
        #expect(try evaluate(allowed) == .number(251))
        let long = Array(repeating: "1", count: 260).joined(separator: " + ")
        let tooLong = try #require(syntaxError(long))
        #expect(tooLong.message.contains("more than 250 operations deep"))
        #expect(tooLong.column == 4 * 250 + 3)
    }

    @Test func syntaxMessagesSayWhatToDo() throws {
        #expect(try #require(syntaxError("${a} == 1")).message.contains("single ="))
        #expect(try #require(syntaxError("${a} && ${b}")).message.contains("and"))
        #expect(try #require(syntaxError("${a} / 2")).message.contains("div"))
        #expect(try #require(syntaxError("${a} = 1 AND ${b} = 2")).message.contains("lower case"))
        #expect(try #require(syntaxError("(1 + 2")).message.contains("add )"))
        #expect(try #require(syntaxError("${a}=1 and")).message.contains("ends after and"))
        #expect(try #require(syntaxError("not ${a} = 1")).message.contains("not(…)"))
    }

    /// A literal beyond a Double's range was infinity, which concat() wrote as "inf".
    @Test func aNumberTooLargeIsRefused() throws {
        let error = try #require(syntaxError("1 + " + String(repeating: "9", count: 400)))
        #expect(error.code.id == "E201")
        #expect(error.column == 5)
        #expect(error.message.contains("too large"))
        #expect(shape(String(repeating: "9", count: 300)) == String(repeating: "9", count: 300))
    }

    /// Swedish decimals and spreadsheet exponents are named, not reported as stray tokens.
    @Test func decimalCommasAndExponentsAreNamed() throws {
        let comma = try #require(syntaxError("${share} > 0,25"))
        #expect(comma.code.id == "E206")
        #expect(comma.column == 13)
        #expect(comma.message.contains("write decimals with a point, 0.25"))
        #expect(try #require(syntaxError("${a} > 1, 5")).message.contains("after a complete expression: join"))
        #expect(shape("round(${a},2)") == "(round ${a} 2)")
        let exponent = try #require(syntaxError("${a} > 1e3"))
        #expect(exponent.code.id == "E201")
        #expect(exponent.column == 9)
        #expect(exponent.message.contains("without an exponent"))
        #expect(try #require(syntaxError("2.5E-3")).message.contains("without an exponent"))
    }

    /// Text pasted from a word processor or spreadsheet brings signs the language does not have.
    @Test(arguments: [
        ("${a} ≥ 1", "write >=", 6), ("${a} ≤ 1", "write <=", 6), ("${a} ≠ 1", "write !=", 6), ("${a} – 1", "write - to subtract", 6),
        ("${a} − 1", "write - to subtract", 6), ("${a} × 2", "write * to multiply", 6), ("${a} ÷ 2", "write div", 6),
        ("${a} = „x“", "typographic quote", 8), ("${a} = «x»", "typographic quote", 8),
        ("${a} => 1", "write >=", 6), ("${a} =< 1", "write <=", 6),
    ])
    func pastedSignsAreNamed(text: String, advice: String, column: Int) throws {
        let error = try #require(syntaxError(text))
        #expect(error.code.id == "E201")
        #expect(error.message.contains(advice), "\(error.message)")
        #expect(error.column == column)
    }
}
