import Diagnostics
import SurveyDefinition
import YAMLReading

extension FrameworkReader {
    /// The keys each kind takes besides those every indicator takes, and those it needs.
    static func kindKeys(_ kind: IndicatorKind) -> (allowed: Set<String>, required: [String]) {
        let design: Set<String> = ["survey", "universe", "weight", "strata", "fpc", "poststratify", "disaggregate", "min_cell", "min_base", "comparable"]
        switch kind {
        case .proportion: return (design.union(["numerator"]), ["survey", "numerator"])
        case .mean, .total: return (design.union(["value", "p_percent"]), ["survey", "value"])
        case .median: return (design.union(["value"]), ["survey", "value"])
        case .count: return (design, ["survey"])
        case .ratio: return (design.union(["value", "denominator", "p_percent"]), ["survey", "value", "denominator"])
        case .reported: return (["values"], ["values"])
        }
    }

    static let kindSpecificKeys = ["survey", "numerator", "universe", "value", "denominator", "weight", "strata", "fpc",
                                   "poststratify", "disaggregate", "min_cell", "min_base", "p_percent", "comparable", "values"]

    mutating func readIndicator(_ item: YAMLNode, index: Int) -> Indicator? {
        let fallbackPlace = "indicator \(index + 1)"
        guard var map = MappingReader(item, place: fallbackPlace, diagnostics: &diagnostics) else { return nil }
        var keyLocations: [String: SourceLocation] = [:]
        for key in map.keys { keyLocations[key] = map.location(ofKey: key) }
        let idNode = map.required("id", example: "share_measuring_impact", diagnostics: &diagnostics)
        let id = idNode.flatMap { readIdentifier($0, what: "the id of \(fallbackPlace)") }
        let place = id.map { "indicator `\($0)`" } ?? fallbackPlace
        map.place = place
        var values: [String: YAMLNode] = [:]
        for key in ["node", "kind", "title"] + Self.kindSpecificKeys + ["description", "unit", "direction", "baseline", "targets"] {
            if let value = map.value(key) {
                values[key] = value
                keyLocations[key] = value.location
            }
        }
        map.reportUnknownKeys(into: &diagnostics)

        func required(_ key: String, example: String) -> YAMLNode? {
            if let value = values[key] { return value }
            if map.hasMisspelling(of: key) { return nil }
            diagnostics.report(.missingKey, at: item.location, "\(place) has no `\(key)`; add it, e.g. `\(key): \(example)`")
            return nil
        }

        let node = required("node", example: "an_outcome_id").flatMap { $0.text("the node of \(place)", diagnostics: &diagnostics) }
        let title = required("title", example: "{sv: \"…\", en: \"…\"}").flatMap { texts.read($0, what: "the title of \(place)", diagnostics: &diagnostics) }
        let description = values["description"].flatMap { texts.read($0, what: "the description of \(place)", diagnostics: &diagnostics) }
        var kind: IndicatorKind?
        if let kindNode = required("kind", example: "proportion"), let text = kindNode.text("the kind of \(place)", diagnostics: &diagnostics) {
            kind = IndicatorKind(rawValue: text)
            if kind == nil {
                let names = IndicatorKind.allCases.map(\.rawValue)
                diagnostics.report(.unknownIndicatorKind, at: kindNode.location,
                                   "'\(text)' is not an indicator kind\(Suggestions.didYouMean(text, in: names)); the kinds are \(names.joined(separator: ", "))")
            }
        }

        if let kind {
            let (allowed, needed) = Self.kindKeys(kind)
            for key in Self.kindSpecificKeys where values[key] != nil && !allowed.contains(key) {
                diagnostics.report(.keyNotForKind, at: map.location(ofKey: key) ?? item.location,
                                   "\(place) is a \(kind.rawValue), which takes no `\(key)`\(Self.kindHint(kind, key: key))")
            }
            for key in needed where values[key] == nil && !map.hasMisspelling(of: key) {
                diagnostics.report(.missingKey, at: item.location, "\(place) is a \(kind.rawValue) and needs `\(key)`\(Self.neededHint(kind, key: key))")
            }
        }
        let takes = { (key: String) -> Bool in kind.map { Self.kindKeys($0).allowed.contains(key) } ?? true }

        let survey = takes("survey") ? values["survey"].flatMap { $0.text("the survey of \(place)", diagnostics: &diagnostics) } : nil
        func expression(_ key: String) -> ExpressionSource? {
            takes(key) ? values[key].flatMap { readExpression($0, what: "`\(key)` of \(place)") } : nil
        }
        func variable(_ key: String) -> String? {
            takes(key) ? values[key].flatMap { $0.text("`\(key)` of \(place)", diagnostics: &diagnostics) } : nil
        }
        let unit = values["unit"].flatMap { $0.text("the unit of \(place)", diagnostics: &diagnostics) }
        var direction: Direction?
        if let node = values["direction"], let text = node.text("the direction of \(place)", diagnostics: &diagnostics) {
            direction = Direction(rawValue: text)
            if direction == nil {
                diagnostics.report(.invalidValue, at: node.location, "the direction of \(place) is up or down (which way is better), not '\(text)'")
            }
        }
        let disaggregate = takes("disaggregate") ? values["disaggregate"].map { readNameList($0, what: "`disaggregate` of \(place)").map(\.value) } ?? [] : []
        let comparable = takes("comparable") ? values["comparable"].map { readNameList($0, what: "`comparable` of \(place)") } ?? [] : []
        let baseline = values["baseline"].flatMap { readBaseline($0, place: place) }
        let targets = values["targets"].map { readRoundValues($0, what: "the targets of \(place)") } ?? []
        let reported = takes("values") ? values["values"].map { readRoundValues($0, what: "the reported values of \(place)") } ?? [] : []
        let minCell = takes("min_cell") ? values["min_cell"].flatMap { readThreshold($0, what: "`min_cell` of \(place)") } : nil
        let minBase = takes("min_base") ? values["min_base"].flatMap { readThreshold($0, what: "`min_base` of \(place)") } : nil
        let pPercent = takes("p_percent") ? values["p_percent"].flatMap { readPPercent($0, what: "`p_percent` of \(place)") } : nil
        // `poststratify: false`: the round's weighting to the population passes this indicator by.
        let followsRoundWeighting = takes("poststratify")
            ? values["poststratify"].flatMap { $0.bool("`poststratify` of \(place)", diagnostics: &diagnostics) } ?? true : true

        guard let id, let idNode, let kind else { return nil }
        return Indicator(
            id: id, node: node ?? "", title: LocalizedText(title ?? [:]), description: description.map(LocalizedText.init),
            kind: kind, survey: survey, numerator: expression("numerator"), universe: expression("universe"),
            value: expression("value"), denominator: expression("denominator"), weight: variable("weight"),
            strata: variable("strata"), fpc: variable("fpc"), unit: unit, direction: direction, disaggregate: disaggregate,
            baseline: baseline, targets: targets, reportedValues: reported, minCell: minCell, minBase: minBase, pPercent: pPercent,
            followsRoundWeighting: followsRoundWeighting, comparable: comparable, location: idNode.location, keyLocations: keyLocations
        )
    }

