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
        let (period, tally) = DatePeriod.tally(monthCounts: months, answered: 144, minCell: 5, language: "en")
        #expect(period == .year)
        #expect(tally.categories.map(\.label) == ["2020", "2021", "2022", "2023", "2024", "2025"])
        #expect(tally.categories.map(\.count) == [24, 24, 24, 24, 24, 24])
    }

    @Test func answersWithinAYearAreCountedByMonthWithEveryMonthBetween() {
        let (period, tally) = DatePeriod.tally(monthCounts: ["2026-03": 40, "2026-05": 12], answered: 52, minCell: 5, language: "sv")
        #expect(period == .month)
        #expect(tally.categories.map(\.label) == ["2026-03", "2026-04", "2026-05"])
        #expect(tally.categories.map(\.count) == [40, 0, 12])
    }

    @Test func aMonthTooSmallToShowIsCountedInItsQuarter() {
        let (period, tally) = DatePeriod.tally(monthCounts: ["2025-10": 3, "2025-11": 30, "2026-02": 20], answered: 53, minCell: 5, language: "sv")
        #expect(period == .quarter)
        #expect(tally.categories.map(\.label) == ["2025 K4", "2026 K1"])
        #expect(tally.categories.map(\.count) == [33, 20])
    }
}
