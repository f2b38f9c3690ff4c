/// Which cells of one breakdown are withheld.
///
/// A cell whose unweighted base is below the threshold is suppressed (primary). Because the
/// groups of a breakdown partition the total (a "not answered" group included), a single
/// suppressed group could be worked out by subtracting its published siblings from the total; so
/// when exactly one group is suppressed, the published group with the smallest base is withheld
/// too (secondary). An empty group is withheld but protects no one: that nobody is in it is no
/// secret (a topline shows the 0), so a single withheld group with responses takes the smallest
/// published one with it even when empty groups are withheld beside it. A total below the
/// threshold takes every group with it.
public enum Suppression {
    public struct Decision: Sendable, Hashable {
        public let total: SuppressedCell.Reason?
        /// One entry per group, in the order given: nil to publish.
        public let groups: [SuppressedCell.Reason?]
    }

    public static func decide(total: Int, groups: [Int], threshold: Int) -> Decision {
        if total < threshold {
            return Decision(total: .belowThreshold, groups: groups.map { _ in .belowThreshold })
        }
        var reasons: [SuppressedCell.Reason?] = groups.map { $0 < threshold ? .belowThreshold : nil }
        let withheld = groups.indices.filter { reasons[$0] != nil }
        if withheld.count == 1 || withheld.filter({ groups[$0] > 0 }).count == 1 {
            let candidates = groups.indices.filter { reasons[$0] == nil }
            if let smallest = candidates.min(by: { (groups[$0], $0) < (groups[$1], $1) }) {
                reasons[smallest] = .secondary
            }
        }
        return Decision(total: nil, groups: reasons)
    }
}
