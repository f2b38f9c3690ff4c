import Frameworks

/// How a total row is judged against targets.
///
/// The target of a round is the indicator's target for that round, else for the next round of its
/// time line that has one. The estimate (not its interval) decides:
/// - **met** when it reaches the target (≥ for direction up, ≤ for down);
/// - at the target's own round, anything else is **not met**;
/// - before it, **on track** when it reaches the straight path from the baseline to the target,
///   which advances one equal step per round of the time line, else **off track**;
///   without a baseline there is no path, and no status until the target is met or its round comes.
///
/// An estimate within ``tolerance`` (relative) of the goal reaches it: a mean of 25 answers of 0.3
/// sums to 0.2999999999999999 in floating point, and is at its target of 0.3.
enum StatusRule {
    /// Far above floating-point rounding (about 1e-16 relative), far below any decimal a result shows.
    static let tolerance = 1e-9

    static func target(for indicator: Indicator, round: String, timeLine: [String]) -> (round: String, value: Double)? {
        guard let position = timeLine.firstIndex(of: round) else { return nil }
        for later in timeLine[position...] {
            if let value = indicator.target(forRound: later) { return (later, value) }
        }
        return nil
    }

    static func status(of estimate: Double, for indicator: Indicator, round: String, timeLine: [String]) -> TargetStatus? {
        guard let direction = indicator.direction, let target = target(for: indicator, round: round, timeLine: timeLine) else { return nil }
        func reaches(_ goal: Double) -> Bool {
            let slack = tolerance * max(abs(goal), abs(estimate))
            return direction == .up ? estimate >= goal - slack : estimate <= goal + slack
        }
        if reaches(target.value) { return .met }
        if target.round == round { return .notMet }
        guard let baseline = indicator.baseline,
              let start = timeLine.firstIndex(of: baseline.round),
              let now = timeLine.firstIndex(of: round),
              let end = timeLine.firstIndex(of: target.round),
              start < end, start <= now
        else { return nil }
        let path = baseline.value + (target.value - baseline.value) * Double(now - start) / Double(end - start)
        return reaches(path) ? .onTrack : .offTrack
    }
}
