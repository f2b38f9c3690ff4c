/// The periods a topline counts a date question's answers in. Months over several years give a
/// long table of small, withheld counts; the answers are instead counted in the finest of month,
/// quarter, year and decade whose span from the first answer to the last is at most
/// ``maxPeriods`` and in which, if such a period exists, no period with answers is too small to show.
///
/// A few answers far from the rest (a meeting dated 2001 among a year's meetings: a slip of the
/// keyboard that `. <= today()` lets through) do not stretch the span: when at most
/// ``maxStrayShare`` of the answers lie outside the ``maxPeriods`` periods that hold the most, they
/// are counted in the first or last of those, labelled "2025-01 or earlier" or "… or later".
enum DatePeriod: Int, CaseIterable, Sendable {
    case month, quarter, year, decade

    /// The most periods listed; every period of the span is listed, 0 where none answered.
    static let maxPeriods = 12
    /// The largest share of the answers that may be counted in an open first or last period.
    static let maxStrayShare = 0.05

    /// The periods chosen and the answers in each.
    struct Counts: Sendable {
        let period: DatePeriod
        let tally: ChoiceTally
        /// Answers before the first period listed, or after the last, are counted in it.
        let foldsStrayAnswers: Bool
    }

    /// The answers of `monthCounts` (`2025-10` → count) per period, in time order.
    static func tally(monthCounts: [String: Int], answered: Int, minCell: Int, language: String) -> Counts {
        let months = monthCounts.compactMap { key, count in MonthIndex(key).map { ($0, count) } }
        var candidates: [Counts] = []
        for period in allCases {
            var counts: [Int: Int] = [:]
            for (month, count) in months { counts[period.index(of: month), default: 0] += count }
            guard let first = counts.keys.min(), let last = counts.keys.max() else { break }
            let categories: [ChoiceTally.Category]
            var folds = false
            if last - first + 1 <= maxPeriods {
                categories = (first...last).map { period.category($0, count: counts[$0] ?? 0, language: language) }
            } else if period != .decade, let span = mainSpan(counts) {
                let before = counts.filter { $0.key < span.lowerBound }.values.reduce(0, +)
                let after = counts.filter { $0.key > span.upperBound }.values.reduce(0, +)
                categories = span.map { index in
                    let stray = index == span.lowerBound ? before : index == span.upperBound ? after : 0
                    let side: StraySide? = stray == 0 ? nil : index == span.lowerBound ? .earlier : .later
                    return period.category(index, count: (counts[index] ?? 0) + stray, language: language, stray: side)
                }
                folds = true
            } else if period == .decade {
                categories = counts.keys.sorted().map { period.category($0, count: counts[$0] ?? 0, language: language) }
            } else {
                continue
            }
            candidates.append(Counts(period: period, tally: ChoiceTally(categories: categories, answered: answered, isMultiple: false),
                                     foldsStrayAnswers: folds))
        }
        return candidates.first { candidate in !candidate.tally.categories.contains { $0.count > 0 && $0.count < minCell } }
            ?? candidates.last
            ?? Counts(period: .month, tally: ChoiceTally(categories: [], answered: answered, isMultiple: false), foldsStrayAnswers: false)
    }

    /// The periods from the first to the last with answers among the ``maxPeriods`` consecutive
    /// ones that hold the most (the earliest such), when the answers outside them are at most
    /// ``maxStrayShare`` of all and the span has two periods or more.
    private static func mainSpan(_ counts: [Int: Int]) -> ClosedRange<Int>? {
        let keys = counts.keys.sorted()
        let total = counts.values.reduce(0, +)
        var best: (inside: Int, span: ClosedRange<Int>)?
        var end = 0, inside = 0
        for key in keys {
            while end < keys.count, keys[end] < key + maxPeriods { inside += counts[keys[end]]!; end += 1 }
            if best == nil || inside > best!.inside { best = (inside, key...keys[end - 1]) }
            inside -= counts[key]!
        }
        guard let best, best.span.count >= 2, Double(total - best.inside) <= maxStrayShare * Double(total) else { return nil }
        return best.span
    }

    private enum StraySide { case earlier, later }

    private func category(_ index: Int, count: Int, language: String, stray: StraySide? = nil) -> ChoiceTally.Category {
        let label = label(index, language: language)
        switch stray {
        case nil: return ChoiceTally.Category(code: code(index), label: label, count: count)
        case .earlier: return ChoiceTally.Category(code: "..\(code(index))", label: label + (language == "sv" ? " eller tidigare" : " or earlier"), count: count)
        case .later: return ChoiceTally.Category(code: "\(code(index))..", label: label + (language == "sv" ? " eller senare" : " or later"), count: count)
        }
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
