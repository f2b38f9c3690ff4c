/// Which cells of one breakdown, or of one question's answers in a topline, are withheld.
///
/// A cell whose unweighted base (or count) is below the threshold is suppressed (primary). Because
/// the cells partition a total that is published (a "not answered" group included), withheld cells
/// could be worked out from it and the published ones; so cells beside them are withheld too
/// (secondary), each time the published cell with the smallest value, the first on a tie:
///
/// - one whenever a small cell with responses is withheld. A reader knows which cells are empty
///   (a topline shows its zeros, and an empty cell's 0 is no secret), so small cells with responses
///   lie between 1 and the threshold − 1, and their sum gives them away when there is one, or when
///   they are all 1 or all at the top; withholding one more only then would tell the reader so.
/// - then more, as long as a small cell with responses can still be worked out exactly from what a
///   reader knows: the withheld cells' sum, that a small cell lies between 1 and the threshold − 1,
///   and that a cell withheld beside it lies between the threshold and the smallest published
///   value (the rule takes the smallest). One withheld at the threshold beside small cells all at
///   1, or one as large as the next published cell, left the small ones exact. Where other outputs
///   of the same cells withhold at other thresholds (a topline's counts under `min_cell`, a
///   share's groups under `min_base`), a reader knows between which of them each cell lies, and
///   the check counts on that too.
///
/// The choices of a multiple-choice question do not add up, but cover those who answered (each chose
/// one at least): the withheld counts sum to at least the answered less the shown counts, which
/// pinned a small one at the threshold − 1 when nearly everyone chose one choice. There the smallest
/// shown count is withheld beside a small one whenever the shown counts do not cover the answered,
/// and more as long as one is exact.
///
/// A total below the threshold takes every group with it.
public enum Suppression {
    /// What a reader knows the cells add up to.
    public enum Sum: Sendable, Hashable {
        /// Their total, published: the groups of a breakdown, the choices of a single-choice question.
        case total
        /// At least this many: the choices of a multiple-choice question cover those who answered.
        case atLeast(Int)
    }

    public struct Decision: Sendable, Hashable {
        public let total: SuppressedCell.Reason?
        /// One entry per group, in the order given: nil to publish.
        public let groups: [SuppressedCell.Reason?]
    }

    /// An indicator's total and one breakdown's group bases: an empty group is withheld as small,
    /// shown as `< threshold` like any small group, but protects no one.
    public static func decide(total: Int, groups: [Int], threshold: Int, otherThresholds: Set<Int> = []) -> Decision {
        if total < threshold {
            return Decision(total: .belowThreshold, groups: groups.map { _ in .belowThreshold })
        }
        return Decision(total: nil, groups: withhold(groups, threshold: threshold, zerosShown: false, otherThresholds: otherThresholds))
    }

    /// The reasons for the cells (nil to publish): small cells (an empty one too, unless
    /// `zerosShown`: a topline shows a count of 0) and the cells withheld beside them.
    /// `otherThresholds` are those at which other outputs may withhold the same cells.
    public static func withhold(_ values: [Int], threshold: Int, zerosShown: Bool, sum: Sum = .total,
                                otherThresholds: Set<Int> = []) -> [SuppressedCell.Reason?] {
        var reasons: [SuppressedCell.Reason?] = values.map { value in
            value < threshold && !(zerosShown && value == 0) ? .belowThreshold : nil
        }
        let small = values.indices.filter { reasons[$0] != nil && values[$0] > 0 }
        guard !small.isEmpty else { return reasons }

        func withholdSmallestPublished() -> Bool {
            let candidates = values.indices.filter { reasons[$0] == nil && values[$0] > 0 }
            guard let smallest = candidates.min(by: { (values[$0], $0) < (values[$1], $1) }) else { return false }
            reasons[smallest] = .secondary
            return true
        }
        switch sum {
        case .total: _ = withholdSmallestPublished()
        case .atLeast(let covered):
            if values.indices.filter({ reasons[$0] == nil }).reduce(0, { $0 + values[$1] }) < covered { _ = withholdSmallestPublished() }
        }
        let rungs = otherThresholds.union([threshold]).filter { $0 > 1 }.sorted()
        while small.contains(where: { isExact($0, values: values, reasons: reasons, sum: sum, rungs: rungs) }),
              withholdSmallestPublished() {}
        return reasons
    }

    /// Whether a reader who knows the rule works out the withheld small cell `index` exactly: the
    /// withheld cells' sum is the total less the published cells (or at least what the published
    /// ones leave of those covered), an empty cell is 0, and each other withheld cell lies between
    /// the thresholds (`rungs`) around it, a secondary one at most the smallest published value.
    private static func isExact(_ index: Int, values: [Int], reasons: [SuppressedCell.Reason?], sum kind: Sum, rungs: [Int]) -> Bool {
        let smallestPublished = values.indices.filter { reasons[$0] == nil && values[$0] > 0 }.map { values[$0] }.min()
        func bounds(_ cell: Int) -> (low: Int, high: Int?) {
            let value = values[cell]
            let low = rungs.last { $0 <= value } ?? 1
            var high = rungs.first { $0 > value }.map { $0 - 1 }
            if reasons[cell] == .secondary, let smallestPublished { high = min(high ?? smallestPublished, smallestPublished) }
            return (low, high)
        }
        var sum = 0, othersLow = 0, othersHigh: Int? = 0
        for other in values.indices where values[other] > 0 && reasons[other] != nil {
            sum += values[other]
            guard other != index else { continue }
            let (low, high) = bounds(other)
            othersLow += low
            othersHigh = othersHigh.flatMap { highs in high.map { highs + $0 } }
        }
        let own = bounds(index)
        switch kind {
        case .total:
            let low = max(own.low, othersHigh.map { sum - $0 } ?? own.low)
            let high = min(own.high ?? sum, sum - othersLow)
            return low == high
        case .atLeast(let covered):
            let published = values.indices.filter { reasons[$0] == nil }.reduce(0) { $0 + values[$1] }
            let low = max(own.low, othersHigh.map { covered - published - $0 } ?? own.low)
            return low == own.high
        }
    }
}
