import Testing
@testable import Expressions

@Suite struct TypeCheckTests {
    @Test(arguments: [
        ("3", ExpressionType.integer), ("2.5", .decimal), ("'x'", .text), ("${name}", .text),
        ("${age}", .integer), ("${age} + 1", .integer), ("${age} * 2", .integer), ("${age} mod 2", .integer),
        ("${age} div 2", .decimal), ("${share} + 1", .decimal), ("-${age}", .integer), ("-${share}", .decimal),
        ("${age} > 3", .boolean), ("${a_missing_name_is_unknown} = 1", .boolean), ("not(${consent})", .boolean),
        ("${start}", .date), ("today()", .date), ("${end} - ${start}", .integer), ("${start} + 30", .date),
        ("30 + ${start}", .date), ("${start} - 7", .date), ("${start} - '2020-01-01'", .integer),
        ("year(${start})", .integer), ("${legal_form}", .choice(list: "legal_forms")),
        ("${barriers}", .choices(list: "barriers")), ("count-selected(${barriers})", .integer),
        ("selected(${barriers}, '2')", .boolean), ("string-length(${name})", .integer), ("concat(${age})", .text),
        ("int(${share})", .integer), ("round(${share})", .integer), ("round(${share}, 2)", .decimal), ("round(${share}, -1)", .decimal), ("round(${share}, 2.0)", .decimal),
        ("if(${consent}, 1, 0)", .integer), ("if(${consent}, 1, 0.5)", .decimal), ("if(${consent}, ${age}, '')", .integer),
        ("if(${consent}, '', ${start})", .date), ("if(${consent}, 1, 'none')", .text), ("if(${consent}, ${calc}, 1)", .unknown),
        ("coalesce(${age}, 0)", .integer), ("coalesce(${share}, 0)", .decimal), ("number('3')", .decimal),
        ("string(3)", .text), ("true()", .boolean), ("false()", .boolean), ("regex(${name}, '^a')", .boolean),
        ("contains(${name}, 'a')", .boolean), ("starts-with(${name}, 'a')", .boolean), ("ends-with(${name}, 'a')", .boolean),
        ("${satisfaction} + ${satisfaction}", .integer), ("${calc} + 1", .unknown), ("${calc} div 2", .decimal),
        ("if(${consent}, ${legal_form}, ${region})", .choice(list: nil)),
        ("coalesce(${start}, '2024-01-01')", .date), ("if(${consent}, '2024-01-01', ${start})", .date),
        ("if(${consent}, '2024-01-01', ${name})", .text),
        // A code of a list of numbers beside a number is a number, so arithmetic takes it.
        ("coalesce(${satisfaction}, 0)", .integer), ("coalesce(${satisfaction}, 0) + 1", .integer),
        ("if(${consent}, ${satisfaction}, 0.5)", .decimal), ("if(${consent}, 0, ${legal_form}) * 2", .integer),
        ("coalesce(${region}, 0)", .text), ("coalesce(${satisfaction}, '0')", .text),
    ])
    func inferredTypes(text: String, expected: ExpressionType) {
        var scope = surveyScope
        scope.variables["a_missing_name_is_unknown"] = .unknown
        #expect(type(text, in: scope) == expected, "\(text)")
        #expect(CheckedExpression(text, in: scope).isValid, "\(text): \(CheckedExpression(text, in: scope).errors)")
    }

    @Test(arguments: [
        "${age} >= 18 and ${consent} = true()",
        "${legal_form} = 3", "${legal_form} = '10'", "${legal_form} != ''", "${barriers} = ''", "'' != ${barriers}",
        "${start} >= '2020-01-01'", "'2020-01-01' < ${start}", "${start} < today()", "${end} - ${start} > 30",
        "${satisfaction} >= 4", "${consent} = 1", "${consent} = 0", "${consent} != false()",
        "${name} = 'Anna'", "${name} = 5", "${age} > '5'", "selected(${legal_form}, 2)", "selected(${barriers}, 10)",
        "selected(${calc}, 'x')", "count-selected(${calc}) > 0", "regex(${name}, ${calc})", "${calc} > 3",
        "year(${start}) = 2025", "year('2020-02-29')", "year(today()) - year(${start})",
        "int('3')", "round(${satisfaction})", "${satisfaction} - 1", "${region} = 'skane'",
        "concat(${name}, ' ', ${age}, ${barriers})", "string-length(${barriers}) > 0", "not(${barriers} != '')",
        "if(${legal_form} = 1, ${age}, ${share}) > 2", "-(${age} + 1) < 0",
    ])
    func validExpressions(text: String) {
        let checked = CheckedExpression(text, in: surveyScope)
        #expect(checked.isValid, "\(text): \(checked.errors)")
    }

