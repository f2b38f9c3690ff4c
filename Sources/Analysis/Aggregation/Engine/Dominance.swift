/// The p % rule for figures built from sums of what each response contributes (totals, means and
/// ratios; docs/framework-format.md, "Suppression").
///
/// A cell fails it when the responses other than its two largest contribute less than p % of the
/// largest: the second largest, who knows its own value, could then work out the largest to within
/// p % from the published sum (a mean and its published n give the sum). One or two responses with
/// anything to contribute always fail it. Contributions are the responses' own values, unweighted,
/// as absolute values.
///
/// The withheld groups of a breakdown are known together: their sum is the total's less the published
/// groups'. So once the rule applies, groups are withheld (secondary) beside a failing group, or
/// beside small ones whose sum would fail, the published group with the smallest base first, as
/// for small cells, until the withheld groups pass the rule together.
public enum Dominance {
    /// Whether contributions `values` fail the p % rule.
    public static func fails(_ values: some Sequence<Double>, p: Double) -> Bool {
        var largest = 0.0, second = 0.0, sum = 0.0
        for value in values {
            let contribution = abs(value)
            sum += contribution
            if contribution > largest {
                second = largest
                largest = contribution
            } else if contribution > second {
                second = contribution
            }
        }
        guard largest > 0 else { return false }
        return sum - largest - second < p / 100 * largest
    }

    /// The reasons of a breakdown's groups once the rule applies: every published group that fails it
    /// withheld as dominated, then, while the withheld groups with responses fail it together, the
    /// published group with the smallest base (the first on a tie) withheld beside them.
    /// `failing` tells whether the groups at the given indices fail the rule together.
    public static func withhold(_ reasons: [SuppressedCell.Reason?], bases: [Int], failing: ([Int]) -> Bool) -> [SuppressedCell.Reason?] {
        var reasons = reasons
        for group in reasons.indices where reasons[group] == nil && bases[group] > 0 && failing([group]) {
            reasons[group] = .dominated
        }
        func withheld() -> [Int] { reasons.indices.filter { reasons[$0] != nil && bases[$0] > 0 } }
        var together = withheld()
        while !together.isEmpty, failing(together) {
            let published = reasons.indices.filter { reasons[$0] == nil && bases[$0] > 0 }
            guard let smallest = published.min(by: { (bases[$0], $0) < (bases[$1], $1) }) else { break }
            reasons[smallest] = .secondary
            together = withheld()
        }
        return reasons
    }
}
