import Frameworks

/// How a framework weights the figures of the exported round: the population figures of its
/// `poststratify` or `calibrate`, and the indicators with weights of their own or none. The data
/// file holds no weights; `provenance.json` repeats these so that an analyst can compute them again
/// from the exported rows, as R's `postStratify`, `rake` or `calibrate` would (docs/exports.md,
/// "Weights").
public struct ExportWeighting: Sendable {
    /// The round's weighting to population figures; nil when the round has none.
    public var rule: PostStratificationRule?
    /// The source of the figures, in the export's language.
    public var source: String?
    /// Indicators of the round's survey with a `weight` (and `strata`, `fpc`) of their own.
    public var designs: [Indicator]
    /// Indicators of the round's survey left out of the round's weighting (`poststratify: false`).
    public var unweighted: [String]

    /// The weighting of `round` in `framework`, with its source in `language`.
    public init(framework: Framework, round: String, language: String) {
        let declared = framework.round(round)
        let indicators = framework.indicators.filter { $0.survey != nil && $0.survey == declared?.survey }
        rule = declared?.poststratify
        source = rule?.source?.resolved(language, fallbacks: framework.languages)
        designs = indicators.filter { $0.weight != nil }
        unweighted = rule == nil ? [] : indicators.filter { !$0.followsRoundWeighting }.map(\.id)
    }

    /// The `weighting` object of `provenance.json`.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [("applied", .bool(rule != nil))]
        if let rule {
            members.append(("method", .string(rule.method)))
            if let calibration = rule.calibration {
                members.append(("calibrationMethod", .string(calibration.method.rawValue)))
                if let bounds = calibration.bounds { members.append(("bounds", .array([.number(bounds.lower), .number(bounds.upper)]))) }
                members.append(("population", .number(calibration.population)))
            }
            members.append(("counts", .object(rule.margins.map { margin in
                (margin.variable.value, .object(margin.counts.map { ($0.code.value, .number($0.count)) }))
            })))
            if let totals = rule.calibration?.totals, !totals.isEmpty {
                members.append(("totals", .object(totals.map { ($0.variable.value, .number($0.total)) })))
            }
            if let source { members.append(("source", .string(source))) }
            members.append(("baseWeights", .string("1 for every cleaned response, or the indicator's own weight (indicatorWeights)")))
            members.append(("notWeighted", .array(unweighted.map { .string($0) })))
        } else {
            members.append(("note", .string("the round's figures are not weighted to population figures")))
        }
        members.append(("indicatorWeights", .array(designs.map { indicator in
            .object([("indicator", .string(indicator.id)), ("weight", .string(indicator.weight ?? ""))]
                + (indicator.strata.map { [("strata", .string($0))] } ?? [])
                + (indicator.fpc.map { [("fpc", .string($0))] } ?? []))
        })))
        return .object(members)
    }
}
