import Expressions
import Testing

/// The conditions sent to the form's script: the JSON of each construct of the subset, and no JSON
/// for anything outside it (the form then keeps its note and lets the server decide).
@Suite struct LiveConditionTests {
    static func operand(_ name: String) -> LiveOperand? {
        switch name {
        case "n": .field("n", .integer)
        case "d": .field("d", .decimal)
        case "t": .field("t", .text)
        case "c": .field("c", .choice)
        case "m": .field("m", .choices)
        case "b": .field("b", .boolean)
        case "e": .constant(.number(8))
        case "earlier_codes": .constant(.choices(["a", "b"]))
        case "earlier_text": .constant(.text("yes"))
        case "unanswered": .constant(.empty)
        case "when": .constant(.date(CalendarDate(iso: "2025-01-31")!))
        default: nil
        }
    }

    static func json(_ text: String) throws -> String? {
        LiveCondition.json(try ParsedExpression.parse(text).get(), operand: operand)
    }

    @Test(arguments: [
        ("${n} > 2", #"[">",["field","n","integer"],["num",2]]"#),
        ("2 < ${d}", #"["<",["num",2],["field","d","decimal"]]"#),
        ("${t} = ''", #"["blank",["field","t","text"]]"#),
        ("'' != ${t}", #"["filled",["field","t","text"]]"#),
        ("${c} != 'a'", #"["!=",["field","c","choice"],["str","a"]]"#),
        ("${b} and (${n} = 3 or ${c} = 'b')",
         #"["and",["field","b","boolean"],["or",["=",["field","n","integer"],["num",3]],["=",["field","c","choice"],["str","b"]]]]"#),
        ("not(selected(${m}, 'a'))", #"["not",["selected",["field","m","choices"],"a"]]"#),
        ("selected(${earlier_codes}, 10)", #"["selected",["codes",["a","b"]],"10"]"#),
        ("count-selected(${m}) >= 2", #"[">=",["count-selected",["field","m","choices"]],["num",2]]"#),
        ("string-length(${t}) > 3", #"[">",["string-length",["field","t","text"]],["num",3]]"#),
        ("${n} * 2 + ${d} div 2 - 1 >= 5",
         #"[">=",["-",["+",["*",["field","n","integer"],["num",2]],["div",["field","d","decimal"],["num",2]]],["num",1]],["num",5]]"#),
        ("${n} mod 2 = 1", #"["=",["mod",["field","n","integer"],["num",2]],["num",1]]"#),
        ("-${d} < 0", #"["<",["neg",["field","d","decimal"]],["num",0]]"#),
        ("if(${b}, ${n}, 0) > 1", #"[">",["if",["field","b","boolean"],["field","n","integer"],["num",0]],["num",1]]"#),
        ("coalesce(${d}, ${n}) > 4.25", #"[">",["coalesce",["field","d","decimal"],["field","n","integer"]],["num",4.25]]"#),
        ("${e} + ${n} > 10", #"[">",["+",["num",8],["field","n","integer"]],["num",10]]"#),
        ("${earlier_text} = 'yes' and ${unanswered} < ${n}",
         #"["and",["=",["str","yes"],["str","yes"]],["<",["empty"],["field","n","integer"]]]"#),
        ("${b} = true()", #"["=",["field","b","boolean"],["bool",true]]"#),
        (#"${t} = 'a "quoted" </p>'"#, #"["=",["field","t","text"],["str","a \"quoted\" </p>"]]"#),
    ])
    func emitsEachConstructOfTheSubset(condition: String, expected: String) throws {
        #expect(try Self.json(condition) == expected)
    }

    @Test(arguments: [
        "${n} > ${nowhere}",                 // a name the browser cannot read
        "concat(${t}, '!') = 'ja!'",         // a function outside the subset
        "regex(${t}, '^a')",
        "round(${d}) = 1",
        "today() > '2025-01-01'",
        "${t} > 'a'",                        // ordering on text: may compare dates
        "${c} + 1 > 2",                      // arithmetic on a code
        "-${t} < 0",
        "string-length(${n}) > 1",           // a number as text
        "selected(${m}, ${t})",              // a code that is not a literal
        "${t} = '2025-01-31'",               // a date literal
        "${when} = ${t}",                    // a date answer
        "count-selected(${n}) > 1",
        "if(${b}, ${n}, 't') > 1",           // a value that may be text
        ". > 1",
    ])
    func sendsNothingOutsideTheSubset(condition: String) throws {
        #expect(try Self.json(condition) == nil)
    }
}
