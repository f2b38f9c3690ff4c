import Testing
@testable import Expressions

/// Three-valued (Kleene) truth, for indicators' numerators: an unanswered variable is unknown,
/// except where the expression says what an empty answer means. nil is unknown.
@Suite struct KnownTruthTests {
    static let unanswered = Value.empty

    @Test func andIsFalseWhenOneSideIsFalseAndUnknownOtherwise() throws {
        let text = "${a} > 3 and ${b} > 1"
        #expect(try knownTruth(text, ["a": .number(5), "b": Self.unanswered]) == nil)
        #expect(try knownTruth(text, ["a": Self.unanswered, "b": .number(2)]) == nil)
        #expect(try knownTruth(text, ["a": .number(1), "b": Self.unanswered]) == false)
        #expect(try knownTruth(text, ["a": Self.unanswered, "b": .number(0)]) == false)
        #expect(try knownTruth(text, ["a": .number(5), "b": .number(2)]) == true)
        #expect(try knownTruth(text, ["a": Self.unanswered, "b": Self.unanswered]) == nil)
        // Forms keep XLSForm's rule: a comparison with an empty answer is false.
        #expect(try !holds(text, ["a": .number(5), "b": Self.unanswered]))
    }

    @Test func orIsTrueWhenOneSideIsTrueAndUnknownOtherwise() throws {
        let text = "${a} = 'yes' or ${b} = 'yes'"
        #expect(try knownTruth(text, ["a": .text("yes"), "b": Self.unanswered]) == true)
        #expect(try knownTruth(text, ["a": Self.unanswered, "b": .text("yes")]) == true)
        #expect(try knownTruth(text, ["a": .text("no"), "b": Self.unanswered]) == nil)
        #expect(try knownTruth(text, ["a": .text("no"), "b": .text("no")]) == false)
    }

    /// women_led in frameworks/msi-toc.yaml: how many of the management are women is unknown.
    @Test func aShareOfAnUnansweredCountIsUnknown() throws {
        let text = "${mgmt_women} div ${mgmt_n} >= 0.5"
        #expect(try knownTruth(text, ["mgmt_women": Self.unanswered, "mgmt_n": .number(4)]) == nil)
        #expect(try knownTruth(text, ["mgmt_women": .number(2), "mgmt_n": Self.unanswered]) == nil)
        #expect(try knownTruth(text, ["mgmt_women": .number(2), "mgmt_n": .number(4)]) == true)
        #expect(try knownTruth(text, ["mgmt_women": .number(1), "mgmt_n": .number(4)]) == false)
        // A division by zero of two answers is empty, not unknown: false, as in a form.
        #expect(try knownTruth(text, ["mgmt_women": .number(0), "mgmt_n": .number(0)]) == false)
        #expect(try !holds(text, ["mgmt_women": Self.unanswered, "mgmt_n": .number(4)]))
    }

    @Test func notOfUnknownIsUnknown() throws {
        #expect(try knownTruth("not(${a} > 3)", ["a": Self.unanswered]) == nil)
        #expect(try knownTruth("not(${a} > 3)", ["a": .number(1)]) == true)
        #expect(try knownTruth("not(${a} > 3 and ${b} > 1)", ["a": .number(1), "b": Self.unanswered]) == true)
        #expect(try knownTruth("not(${a} > 3 and ${b} > 1)", ["a": .number(5), "b": Self.unanswered]) == nil)
        #expect(try knownTruth("not(${consent})", ["consent": Self.unanswered]) == nil)
        #expect(try holds("not(${a} > 3)", ["a": Self.unanswered]))
    }

    @Test func coalesceSaysWhatAnEmptyAnswerMeans() throws {
        #expect(try knownTruth("coalesce(${a}, 0) > 3", ["a": Self.unanswered]) == false)
        #expect(try knownTruth("coalesce(${a}, 0) > 3 and ${b} > 1", ["a": Self.unanswered, "b": .number(2)]) == false)
        #expect(try knownTruth("coalesce(${a}, ${b}) > 3", ["a": .number(5), "b": Self.unanswered]) == true)
        #expect(try knownTruth("coalesce(${a}, ${b}) > 3", ["a": Self.unanswered, "b": .number(5)]) == true)
        #expect(try knownTruth("coalesce(${a}, ${b}) > 3", ["a": Self.unanswered, "b": Self.unanswered]) == nil)
    }

