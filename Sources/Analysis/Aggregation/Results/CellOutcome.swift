import Estimators

/// What one cell of the results (an indicator in one round and group) shows. A suppressed or
/// unavailable cell carries no number at all, so no printer can show one by mistake.
public enum CellOutcome: Sendable, Hashable {
    case published(PublishedCell)
    case suppressed(SuppressedCell)
    /// The cell has enough responses but no estimate exists (a ratio whose denominator sums to 0).
    case unavailable(NoEstimateReason)

    public var published: PublishedCell? {
        if case .published(let cell) = self { cell } else { nil }
    }

    public var isSuppressed: Bool {
        if case .suppressed = self { true } else { false }
    }
}

/// A cell that may be shown: its base, estimate and interval, and its change since the previous round.
public struct PublishedCell: Sendable, Hashable {
    /// The unweighted number of responses in the base; nil for a reported value.
    public let n: Int?
    /// The point estimate, on the indicator's own scale (a share as 0–1).
    public let value: Double
    /// The estimate with its uncertainty; nil for a reported value.
    public let estimate: Estimate?
    /// The change since the indicator's previous round with data, when both cells are published.
    public var change: ChangeFigure?
    /// Why the round's weighting fixes the figure at known population figures, when it does: it is
    /// shown without an interval, whose width of 0 would read as an estimate known for certain.
    public let fixed: FixedFigure?

    public init(n: Int?, value: Double, estimate: Estimate?, change: ChangeFigure? = nil, fixed: FixedFigure? = nil) {
        self.n = n
        self.value = value
        self.estimate = estimate
        self.change = change
        self.fixed = fixed
    }

    public init(estimate: Estimate, fixed: FixedFigure? = nil) {
        self.init(n: estimate.sampleSize, value: estimate.value, estimate: estimate, fixed: fixed)
    }

    public var standardError: Double? { estimate?.standardError }
    /// The estimate's interval; nil for a figure the weighting fixes.
    public var interval: ConfidenceInterval? { fixed == nil ? estimate?.interval : nil }

    /// Why the cell has no interval; nil when it has one.
    public var noIntervalReason: NoIntervalReason? {
        guard let estimate else { return .reportedValue }
        if let fixed { return fixed.reason }
        guard estimate.interval == nil else { return nil }
        return estimate.note.map(NoIntervalReason.estimator)
    }
}

/// A figure a round's weighting makes equal to known population figures, so that it is not estimated
/// (its standard error is 0 up to rounding).
public enum FixedFigure: Sendable, Hashable {
    /// The total of a variable the round is calibrated to, over the whole round.
    case calibratedTotal
    /// A weighted count of the whole round (the population's size), or of the responses in one
    /// code of a variable the weighting meets exactly (that code's population count).
    case populationCount

    public var reason: NoIntervalReason {
        switch self {
        case .calibratedTotal: .calibratedTotal
        case .populationCount: .fixedByWeighting
        }
    }
}

/// The change of a published cell since an earlier round.
public struct ChangeFigure: Sendable, Hashable {
    /// The earlier round.
    public let since: String
    /// Later minus earlier, on the indicator's own scale.
    public let value: Double
    /// The interval of the difference (Estimators' `Change`), when it has one.
    public let interval: ConfidenceInterval?
    public let method: IntervalMethod?
    /// Why ``interval`` is nil, when it is.
    public let noIntervalReason: NoIntervalReason?

    public init(since: String, value: Double, interval: ConfidenceInterval?, method: IntervalMethod?, noIntervalReason: NoIntervalReason? = nil) {
        self.since = since
        self.value = value
        self.interval = interval
        self.method = method
        self.noIntervalReason = interval == nil ? noIntervalReason : nil
    }
}

/// A cell withheld to protect respondents.
public struct SuppressedCell: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// The cell's own base is below the threshold: shown as `n < threshold`.
        case belowThreshold
        /// Withheld so that a small sibling cannot be worked out from the total and the other groups.
        case secondary
        /// One or two responses make up nearly all of the sum the figure is built from (the p % rule),
        /// so it would give away the largest; its base is not shown.
        case dominated

        /// How results.csv and the data package write the reason.
        public var code: String {
            switch self {
            case .belowThreshold: "primary"
            case .secondary: "secondary"
            case .dominated: "dominance"
            }
        }
    }

    public let reason: Reason
    /// The smallest base the indicator publishes.
    public let threshold: Int

    public init(reason: Reason, threshold: Int) {
        self.reason = reason
        self.threshold = threshold
    }

    /// How the base is shown: `< 10` for a small cell, nothing for a secondary or dominated one.
    public var shownBase: String {
        reason == .belowThreshold ? "< \(threshold)" : ""
    }
}
