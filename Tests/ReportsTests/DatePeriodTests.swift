import Foundation
import Testing
@testable import Reports

/// How a topline counts a date question's answers: the finest period that keeps the table short
/// and, where one can, every count large enough to show.
struct DatePeriodTests {
    /// Answers spread over six years, a few a month, as generated answers to the forum's date
    /// are: by month they would be some 70 rows, nearly all withheld.
    @Test func answersOverSeveralYearsAreCountedByYear() {
        var months: [String: Int] = [:]
        for year in 2020...2025 { for month in 1...12 { months[String(format: "%04d-%02d", year, month)] = 2 } }
        let counts = DatePeriod.tally(monthCounts: months, answered: 144, minCell: 5, language: "en")
        let (period, tally) = (counts.period, counts.tally)
        #expect(period == .year)
        #expect(tally.categories.map(\.label) == ["2020", "2021", "2022", "2023", "2024", "2025"])
        #expect(tally.categories.map(\.count) == [24, 24, 24, 24, 24, 24])
    }

    @Test func answersWithinAYearAreCountedByMonthWithEveryMonthBetween() {
        let counts = DatePeriod.tally(monthCounts: ["2026-03": 40, "2026-05": 12], answered: 52, minCell: 5, language: "sv")
        let (period, tally) = (counts.period, counts.tally)
        #expect(period == .month)
        #expect(tally.categories.map(\.label) == ["2026-03", "2026-04", "2026-05"])
        #expect(tally.categories.map(\.count) == [40, 0, 12])
    }

    @Test func aMonthTooSmallToShowIsCountedInItsQuarter() {
        let counts = DatePeriod.tally(monthCounts: ["2025-10": 3, "2025-11": 30, "2026-02": 20], answered: 53, minCell: 5, language: "sv")
        let (period, tally) = (counts.period, counts.tally)
        #expect(period == .quarter)
        #expect(tally.categories.map(\.label) == ["2025 K4", "2026 K1"])
        #expect(tally.categories.map(\.count) == [33, 20])
    }

    /// A year's meetings and three dated years before by a slip of the keyboard (`. <= today()`
    /// lets 2001 through): the demo's forum round had these, and its table was three decades, two
    /// of them withheld. The stray dates are counted in the first month, which says so.
    @Test func aFewStrayDatesAreCountedInTheFirstMonthInsteadOfStretchingTheTable() {
        var months = ["2001-09": 1, "2005-02": 1, "2022-10": 1]
        for (month, count) in [44, 42, 43, 33, 23, 16, 12, 12, 12, 2, 5].enumerated() { months[String(format: "2025-%02d", month + 1)] = count }
        let counts = DatePeriod.tally(monthCounts: months, answered: 247, minCell: 2, language: "en")
        #expect(counts.period == .month)
        #expect(counts.foldsStrayAnswers)
        #expect(counts.tally.categories.map(\.label) == ["2025-01 or earlier"] + (2...11).map { String(format: "2025-%02d", $0) })
        #expect(counts.tally.categories.map(\.count) == [47, 42, 43, 33, 23, 16, 12, 12, 12, 2, 5])
        #expect(counts.tally.categories.map(\.count).reduce(0, +) == 247)
        #expect(ReportWords(language: "en").datesCounted(counts).contains("counted in the first or last period"))
    }

    @Test func aStrayLaterDateIsCountedInTheLastPeriodInSwedish() {
        var months = ["2031-06": 1]
        for month in 1...12 { months[String(format: "2026-%02d", month)] = 10 }
        let counts = DatePeriod.tally(monthCounts: months, answered: 121, minCell: 5, language: "sv")
        #expect(counts.period == .month)
        #expect(counts.tally.categories.first?.label == "2026-01")
        #expect(counts.tally.categories.last?.label == "2026-12 eller senare")
        #expect(counts.tally.categories.last?.count == 11)
    }

    /// More than one answer in twenty outside the main months is no slip: the dates really spread,
    /// and coarser periods show them.
    @Test func datesSpreadBeyondAFewStraysAreCountedInCoarserPeriods() {
        var months = ["2023-03": 6, "2024-05": 6]
        for month in 1...12 { months[String(format: "2025-%02d", month)] = 10 }
        let counts = DatePeriod.tally(monthCounts: months, answered: 132, minCell: 5, language: "en")
        #expect(counts.period == .quarter)
        #expect(!counts.foldsStrayAnswers)
        #expect(counts.tally.categories.first?.label == "2023 Q1")
        #expect(counts.tally.categories.count == 12)
    }

    /// Whatever the dates, every answer is counted once, in at most 12 periods unless by decade,
    /// each period named once and listed in time order, and the stray answers folded in are at most
    /// one in twenty.
    @Test func everyAnswerIsCountedOnceInAtMostTwelvePeriods() {
        // The same draws on every run: a linear congruential sequence from a fixed start.
        var state: UInt64 = 2026
        func draw(_ range: ClosedRange<Int>) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
        var folds = 0
        for _ in 0..<400 {
            var months: [String: Int] = [:]
            // A year's answers, a quarter of them in the next in some runs, and one entry in twenty a stray year.
            let centre = draw(1950...2030), spill = draw(0...1)
            for _ in 0..<draw(1...40) {
                let stray = draw(0...19) == 0
                let year = stray ? draw(1900...2100) : centre + (draw(0...3) == 0 ? spill : 0)
                months[String(format: "%04d-%02d", year, draw(1...12)), default: 0] += stray ? draw(1...3) : draw(1...30)
            }
            let total = months.values.reduce(0, +)
            let counts = DatePeriod.tally(monthCounts: months, answered: total, minCell: draw(1...10), language: "en")
            let categories = counts.tally.categories
            #expect(categories.map(\.count).reduce(0, +) == total, "\(months)")
            #expect(Set(categories.map(\.code)).count == categories.count, "\(categories.map(\.code))")
            #expect(categories.map(\.code) == categories.map(\.code).sorted { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".")) < $1.trimmingCharacters(in: CharacterSet(charactersIn: ".")) } || counts.period == .decade)
            if counts.period != .decade { #expect(categories.count <= DatePeriod.maxPeriods, "\(months)") }
            if counts.foldsStrayAnswers {
                let folded = categories.first!.label.hasSuffix("or earlier") || categories.last!.label.hasSuffix("or later")
                #expect(folded)
                folds += 1
            }
        }
        #expect(folds > 40, "only \(folds) of 400 runs folded stray dates in")
    }
}