    @Test(arguments: [
        // names
        ("frobnicate(${age})", "E210", 1), ("${age} > 1 and coalesse(${age}, 0) > 1", "E210", 16),
        ("round(1, 2, 3)", "E211", 1), ("today(1)", "E211", 1), ("concat()", "E211", 1), ("if(${consent}, 1)", "E211", 1),
        ("not()", "E211", 1), ("selected(${barriers})", "E211", 1),
        ("${nmae} = 1", "E212", 1), ("1 = ${nope}", "E212", 5),
        (". > 3", "E213", 1), ("${age} < .", "E213", 10),
        ("region = 'skane'", "E214", 1), ("${age} > 3 and consent", "E214", 16), ("true", "E214", 1),
        // select_multiple compared
        ("${barriers} = '2'", "E220", 1), ("'2' != ${barriers}", "E220", 8), ("${barriers} > 1", "E220", 1),
        ("${barriers} < ''", "E220", 1),
        // arithmetic on non-numbers
        ("${name} + 1", "E221", 1), ("1 - 'abc'", "E221", 5), ("${barriers} * 2", "E221", 1),
        ("${region} + 1", "E221", 1), ("${consent} + 1", "E221", 1), ("-${name}", "E221", 2),
        ("coalesce(${region}, 0) + 1", "E221", 1),
        ("${start} + ${end}", "E221", 10), ("${start} * 2", "E221", 10), ("3 - ${start}", "E221", 3), ("-${start}", "E221", 2),
        // ordering of text, codes, yes/no
        ("${name} > 'a'", "E222", 1), ("${region} < 'x'", "E222", 1), ("${consent} >= 1", "E222", 1),
        ("${age} > 'abc'", "E222", 10), ("${age} > ''", "E222", 10),
        // selected / count-selected
        ("selected(${name}, 'x')", "E223", 10), ("selected(${age}, 1)", "E223", 10),
        ("count-selected(${legal_form})", "E223", 16), ("count-selected(${name})", "E223", 16),
        // unknown codes
        ("selected(${barriers}, '9')", "E224", 23), ("selected(${barriers}, 'financ')", "E224", 23),
        ("${legal_form} = 4", "E224", 17), ("'skåne' = ${region}", "E224", 1), ("selected(${legal_form}, '')", "E224", 25),
        ("selected(${barriers}, 3.0)", "E224", 23), ("selected(${legal_form}, 03)", "E224", 25),
        // function argument types
        ("year(${age})", "E225", 6), ("year('2020')", "E225", 6), ("year(${name})", "E225", 6),
        ("int(${name})", "E225", 5), ("round(${start})", "E225", 7), ("round(${share}, 'x')", "E225", 17),
        ("round(${share}, 1.5)", "E225", 17), ("round(${share}, -0.5)", "E225", 17),
        ("int(${consent})", "E225", 5), ("selected(${barriers}, ${start})", "E225", 23),
        ("contains(${barriers}, '1')", "E225", 10), ("regex(${name}, 3)", "E225", 16),
        // regex patterns
        ("regex(${name}, '[a-z')", "E226", 16), ("regex(${name}, '(')", "E226", 16),
        // dates
        ("${start} = '2020-13-01'", "E227", 12), ("${start} >= 'today'", "E227", 13), ("'01/02/2020' < ${start}", "E227", 1),
        // a YYYY-MM-DD text that is no real date, where a date is computed with: named as a date, not as text
        ("year('2024-02-30')", "E227", 6), ("'2024-02-30' + 1 > ${start}", "E227", 1), ("${start} - '2024-13-01' > 1", "E227", 12),
        // ... also as the other value of coalesce() or if() beside a date, which was called text
        ("coalesce(${start}, '2024-02-30') + 1", "E227", 20), ("coalesce('2024-02-30', ${start}) > ${end}", "E227", 10),
        ("if(${consent}, ${start}, '2024-13-01')", "E227", 26), ("year(coalesce(${start}, '2023-02-29'))", "E227", 25),
        // mismatched comparisons
        ("${start} = 2020", "E228", 12), ("${start} > 2020", "E228", 12), ("${consent} = 'yes'", "E228", 14),
        ("${consent} = ${region}", "E228", 14), ("${consent} = 2", "E228", 14), ("${start} = ${age}", "E228", 12),
        // a value where a condition is needed, inside a condition
        ("${legal_form} and ${consent}", "E229", 1), ("${consent} or ${age}", "E229", 15), ("not(${age})", "E229", 5),
        ("not(${barriers})", "E229", 5), ("if(${legal_form}, 1, 0)", "E229", 4), ("${age} > 1 and (1 + 2)", "E229", 17),
    ])
    func typeErrors(text: String, code: String, column: Int) {
        let found = errors(text)
        #expect(found.count == 1, "\(text): \(found)")
        #expect(found.first?.0 == code, "\(text): \(found)")
        #expect(found.first?.1 == column, "\(text): \(found)")
    }

