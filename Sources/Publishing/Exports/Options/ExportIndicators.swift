import Frameworks

/// How the framework computes each indicator of the exported round's survey, as it writes it: which
/// responses form the base (`universe`), what is counted or summed, the breakdowns, the suppression
/// threshold (and p % rule) and the targets. With the rows and the cleaning log, this is what an analyst needs to
/// compute `results.csv` again; `provenance.json` repeats it (docs/exports.md, "Indicators").
public struct ExportIndicators: Sendable {
    public var indicators: [Indicator]
    public var suppression: SuppressionRules
    /// The rounds of the survey in the framework's order: the time line a change is taken along.
    public var rounds: [String]

    public init(framework: Framework, round: String) {
        let survey = framework.round(round)?.survey
        indicators = framework.indicators.filter { $0.survey != nil && $0.survey == survey }
        suppression = framework.suppression
        rounds = framework.rounds.filter { $0.survey != nil && $0.survey == survey }.map(\.name)
    }

    /// The `indicators` object of `provenance.json`.
    var json: JSONValue {
        .object([
            ("rounds", .array(rounds.map { .string($0) })),
            ("suppression", .object([("minCell", .integer(Int64(suppression.minCell))), ("minBase", .integer(Int64(suppression.minBase)))]
                + (suppression.pPercent.map { [("pPercent", .number($0))] } ?? []))),
            ("definitions", .array(indicators.map(definition))),
        ])
    }

    private func definition(_ indicator: Indicator) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", .string(indicator.id)), ("kind", .string(indicator.kind.rawValue))]
        let expressions = [("universe", indicator.universe), ("numerator", indicator.numerator), ("value", indicator.value), ("denominator", indicator.denominator)]
        for (key, source) in expressions {
            if let source { members.append((key, .string(source.text))) }
        }
        for (key, variable) in [("weight", indicator.weight), ("strata", indicator.strata), ("fpc", indicator.fpc)] {
            if let variable { members.append((key, .string(variable))) }
        }
        members.append(("disaggregate", .array(indicator.disaggregate.map { .string($0) })))
        // The smallest base a cell is published with: min_cell, and for shares at least min_base.
        members.append(("threshold", .integer(Int64(indicator.threshold(defaults: suppression)))))
        // The p of the p % rule a cell of a total, mean or ratio must pass, where one applies.
        if let p = indicator.dominanceP(defaults: suppression) { members.append(("pPercent", .number(p))) }
        if let unit = indicator.unit { members.append(("unit", .string(unit))) }
        if let direction = indicator.direction { members.append(("direction", .string(direction.rawValue))) }
        if let baseline = indicator.baseline {
            members.append(("baseline", .object([("round", .string(baseline.round)), ("value", .number(baseline.value))])))
        }
        members.append(("targets", .object(indicator.targets.map { ($0.round, .number($0.value)) })))
        return .object(members)
    }
}
