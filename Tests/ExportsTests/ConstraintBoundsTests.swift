import Testing
@testable import Exports

@Suite struct ConstraintBoundsTests {
    @Test func aRangeGivesBothBounds() {
        let bounds = ConstraintBounds(constraint: ". >= 0 and . <= 100")
        #expect(bounds.minimum == 0 && bounds.maximum == 100)
        #expect(!bounds.minimumIsExclusive && !bounds.maximumIsExclusive)
    }

    @Test func literalsOnTheLeftAndNegativeNumbersAndStrictComparisons() {
        let bounds = ConstraintBounds(constraint: "-10 < . and 5 >= .")
        #expect(bounds.minimum == -10 && bounds.minimumIsExclusive)
        #expect(bounds.maximum == 5 && !bounds.maximumIsExclusive)
    }

    @Test func theTighterOfTwoBoundsWins() {
        let bounds = ConstraintBounds(constraint: ". >= 0 and . > 0 and . <= 10 and . <= 20")
        #expect(bounds.minimum == 0 && bounds.minimumIsExclusive)
        #expect(bounds.maximum == 10)
    }

    @Test func boundsThatDependOnOtherAnswersOrTodayAreSkipped() {
        let bounds = ConstraintBounds(constraint: ". >= 1850 and . <= year(today())")
        #expect(bounds.minimum == 1850 && bounds.maximum == nil)
        #expect(ConstraintBounds(constraint: ". >= 0 and . <= ${fte}").maximum == nil)
    }

    @Test func disjunctionsAndNegationsSayNothing() {
        #expect(ConstraintBounds(constraint: ". < 0 or . > 10").isEmpty)
        #expect(ConstraintBounds(constraint: "not(. > 10)").isEmpty)
        #expect(ConstraintBounds(constraint: "regex(., '^[0-9]+$')").isEmpty)
        #expect(ConstraintBounds(constraint: ". >= ").isEmpty, "an expression that does not parse gives nothing")
    }

    @Test func stringLengthGivesLengthBounds() {
        let bounds = ConstraintBounds(constraint: "string-length(.) >= 2 and string-length(.) < 201")
        #expect(bounds.minimumLength == 2 && bounds.maximumLength == 200)
        #expect(bounds.minimum == nil)
    }
}
