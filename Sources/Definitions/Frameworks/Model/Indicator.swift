import Diagnostics
import SurveyDefinition
import YAMLReading

/// What an indicator computes.
public enum IndicatorKind: String, Hashable, Sendable, CaseIterable {
    /// The share of the universe for which `numerator` holds.
    case proportion
    /// The mean of `value` over the universe.
    case mean
    case median
    /// The sum of `value` over the universe (weighted: the estimated population total).
    case total
    /// How many responses the universe has (weighted: the sum of their weights).
    case count
    /// Σ `value` ÷ Σ `denominator` over the universe.
    case ratio
    /// Values entered per round in the framework, for what no survey measures.
    case reported

    /// Whether the estimate is a share, shown ×100 with unit percent.
    public var isShare: Bool { self == .proportion || self == .ratio }
}

/// Which way is better.
public enum Direction: String, Hashable, Sendable, CaseIterable {
    case up
    case down
}

/// A value of an indicator in one round, as written in the framework (a baseline, a target,
/// a reported value), on the estimate's own scale (a share as 0.30, not 30).
public struct RoundValue: Hashable, Sendable {
    public var round: String
    public var value: Double
    /// Where the round is named.
    public var location: SourceLocation
    /// Where the value is written.
    public var valueLocation: SourceLocation

    public init(round: String, value: Double, location: SourceLocation, valueLocation: SourceLocation? = nil) {
        self.round = round
        self.value = value
        self.location = location
        self.valueLocation = valueLocation ?? location
    }
}

/// One indicator: how it is computed from a survey's responses (or entered per round), how it
/// is broken down, and what it is measured against.
public struct Indicator: Hashable, Sendable {
    public var id: String
    /// The node it measures.
    public var node: String
    public var title: LocalizedText
    public var description: LocalizedText?
    public var kind: IndicatorKind
    /// The survey it is computed from; nil for `reported`.
    public var survey: String?
    /// Proportion: the condition counted.
    public var numerator: ExpressionSource?
    /// Who is in the base; absent means every cleaned response.
    public var universe: ExpressionSource?
    /// Mean, median, total, ratio: the number averaged or summed (the ratio's numerator).
    public var value: ExpressionSource?
    /// Ratio: the number the sum of `value` is divided by.
    public var denominator: ExpressionSource?
    /// The variable holding each response's weight.
    public var weight: String?
    public var strata: String?
    public var fpc: String?
    /// Whether the round's weighting to population counts (`poststratify` of a round) applies:
    /// `poststratify: false` keeps a tally of the responses (how many answered) a tally.
    public var followsRoundWeighting: Bool
    /// `percent` shows a share ×100; anything else is a label (`points`, `FTE`).
    public var unit: String?
    public var direction: Direction?
    /// One-way breakdowns: each variable gives one group per choice.
    public var disaggregate: [String]
    public var baseline: RoundValue?
    public var targets: [RoundValue]
    /// `reported` only: the value of each round.
    public var reportedValues: [RoundValue]
    /// `comparable`: the rounds whose change from the round before was checked to compare like with
    /// like, though the two definitions ask a question the indicator reads differently (no W305).
    public var comparable: [Located<String>]
    /// Overrides of the framework's suppression thresholds.
    public var minCell: Int?
    public var minBase: Int?
    /// Overrides the framework's p % rule for this indicator: 0 turns it off.
    public var pPercent: Double?
    public var location: SourceLocation
    /// Where the value of each key was written, by key.
    public var keyLocations: [String: SourceLocation]

    public init(
        id: String, node: String, title: LocalizedText, description: LocalizedText? = nil, kind: IndicatorKind,
        survey: String? = nil, numerator: ExpressionSource? = nil, universe: ExpressionSource? = nil,
        value: ExpressionSource? = nil, denominator: ExpressionSource? = nil, weight: String? = nil,
        strata: String? = nil, fpc: String? = nil, unit: String? = nil, direction: Direction? = nil,
        disaggregate: [String] = [], baseline: RoundValue? = nil, targets: [RoundValue] = [],
        reportedValues: [RoundValue] = [], minCell: Int? = nil, minBase: Int? = nil, pPercent: Double? = nil, followsRoundWeighting: Bool = true,
        comparable: [Located<String>] = [], location: SourceLocation, keyLocations: [String: SourceLocation] = [:]
    ) {
        self.id = id
        self.node = node
        self.title = title
        self.description = description
        self.kind = kind
        self.survey = survey
        self.numerator = numerator
        self.universe = universe
        self.value = value
        self.denominator = denominator
        self.weight = weight
        self.strata = strata
        self.fpc = fpc
        self.unit = unit
        self.direction = direction
        self.disaggregate = disaggregate
        self.baseline = baseline
        self.targets = targets
        self.reportedValues = reportedValues
        self.minCell = minCell
        self.minBase = minBase
        self.pPercent = pPercent
        self.followsRoundWeighting = followsRoundWeighting
        self.comparable = comparable
        self.location = location
        self.keyLocations = keyLocations
    }

