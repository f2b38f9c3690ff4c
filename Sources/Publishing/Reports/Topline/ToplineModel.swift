import Aggregation
import SurveyDefinition

/// What the topline of one round shows: per page, per question, the answers tallied over the
/// responses kept by the framework's cleaning rules.
struct Topline: Sendable {
    let round: String
    let survey: Survey
    /// Responses kept after cleaning: the base of every question.
    let responses: Int
    let pages: [ToplinePage]
    /// The p of the p % rule applied to the numbers' means; 0 for none.
    let pPercent: Double
}

struct ToplinePage: Sendable {
    let page: Page
    let items: [ToplineItem]
}

/// One question's tally.
struct ToplineItem: Sendable {
    enum Body: Sendable {
        /// select_one, select_multiple, boolean: one row per choice.
        case choices(ChoiceTally)
        /// One tally per row, over the matrix's choice list.
        case matrix([(row: MatrixRow, tally: ChoiceTally)])
        case numbers(NumberSummary)
        /// Answers per period (`2025-10`, `2025 Q4`, `2025`), the period chosen by ``DatePeriod``.
        case dates(DatePeriod.Counts)
        case texts(TextTally)
        /// Personal data: only how many answered.
        case personal(answered: Int)
    }

    let question: Question
    let body: Body
    /// The free texts of `other`, when the question allows one.
    let other: TextTally?
}

/// Answers counted per category.
struct ChoiceTally: Sendable {
    struct Category: Sendable {
        let code: String
        let label: String
        let count: Int
    }

    var categories: [Category]
    /// Responses with at least one answer.
    let answered: Int
    /// Several categories per response (select_multiple): shares add up to more than 100 %.
    let isMultiple: Bool
}

/// Order statistics and mean of a numeric question.
struct NumberSummary: Sendable {
    let answered: Int
    let mean: Double
    let lowerQuartile: Double
    let median: Double
    let upperQuartile: Double
    let isInteger: Bool
    /// The answers fail the p % rule: one answer is nearly their whole sum, which the mean and n
    /// would give away, so the mean is withheld (``Dominance``).
    let isMeanDominated: Bool

    /// Quartiles by R's default rule (type 7: linear between order statistics). `values` is sorted;
    /// `pPercent` 0 applies no p % rule.
    init?(sorted values: [Double], isInteger: Bool, pPercent: Double = 0) {
        guard !values.isEmpty else { return nil }
        answered = values.count
        mean = values.reduce(0, +) / Double(values.count)
        lowerQuartile = Self.quantile(values, 0.25)
        median = Self.quantile(values, 0.5)
        upperQuartile = Self.quantile(values, 0.75)
        self.isInteger = isInteger
        isMeanDominated = pPercent > 0 && Dominance.fails(values, p: pPercent)
    }

    /// The mean, unless withheld by the p % rule.
    var shownMean: Double? { isMeanDominated ? nil : mean }

    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let low = Int(h.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }
}

/// Free-text answers: how many answered, and the most frequent texts.
struct TextTally: Sendable {
    let answered: Int
    /// Texts given by at least the suppression threshold of respondents, most frequent first.
    let frequent: [(text: String, count: Int)]
    /// How many different texts there were (texts are compared trimmed, case kept).
    let distinct: Int
}