    /// A division by a literal 0 is empty whatever the answer: a warning (W106) at the 0, and
    /// the expression stays valid.
    @Test(arguments: [
        ("${age} div 0", 12), ("${age} mod 0", 12), ("${share} div 0.0", 14), ("(${age} + 1) div -0", 18),
        ("${age} mod '0'", 12), ("coalesce(${age}, 1) div (0)", 26),
    ])
    func divisionByALiteralZeroIsWarned(text: String, column: Int) {
        let checked = CheckedExpression(text, in: surveyScope)
        #expect(checked.isValid, "\(text): \(checked.errors)")
        #expect(checked.warnings.map(\.code.id) == ["W106"], "\(text)")
        #expect(checked.warnings.first?.column == column, "\(text): \(checked.warnings)")
    }

    @Test func theZeroWarningSaysWhatToWrite() {
        #expect(CheckedExpression("${age} div 0", in: surveyScope).warnings.map(\.message) == [
            "${age} div 0 is always empty: dividing by 0 gives no number; divide by the number you mean, or write '' for a value that is always empty",
        ])
        #expect(CheckedExpression("${share} mod 0.0", in: surveyScope).warnings.map(\.message) == [
            "${share} mod 0.0 is always empty: the remainder after dividing by 0 gives no number; take the remainder after dividing by the number you mean, or write '' for a value that is always empty",
        ])
    }

    /// A divisor that is not a literal may be 0 for some answers only; a 0 elsewhere divides nothing.
    @Test(arguments: ["${age} div ${share}", "${age} div (1 - 1)", "${age} div 0.5", "${age} * 0", "0 div ${age}", "${age} - 0", "${name} div 0"])
    func otherDivisorsAreNotWarned(text: String) {
        #expect(CheckedExpression(text, in: surveyScope).warnings.isEmpty, "\(text)")
    }

    /// An unknown code names itself and its list as values, for callers that explain it in their own words.
    @Test func anUnknownCodeCarriesTheCodeAndItsList() {
        #expect(firstError("'skåne' = ${region}")?.unknownCode == UnknownCode(code: "skåne", list: "regions", codes: ["skane", "stockholm", "norrbotten"]))
        #expect(firstError("selected(${barriers}, '9')")?.unknownCode?.code == "9")
        #expect(firstError("${nmae} = 1")?.unknownCode == nil)
    }

    @Test func resultTypeExpectations() {
        #expect(errors("${age} > 3", expecting: .condition).isEmpty)
        #expect(errors("${calc}", expecting: .condition).isEmpty)
        #expect(errors("${legal_form}", expecting: .condition).map(\.0) == ["E229"])
        #expect(errors("  ${age} * 2 + 1", expecting: .condition).map(\.1) == [3])
        #expect(errors("${calc} + 1", expecting: .number).isEmpty)
        #expect(errors("${start}", expecting: .number).map { "\($0.0)@\($0.1)" } == ["E229@1"])
        #expect(firstError("${legal_form}", expecting: .condition)?.message.contains("${legal_form} = '1'") == true)
        // The example code is one of the list's, not '1' regardless.
        #expect(firstError("${region}", expecting: .condition)?.message.hasSuffix("compare it with a code, e.g. ${region} = 'skane'") == true)
        #expect(firstError("${barriers}", expecting: .condition)?.message.contains("selected(${barriers}, 'code')") == true)
        #expect(errors("${age} + 1", expecting: .condition).map(\.0) == ["E229"])
        #expect(errors("${share} * 2", expecting: .number).isEmpty)
        #expect(errors("${satisfaction}", expecting: .number).isEmpty)
        #expect(errors("${age} > 1", expecting: .number).map(\.0) == ["E229"])
        #expect(firstError("${age} > 1", expecting: .number)?.message.contains("if(condition, 1, 0)") == true)
        #expect(errors("${name}", expecting: .number).map(\.0) == ["E229"])
        #expect(errors("'x'", expecting: .any).isEmpty)
    }

    /// A code or a count inside `and`, `or`, `not()` or `if()` would count as true when it is `0`,
    /// as it would at the top of a relevant.
    @Test func conditionsInsideConditionsAreConditions() throws {
        #expect(errors("${legal_form} = 1 and not(${consent}) or if(${calc}, ${consent}, false())").isEmpty)
        let error = try #require(firstError("${legal_form} and ${age} > 1", expecting: .condition))
        #expect(error.message == "each side of 'and' must be a condition, but ${legal_form} gives a code of list legal_forms, not a condition (true or false): compare it with a code, e.g. ${legal_form} = '1'")
        #expect(firstError("not(${age})")?.message.contains("e.g. ${age} > 0") == true)
    }

    /// XLSForm habits get the Samla way of writing them, not a guess at another name.
    @Test func habitsFromOtherToolsAreAnswered() {
        #expect(firstError("${start} > 2025-01-31")?.message == "${start} is a date and 2025-01-31 is a number: a date written without quotes is a subtraction (2025 - 01 - 31); write it in quotes, '2025-01-31'")
        #expect(firstError("${start} = 2025-01-31")?.message.hasSuffix("write it in quotes, '2025-01-31'") == true)
        #expect(firstError("${start} > 2025 - 1")?.message.hasSuffix("or use year(${start})") == true)
        #expect(firstError("${start} <= now()")?.message == "now() is not a function here; for today's date, write today(); the functions are listed in docs/expressions.md")
        #expect(firstError("${start} <= today")?.message == "today is a function: call it as today()")
        #expect(firstError("${region} = skane")?.message == "the bare name 'skane' only means something in a choice_filter: write a code or a text in quotes, 'skane' (no question is called skane; an answer is written ${question})")
        #expect(firstError("age > 18")?.message.contains("write ${age}") == true)
    }

    @Test func everyErrorIsReported() {
        let found = errors("${nmae} + 'x' > 3 and frob() and ${barriers} = '2'")
        #expect(found.map(\.0) == ["E212", "E221", "E210", "E220"])
        #expect(found.map(\.1) == [1, 11, 23, 34])
    }

    @Test func unknownNameIsGivenForSuggestions() throws {
        let error = try #require(firstError("${has_bord} = 1"))
        #expect(error.code == .expressionUnknownVariable)
        #expect(error.unknownName == "has_bord")
        #expect(error.suggesting(from: ["has_board", "age"]).message.hasSuffix("(did you mean has_board?)"))
        #expect(error.suggesting(from: ["age"]).message == error.message)
    }

    @Test func didYouMeanForFunctionsAndCodes() throws {
        #expect(try #require(firstError("coalese(${age}, 0)")).message.contains("did you mean coalesce?"))
        #expect(try #require(firstError("count_selected(${barriers})")).message.contains("did you mean count-selected?"))
        let code = try #require(firstError("selected(${barriers}, 'financ')"))
        #expect(code.message.contains("did you mean finance?"))
        #expect(code.message.contains("list barriers"))
    }

    @Test func messagesSayWhatToDo() throws {
        #expect(try #require(firstError("${barriers} = '2'")).message.contains("selected(${barriers}, 'code')"))
        #expect(try #require(firstError("${name} + 1")).message.contains("number(${name})"))
        #expect(try #require(firstError("${consent} + 1")).message.contains("if(${consent}, 1, 0)"))
        #expect(try #require(firstError("round(1, 2, 3)")).message.contains("round(number) or round(number, digits)"))
        #expect(try #require(firstError("region = 'skane'")).message.contains("${region}"))
        #expect(try #require(firstError(". > 3")).message.contains("constraint"))
        #expect(try #require(firstError("not = 1")).message.contains("not(…)"))
        #expect(try #require(firstError("${start} = '2020-13-01'")).message.contains("YYYY-MM-DD"))
    }

    @Test func currentValueAndChoiceFilters() {
        var constraint = surveyScope
        constraint.currentValueType = .integer
        #expect(errors(". >= 1850 and . <= 2025", in: constraint).isEmpty)
        #expect(errors(". + 1", in: constraint).isEmpty)
        constraint.currentValueType = .text
        #expect(errors(". > 3", in: constraint).map(\.0) == ["E222"])
        #expect(CheckedExpression("regex(., '^[0-9]+$')", in: constraint).usesCurrentValue)

        var filter = surveyScope
        filter.choiceAttributes = ["value": .choice(list: "municipalities"), "county": .text]
        #expect(errors("county = ${region}", in: filter).isEmpty)
        #expect(errors("value != 'x' and county = 'skane'", in: filter).isEmpty)
        #expect(errors("conty = ${region}", in: filter).map { $0.0 + "@\($0.1)" } == ["E215@1"])
        #expect(firstError("conty = ${region}", in: filter)?.message.contains("did you mean county?") == true)
        #expect(firstError("conty = ${region}", in: filter)?.unknownName == nil)
    }
}