    @Test func ifWithAnUnknownConditionIsKnownOnlyWhenBothBranchesAgree() throws {
        #expect(try knownTruth("if(${a} > 3, 1, 0) = 1", ["a": Self.unanswered]) == nil)
        #expect(try knownTruth("if(${a} > 3, 1, 1) = 1", ["a": Self.unanswered]) == true)
        #expect(try knownTruth("if(${a} > 3, ${b}, 1) = 1", ["a": Self.unanswered, "b": .number(1)]) == true)
        #expect(try knownTruth("if(${a} > 3, ${b}, 1) = 1", ["a": Self.unanswered, "b": .number(2)]) == nil)
        #expect(try knownTruth("if(${a} > 3, ${b}, 0) = 0", ["a": .number(1), "b": Self.unanswered]) == true)
        #expect(try knownTruth("if(${a} > 3, ${b}, 0) = 0", ["a": .number(5), "b": Self.unanswered]) == nil)
        #expect(try holds("if(${a} > 3, 0, 1) = 1", ["a": Self.unanswered]))
    }

    @Test func selectedOfAnUnansweredQuestionIsUnknown() throws {
        #expect(try knownTruth("selected(${barriers}, '2')", ["barriers": Self.unanswered]) == nil)
        #expect(try knownTruth("selected(${barriers}, '2')", ["barriers": .choices(["3"])]) == false)
        #expect(try knownTruth("selected(${barriers}, '2') or ${a} > 3", ["barriers": .choices(["2"]), "a": Self.unanswered]) == true)
        #expect(try knownTruth("not(selected(${barriers}, '2'))", ["barriers": Self.unanswered]) == nil)
    }

    /// Tests for an answer, `count-selected()` and `string-length()` are known either way.
    @Test func theExpressionsOwnTestsOfAnEmptyAnswerAreKnown() throws {
        #expect(try knownTruth("${a} = ''", ["a": Self.unanswered]) == true)
        #expect(try knownTruth("${a} != ''", ["a": Self.unanswered]) == false)
        #expect(try knownTruth("${a} != '' and ${b} > 1", ["a": Self.unanswered, "b": Self.unanswered]) == false)
        #expect(try knownTruth("${a} = '' or ${b} > 1", ["a": .number(1), "b": Self.unanswered]) == nil)
        #expect(try knownTruth("count-selected(${barriers}) > 0", ["barriers": Self.unanswered]) == false)
        #expect(try knownTruth("string-length(${name}) > 0", ["name": Self.unanswered]) == false)
        #expect(try knownTruth("true()", [:]) == true)
    }

    /// Every example of docs/expressions.md: a known value is the ordinary one, and an example that
    /// reads no unanswered variable is known.
    @Test func aKnownValueIsAlwaysTheOrdinaryOne() throws {
        let answers = DocumentationTests.answers
        let names = answers.map(\.name)
        var context = EvaluationContext(slots: answers.map(\.value), today: pinnedToday)
        context.currentValue = .number(1990)
        var unknown = 0
        for row in DocumentationTests.rows(under: "| Expression | Result") {
            let checked = CheckedExpression(row[0], in: DocumentationTests.scope(withCurrentValue: true))
            let compiled = try checked.compile(slots: { names.firstIndex(of: $0) })
            let known = compiled.root.knownValue(context)
            if let known { #expect(known == compiled.evaluate(context), "\(row[0])") } else { unknown += 1 }
            let readsUnanswered = checked.referencedNames.contains { $0 == "phone" || $0 == "employees" }
            if !readsUnanswered { #expect(known != nil, "\(row[0])") }
        }
        #expect(unknown > 5)
    }
}
