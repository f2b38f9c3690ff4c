import Aggregation
import Expressions
import Testing
@testable import Reports

/// Numbers as Swedish and English readers write them, chart labels and axes.
struct FormattingTests {
    let sv = NumberStyle(language: "sv")
    let en = NumberStyle(language: "en")

    @Test func swedishNumbersHaveADecimalCommaASpaceBeforePercentAndSpacesBetweenThousands() {
        #expect(sv.percent(0.452) == "45,2\u{00A0}%")
        #expect(sv.decimal(1_234_567.891, digits: 1) == "1\u{00A0}234\u{00A0}567,9")
        #expect(sv.decimal(-3.14, digits: 1) == "\u{2212}3,1")
        #expect(sv.decimal(-0.01, digits: 1) == "0,0")
        #expect(sv.integer(2025) == "2025")
        #expect(sv.range("40,1", "50,3") == "40,1\u{2013}50,3")
        #expect(sv.date(CalendarDate(year: 2026, month: 11, day: 29)!) == "29 november 2026")
        #expect(sv.percent(whole: 100) == "100\u{00A0}%" && en.percent(whole: 100) == "100%")
        #expect(sv.quantity("2,5", "minuter") == "2,5\u{00A0}minuter" && en.quantity("30", "seconds") == "30\u{00A0}seconds")
    }

    /// A Swedish count keeps the word it counts on its line; English keeps its plain space.
    @Test func aSwedishCountIsJoinedToItsWordByANoBreakSpace() {
        #expect(sv.count(29, "svar") == "29\u{00A0}svar")
        #expect(sv.count(12_345, "lästa") == "12\u{00A0}345\u{00A0}lästa")
        #expect(sv.count(1234, "svar") == "1234\u{00A0}svar")
        #expect(en.count(29, "responses") == "29 responses" && en.count(12_345, "read") == "12,345 read")
    }

    @Test func englishNumbersHaveADecimalPointAndCommasBetweenThousands() {
        #expect(en.percent(0.452) == "45.2%")
        #expect(en.decimal(1_234_567.891, digits: 2) == "1,234,567.89")
        #expect(en.decimal(-3.14, digits: 1) == "\u{2212}3.1")
        #expect(en.date(CalendarDate(year: 2026, month: 1, day: 5)!) == "5 January 2026")
    }

    /// An amount in English groups its thousands from 1,000 up (`6,955 people`), as English
    /// style writes it; a year stays `2025`, and Swedish keeps `1234`, as Swedish style does.
    @Test func anEnglishAmountGroupsFourDigitsAndAYearDoesNot() {
        #expect(en.amount(6955, digits: 0) == "6,955" && en.amount(-3102, digits: 0) == "\u{2212}3,102")
        #expect(en.amount(1234.56, digits: 1) == "1,234.6" && en.amount(12_345, digits: 0) == "12,345" && en.amount(999, digits: 0) == "999")
        #expect(en.count(6955, "people") == "6,955 people")
        #expect(en.integer(1234) == "1,234" && en.decimal(2025, digits: 0) == "2025" && en.decimal(2006.4, digits: 1) == "2006.4")
        #expect(sv.amount(6955, digits: 0) == "6955" && sv.count(1234, "svar") == "1234\u{00A0}svar")
        let count = IndicatorFormat(indicator: .init(id: "v", node: "n", title: [:], kind: .reported, unit: "persons", location: .init(file: "f", line: 1, column: 1)), numbers: en)
        #expect(count.valueWithUnit(6955, words: ReportWords(language: "en")) == "6,955\u{00A0}people")
        #expect(count.change(3102) == "+3,102")
    }

    @Test func indicatorValuesFollowTheirUnit() {
        let share = IndicatorFormat(indicator: .init(id: "a", node: "n", title: [:], kind: .proportion, unit: "percent", location: .init(file: "f", line: 1, column: 1)), numbers: sv)
        #expect(share.value(0.3) == "30,0\u{00A0}%")
        #expect(share.change(0.031) == "+3,1")
        #expect(share.change(-0.02) == "\u{2212}2,0")
        #expect(share.change(0.0001) == "0,0")
        #expect(share.change(-0.015, low: -0.098, high: 0.068) == "\u{2212}1,5 (\u{2212}9,8 till 6,8)")
        #expect(share.change(0.031, low: nil, high: nil) == "+3,1")
        let count = IndicatorFormat(indicator: .init(id: "b", node: "n", title: [:], kind: .reported, unit: "events", location: .init(file: "f", line: 1, column: 1)), numbers: en)
        // A no-break space keeps the number with its unit, which a narrow screen broke apart.
        #expect(count.valueWithUnit(12, words: ReportWords(language: "en")) == "12\u{00A0}events")
        #expect(count.valueWithUnit(12, words: ReportWords(language: "sv")) == "12\u{00A0}träffar")
        // The form's list of units: a question's hours read the same on the form and in its topline.
        #expect(ReportWords(language: "sv").unit("hours") == "timmar")
        #expect(ReportWords(language: "sv").unit("years") == "år")
        #expect(ReportWords(language: "en").unit("hours") == "hours")
        // An English report writes the units the English form spells out as the form does.
        #expect(ReportWords(language: "en").unit("persons") == "people")
        #expect(ReportWords(language: "en").unit("FTE") == "full-time equivalents")
        #expect(count.value(2.5) == "2.5")
    }

    @Test func chartLabelsWrapAtSpacesAndEndInAnEllipsisWhenCut() {
        let lines = SVG.wrap("Forskningen har en starkare roll i samverkan mellan sektorer", width: 100, size: 10, maxLines: 2)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.count <= 18 })
        #expect(lines[1].hasSuffix("…"))
        #expect(SVG.wrap("Kort", width: 100, size: 10) == ["Kort"])
    }

    @Test func axesEndOnRoundNumbers() {
        #expect(NiceScale.ceil(63) == 100)
        #expect(NiceScale.ceil(7.3) == 10)
        #expect(NiceScale.ceil(0.42) == 0.5)
        #expect(NiceScale.ticks(low: 0, high: 100) == [0, 20, 40, 60, 80, 100])
        let years = BoxChart.axis(NumberSummary(sorted: [1990, 2003, 2011, 2020, 2024], isInteger: true)!)
        #expect(years.low > 1900 && years.high < 2100)
        let small = BoxChart.axis(NumberSummary(sorted: [1, 2, 3, 4, 5], isInteger: true)!)
        #expect(small.low == 0)
    }

    /// Nine answers of 1 beside one of 500: the seven below the two largest give 7, under 10 % of
    /// 500 (50) but above 1 % (5).
    @Test func aMeanOneAnswerDominatesIsWithheldUnderThePPercentRule() throws {
        let values: [Double] = Array(repeating: 1, count: 9) + [500]
        #expect(try #require(NumberSummary(sorted: values, isInteger: true, pPercent: 10)).shownMean == nil)
        #expect(try #require(NumberSummary(sorted: values, isInteger: true, pPercent: 1)).shownMean == 50.9)
        #expect(try #require(NumberSummary(sorted: values, isInteger: true)).shownMean == 50.9)
        #expect(try #require(NumberSummary(sorted: Array(repeating: 0, count: 10), isInteger: true, pPercent: 10)).shownMean == 0)
    }
}
