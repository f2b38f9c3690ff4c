extension Framework {
    /// The rounds an indicator is followed over, in time order: its survey's rounds, or for a
    /// reported indicator the framework's reporting periods (rounds without a survey) and any other
    /// round it has a value, baseline or target for. The line does not depend on which values have
    /// been written so far, so the path to a target does not move when a later value comes in.
    public func timeLine(of indicator: Indicator) -> [String] {
        if let survey = indicator.survey, indicator.kind != .reported {
            return rounds.filter { $0.survey == survey }.map(\.name)
        }
        let named = Set(indicator.reportedValues.map(\.round) + indicator.targets.map(\.round) + (indicator.baseline.map { [$0.round] } ?? []))
        return rounds.filter { $0.survey == nil || named.contains($0.name) }.map(\.name)
    }
}