    private static func kindHint(_ kind: IndicatorKind, key: String) -> String {
        switch (kind, key) {
        case (.proportion, "value"): "; a proportion counts `numerator` among the `universe`"
        case (.mean, "numerator"), (.median, "numerator"), (.total, "numerator"): "; it takes the number in `value` (for a share, use kind: proportion)"
        case (.count, _): "; a count counts the responses in `universe`"
        case (.reported, _): "; its values are entered per round under `values`"
        case (_, "values"): "; values per round are for kind: reported"
        case (_, "denominator"): "; `denominator` is for kind: ratio"
        default: ""
        }
    }

    private static func neededHint(_ kind: IndicatorKind, key: String) -> String {
        switch key {
        case "survey": ", the survey it is computed from, e.g. `survey: esem-se`"
        case "numerator": ", the condition counted, e.g. `numerator: \"${imm_status} = 'yes'\"`"
        case "value": ", the number to \(kind == .ratio ? "sum above the line" : "average or sum"), e.g. `value: \"${eco_score}\"`"
        case "denominator": ", the number summed below the line, e.g. `denominator: \"${mgmt_n}\"`"
        case "values": ", the value of each round, e.g. `values: {msi-2025: 12}`"
        default: ""
        }
    }

    private mutating func readBaseline(_ node: YAMLNode, place: String) -> RoundValue? {
        guard var map = MappingReader(node, place: "the baseline of \(place)", diagnostics: &diagnostics) else { return nil }
        let roundNode = map.required("round", example: "esem-se-2024", diagnostics: &diagnostics)
        let round = roundNode.flatMap { $0.text("the baseline round of \(place)", diagnostics: &diagnostics) }
        let valueNode = map.required("value", example: "0.23", diagnostics: &diagnostics)
        let value = valueNode.flatMap { readNumber($0, what: "the baseline value of \(place)") }
        map.reportUnknownKeys(into: &diagnostics)
        guard let round, let roundNode, let value, let valueNode else { return nil }
        return RoundValue(round: round, value: value, location: roundNode.location, valueLocation: valueNode.location)
    }

    /// `{round: value, …}`, each round's location kept for checking that it exists.
    private mutating func readRoundValues(_ node: YAMLNode, what: String) -> [RoundValue] {
        guard var map = MappingReader(node, place: what, diagnostics: &diagnostics) else { return [] }
        var result: [RoundValue] = []
        for (key, value) in map.remaining() {
            guard let number = readNumber(value, what: "the value of \(key.value) in \(what)") else { continue }
            result.append(RoundValue(round: key.value, value: number, location: key.location, valueLocation: value.location))
        }
        return result
    }
}
