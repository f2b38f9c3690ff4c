import Testing
@testable import Expressions

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

    @Test func datesGiveTheFirstAndLastDay() {
        let year = ConstraintBounds(constraint: ". >= '2026-01-01' and . <= '2026-12-31'")
        #expect(year.earliest == CalendarDate(iso: "2026-01-01") && year.latest == CalendarDate(iso: "2026-12-31"))
        #expect(year.minimum == nil && !year.isEmpty && !year.admitsNoDate)
        let strict = ConstraintBounds(constraint: "'2026-01-01' < . and . < '2027-01-01' and . < '2027-06-01'")
        #expect(strict.earliest == CalendarDate(iso: "2026-01-02") && strict.latest == CalendarDate(iso: "2026-12-31"), "a strict bound moves by a day; the tighter wins")
        #expect(ConstraintBounds(constraint: ". > '2026-12-31' and . < '2027-01-01'").admitsNoDate)
        #expect(ConstraintBounds(constraint: ". <= today() and . >= ${start}").isEmpty, "bounds that move with the day or another answer say nothing")
        #expect(ConstraintBounds(constraint: ". >= 'soon'").isEmpty, "a text that is no date says nothing")
    }

    /// A form shown on a day reads `today()` as that day: `. <= today()` is its last day, and
    /// `today()` plus or minus whole days moves it.
    @Test func aDayForTodayBoundsDatesComparedWithIt() {
        let day = CalendarDate(iso: "2026-12-02")!
        let past = ConstraintBounds(constraint: ". <= today()", today: day)
        #expect(past.latest == day && past.earliest == nil)
        let month = ConstraintBounds(constraint: ". >= today() - 30 and . < today() + 7", today: day)
        #expect(month.earliest == CalendarDate(iso: "2026-11-02") && month.latest == CalendarDate(iso: "2026-12-08"))
        #expect(ConstraintBounds(constraint: ". <= today() - 0.5", today: day).isEmpty, "a part of a day says nothing")
        #expect(ConstraintBounds(constraint: ". >= 1850 and . <= year(today())", today: day).maximum == nil, "a year of today is no date")
        #expect(ConstraintBounds(constraint: ". <= today()").isEmpty, "without a day, today() says nothing")
    }

    @Test func stringLengthGivesLengthBounds() {
        let bounds = ConstraintBounds(constraint: "string-length(.) >= 2 and string-length(.) < 201")
        #expect(bounds.minimumLength == 2 && bounds.maximumLength == 200)
        #expect(bounds.minimum == nil)
    }

    @Test func boundsThatLeaveNoAnswer() {
        #expect(ConstraintBounds(constraint: ". >= 10 and . <= 5").admitsNoNumber(wholeNumbers: false))
        #expect(ConstraintBounds(constraint: ". > 3 and . < 3").admitsNoNumber(wholeNumbers: false))
        #expect(!ConstraintBounds(constraint: ". >= 3 and . <= 3").admitsNoNumber(wholeNumbers: true))
        #expect(!ConstraintBounds(constraint: ". > 5 and . < 6").admitsNoNumber(wholeNumbers: false))
        #expect(ConstraintBounds(constraint: ". > 5 and . < 6").admitsNoNumber(wholeNumbers: true))
        #expect(!ConstraintBounds(constraint: ". > 5.5 and . < 6.5").admitsNoNumber(wholeNumbers: true))
        #expect(!ConstraintBounds(constraint: ". >= 10").admitsNoNumber(wholeNumbers: true))
        #expect(ConstraintBounds(constraint: "string-length(.) < 1").admitsNoLength)
        #expect(!ConstraintBounds(constraint: "string-length(.) >= 2 and string-length(.) <= 2").admitsNoLength)
        #expect(ConstraintBounds(constraint: "-10 < . and . < -20").lowerBound == "> -10")
        #expect(ConstraintBounds(constraint: ". <= 2.5").upperBound == "<= 2.5")
    }
}