    public func location(of key: String) -> SourceLocation { keyLocations[key] ?? location }

    /// Whether results are shown ×100 with a percent sign.
    public var showsPercent: Bool { unit == "percent" }

    /// The decimals a figure of this indicator is shown with to people (tables and reports): one
    /// for a percentage, a mean or a median; three for a proportion or ratio not in percent; none for
    /// a count or total, nor for a reported value unless `value` (on the indicator's scale) is not whole.
    public func shownDigits(of value: Double) -> Int {
        if showsPercent { return 1 }
        switch kind {
        case .count, .total: return 0
        case .reported: return value.rounded() == value ? 0 : 1
        case .proportion, .ratio: return 3
        case .mean, .median: return 1
        }
    }

    /// The target for `round`, if one is set.
    public func target(forRound round: String) -> Double? {
        targets.first { $0.round == round }?.value
    }

    /// The smallest unweighted base a cell of this indicator is published with: `min_cell`,
    /// and for shares at least `min_base`.
    public func threshold(defaults: SuppressionRules) -> Int {
        let cell = minCell ?? defaults.minCell
        guard kind.isShare || showsPercent else { return cell }
        return max(cell, minBase ?? defaults.minBase)
    }

    /// The p of the p % rule a cell of this indicator must pass, nil when none applies: only sums of
    /// what each response contributes (totals, means and ratios) are checked, and only when the
    /// indicator or the framework sets a p above 0.
    public func dominanceP(defaults: SuppressionRules) -> Double? {
        guard kind.takesDominanceRule, let p = pPercent ?? defaults.pPercent, p > 0 else { return nil }
        return p
    }
}

extension IndicatorKind {
    /// Whether a figure of this kind is built from the sum of what each response contributes, so
    /// that one large contribution can dominate it: a total, a mean or a ratio.
    public var takesDominanceRule: Bool {
        switch self {
        case .total, .mean, .ratio: return true
        case .proportion, .median, .count, .reported: return false
        }
    }
}

/// When a cell is too small to publish.
public struct SuppressionRules: Hashable, Sendable {
    /// The smallest unweighted number of responses behind any published figure.
    public var minCell: Int
    /// The smallest base of a published share (a percentage).
    public var minBase: Int
    /// The p % rule for totals, means and ratios, off when nil: a cell is withheld when the responses
    /// other than its two largest contribute less than p % of the largest, so that the second
    /// largest could work out the largest to within p %.
    public var pPercent: Double?

    public init(minCell: Int, minBase: Int, pPercent: Double? = nil) {
        self.minCell = minCell
        self.minBase = minBase
        self.pPercent = pPercent
    }

    /// Counts from 5 responses, percentages from a base of 10.
    public static let standard = SuppressionRules(minCell: 5, minBase: 10)
}

/// The cleaning rules of a survey's rounds, applied before estimation in this order: test
/// responses, completeness, speed, duplicates, eligibility.
public struct CleaningRules: Hashable, Sendable {
    /// A condition that marks a test response, removed first.
    public var test: ExpressionSource?
    /// The least share (0…1) of relevant answerable questions a response must answer.
    /// With this rule, partial (not submitted) responses are read too and judged by it.
    public var minCompleteness: Double?
    /// Questions left out of the completeness share (country-specific ones, say).
    public var completenessExcludes: [String]
    /// The least time in minutes a web response must take from its start to its submission (to
    /// its last save, for a partial one); imported and API responses are not timed.
    public var minMinutes: Double?
    /// Variables that identify a respondent: of responses with equal values, the one stored first is kept.
    public var duplicateKey: [String]
    /// A condition a response must meet to be kept (ESEM: impact at least as important as financial return).
    public var eligible: ExpressionSource?
    public var location: SourceLocation?

    public init(
        test: ExpressionSource? = nil, minCompleteness: Double? = nil, completenessExcludes: [String] = [], minMinutes: Double? = nil,
        duplicateKey: [String] = [], eligible: ExpressionSource? = nil, location: SourceLocation? = nil
    ) {
        self.test = test
        self.minCompleteness = minCompleteness
        self.completenessExcludes = completenessExcludes
        self.minMinutes = minMinutes
        self.duplicateKey = duplicateKey
        self.eligible = eligible
        self.location = location
    }

    public var isEmpty: Bool { test == nil && minCompleteness == nil && minMinutes == nil && duplicateKey.isEmpty && eligible == nil }
}
