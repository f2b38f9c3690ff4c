import Expressions

/// How a profile answers one variable. Codes a question does not offer are left out and the
/// other weights renormalised, so a profile survives small changes of its survey.
public indirect enum AnswerDraw: Sendable {
    /// One code, by weight.
    case oneOf([Weighted])
    /// Each code chosen with its own probability, at least one, at most `maximum`;
    /// an `exclusive` code (such as `none`) is chosen alone with its probability.
    case someOf([Weighted], maximum: Int? = nil, exclusive: [Weighted] = [])
    /// A whole number.
    case integer(NumberDraw)
    /// A decimal rounded to `digits` decimals.
    case decimal(NumberDraw, digits: Int)
    /// The value of another (earlier) numeric variable plus a whole offset in `offset`.
    case offset(from: String, by: ClosedRange<Int>)
    /// A share in `share` of another (earlier) numeric variable, as a whole number.
    case shareOf(String, share: ClosedRange<Double>)
    /// Whole-number parts of `total` spread over a group of variables (e.g. an income mix that
    /// sums to 100): between `parts.lowerBound` and `parts.upperBound` of them get a share, in
    /// steps of `step`; drawn once, at the group's first variable.
    case composition(group: [String], weights: [Double], parts: ClosedRange<Int>, total: Int, step: Int)
    /// A day, uniformly within the range up to the response's own day (an event it is about has
    /// taken place); a generic date when the range begins after that day.
    case date(ClosedRange<CalendarDate>)
    /// A day `lag` days (rounded down) before the response's own day, as a form filled in after an
    /// event is; as ``date(_:)`` draws when that day falls outside the range.
    case daysBefore(NumberDraw, within: ClosedRange<CalendarDate>)
    /// A text from a generator of realistic texts.
    case text(TextKind)
    /// One of these texts, uniformly; one of `english` (as many, in the same order) for a
    /// response in English, when given.
    case textOf([String], english: [String] = [])
    /// With probability `p` the inner draw, else no answer (for optional questions that
    /// most respondents skip, such as free comments).
    case sometimes(Double, AnswerDraw)
    /// Leave the variable unanswered (when it is optional).
    case nothing
}

/// A code and its weight or probability.
public struct Weighted: Sendable, Hashable {
    public var code: String
    public var weight: Double

    public init(_ code: String, _ weight: Double) {
        self.code = code
        self.weight = weight
    }
}

/// A distribution of numbers, clipped to `bounds`.
public enum NumberDraw: Sendable {
    case uniform(ClosedRange<Double>)
    /// Log-normal with the given median and spread (the standard deviation of the log).
    case logNormal(median: Double, spread: Double, bounds: ClosedRange<Double>)
    case normal(mean: Double, sd: Double, bounds: ClosedRange<Double>)
    /// A class (range) by weight, then uniform within it: size classes, bands.
    case classes([(weight: Double, range: ClosedRange<Double>)])

    func draw(_ random: inout SeededRandom) -> Double {
        switch self {
        case .uniform(let range):
            return range.lowerBound + random.unit() * (range.upperBound - range.lowerBound)
        case .logNormal(let median, let spread, let bounds):
            return clip(median * exp(spread * random.normal()), bounds)
        case .normal(let mean, let sd, let bounds):
            return clip(mean + sd * random.normal(), bounds)
        case .classes(let classes):
            let range = classes[random.weightedIndex(classes.map(\.weight))].range
            return range.lowerBound + random.unit() * (range.upperBound - range.lowerBound)
        }
    }

    private func clip(_ x: Double, _ bounds: ClosedRange<Double>) -> Double {
        min(max(x, bounds.lowerBound), bounds.upperBound)
    }
}

/// Kinds of realistic free text.
public enum TextKind: Sendable {
    case organisationName
    case personName
    case email
    case organisationNumber
    case comment
    case otherAnswer
    case place
}

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
