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
///   1, or one as large as the next published cell, left the small ones exact.
///
/// A total below the threshold takes every group with it.
public enum Suppression {
    public struct Decision: Sendable, Hashable {
        public let total: SuppressedCell.Reason?
        /// One entry per group, in the order given: nil to publish.
        public let groups: [SuppressedCell.Reason?]
    }

    /// An indicator's total and one breakdown's group bases: an empty group is withheld as small,
    /// shown as `< threshold` like any small group, but protects no one.
    public static func decide(total: Int, groups: [Int], threshold: Int) -> Decision {
        if total < threshold {
            return Decision(total: .belowThreshold, groups: groups.map { _ in .belowThreshold })
        }
        return Decision(total: nil, groups: withhold(groups, threshold: threshold, zerosShown: false))
    }

    /// The reasons for the cells of one partition (nil to publish): small cells (an empty one too,
    /// unless `zerosShown`: a topline shows a count of 0) and the cells withheld beside them.
    public static func withhold(_ values: [Int], threshold: Int, zerosShown: Bool) -> [SuppressedCell.Reason?] {
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
        _ = withholdSmallestPublished()
        while small.contains(where: { isExact($0, values: values, reasons: reasons, threshold: threshold) }),
              withholdSmallestPublished() {}
        return reasons
    }

    /// Whether a reader who knows the rule works out the withheld small cell `index` exactly: the
    /// withheld cells' sum is the total less the published cells, an empty cell is 0, a small one
    /// lies between 1 and the threshold − 1, a secondary one between the threshold and the smallest
    /// published value.
    private static func isExact(_ index: Int, values: [Int], reasons: [SuppressedCell.Reason?], threshold: Int) -> Bool {
        let largestSecondary = values.indices.filter { reasons[$0] == nil && values[$0] > 0 }.map { values[$0] }.min()
        var sum = 0, othersLow = 0, othersHigh: Int? = 0
        for other in values.indices where values[other] > 0 {
            guard let reason = reasons[other] else { continue }
            sum += values[other]
            guard other != index else { continue }
            switch reason {
            case .belowThreshold:
                othersLow += 1
                othersHigh = othersHigh.map { $0 + threshold - 1 }
            case .secondary:
                othersLow += threshold
                othersHigh = othersHigh.flatMap { high in largestSecondary.map { high + $0 } }
            }
        }
        let low = max(1, othersHigh.map { sum - $0 } ?? 1)
        let high = min(threshold - 1, sum - othersLow)
        return low == high
    }
}
