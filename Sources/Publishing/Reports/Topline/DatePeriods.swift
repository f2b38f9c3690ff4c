/// The periods a topline counts a date question's answers in. Months over several years give a
/// long table of small, withheld counts; the answers are instead counted in the finest of month,
/// quarter, year and decade whose span from the first answer to the last is at most
/// ``maxPeriods`` and in which, if such a period exists, no period with answers is too small to show.
enum DatePeriod: Int, CaseIterable, Sendable {
    case month, quarter, year, decade

    /// The most periods listed; every period of the span is listed, 0 where none answered.
    static let maxPeriods = 12

    /// The answers of `monthCounts` (`2025-10` → count) per period, in time order.
    static func tally(monthCounts: [String: Int], answered: Int, minCell: Int, language: String) -> (period: DatePeriod, tally: ChoiceTally) {
        let months = monthCounts.compactMap { key, count in MonthIndex(key).map { ($0, count) } }
        var candidates: [(period: DatePeriod, categories: [ChoiceTally.Category])] = []
        for period in allCases {
            var counts: [Int: Int] = [:]
            for (month, count) in months { counts[period.index(of: month), default: 0] += count }
            guard let first = counts.keys.min(), let last = counts.keys.max() else { break }
            let span = last - first + 1
            guard span <= maxPeriods || period == .decade else { continue }
            let indices = span <= maxPeriods ? Array(first...last) : counts.keys.sorted()
            candidates.append((period, indices.map { index in
                ChoiceTally.Category(code: period.code(index), label: period.label(index, language: language), count: counts[index] ?? 0)
            }))
        }
        let chosen = candidates.first { candidate in !candidate.categories.contains { $0.count > 0 && $0.count < minCell } }
            ?? candidates.last ?? (.month, [])
        return (chosen.period, ChoiceTally(categories: chosen.categories, answered: answered, isMultiple: false))
    }

    /// Months since year 0 of a `YYYY-MM` key.
    private struct MonthIndex {
        let year: Int
        let month: Int
        init?(_ key: String) {
            let parts = key.split(separator: "-")
            guard parts.count >= 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            self.year = year
            self.month = month
        }
    }

    private func index(of month: MonthIndex) -> Int {
        switch self {
        case .month: month.year * 12 + month.month - 1
        case .quarter: month.year * 4 + (month.month - 1) / 3
        case .year: month.year
        case .decade: month.year / 10
        }
    }

    private func code(_ index: Int) -> String {
        switch self {
        case .month: "\(index / 12)-" + (index % 12 + 1 < 10 ? "0" : "") + "\(index % 12 + 1)"
        case .quarter: "\(index / 4)-Q\(index % 4 + 1)"
        case .year: "\(index)"
        case .decade: "\(index * 10)s"
        }
    }

    /// `2025-10`, `2025 K4` / `2025 Q4`, `2025`, `2020-talet` / `2020s`.
    private func label(_ index: Int, language: String) -> String {
        switch self {
        case .month, .year: code(index)
        case .quarter: "\(index / 4) " + (language == "sv" ? "K" : "Q") + "\(index % 4 + 1)"
        case .decade: language == "sv" ? "\(index * 10)-talet" : "\(index * 10)s"
        }
    }
}
