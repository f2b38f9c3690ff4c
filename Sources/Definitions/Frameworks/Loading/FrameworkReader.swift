import Diagnostics
import SurveyDefinition
import YAMLReading

/// Reads the YAML tree of a framework into the model, reporting problems of shape and of
/// single values. Checks across the framework (graph, surveys, rounds) run afterwards.
struct FrameworkReader {
    let file: String
    var diagnostics = DiagnosticList()
    var texts = LocalizedTextReader(languages: [])
    /// The text's lines, to place each character of an expression in the file.
    let lines: SourceLines

    init(_ document: YAMLDocument) {
        self.file = document.path
        self.lines = SourceLines(document.text)
    }

    mutating func read(_ root: YAMLNode) -> Framework? {
        if let other = Self.otherKind(root) {
            diagnostics.report(.unknownDefinitionKind, at: root.location,
                               "this is a \(other.kind) definition (it has `\(other.key)`), not a framework; a framework has `impact` and `indicators`")
            return nil
        }
        guard var map = MappingReader(root, place: "the framework", diagnostics: &diagnostics) else { return nil }
        let id = map.required("id", example: "my-framework", diagnostics: &diagnostics).flatMap { readSlug($0, what: "the framework id", code: .invalidFrameworkID) }
        let titleNode = map.required("title", example: "{sv: \"…\", en: \"…\"}", diagnostics: &diagnostics)
        let descriptionNode = map.value("description")
        let languages = map.required("languages", example: "[sv, en]", diagnostics: &diagnostics).flatMap { LanguageListReader.read($0, diagnostics: &diagnostics) }
        texts = LocalizedTextReader(languages: languages ?? [])
        let title = titleNode.flatMap { texts.read($0, what: "the framework title", diagnostics: &diagnostics) }
        let description = descriptionNode.flatMap { texts.read($0, what: "the framework description", diagnostics: &diagnostics) }

        let rounds = map.required("rounds", example: "a list of {name, survey, label}", diagnostics: &diagnostics).map { readRounds($0) } ?? []

        var nodes: [FrameworkNode] = []
        if let impactNode = map.required("impact", example: "{id: my_impact, title: {…}}", diagnostics: &diagnostics),
           let impact = readNode(impactNode, level: .impact, place: "the impact") {
            nodes.append(impact)
        }
        for level in [NodeLevel.outcome, .output, .activity] {
            let node = level == .outcome
                ? map.required(level.key, example: "a list of {id, title, contributes_to}", diagnostics: &diagnostics)
                : map.value(level.key)
            guard let node, let items = node.list("`\(level.key)`", diagnostics: &diagnostics) else { continue }
            for (index, item) in items.enumerated() {
                if let read = readNode(item, level: level, place: "\(level.rawValue) \(index + 1)") { nodes.append(read) }
            }
        }

        var indicators: [Indicator] = []
        if let list = map.required("indicators", example: "a list of indicators", diagnostics: &diagnostics),
           let items = list.list("`indicators`", diagnostics: &diagnostics) {
            if items.isEmpty {
                diagnostics.report(.emptyList, at: list.location, "the framework has no indicators; add at least one")
            }
            for (index, item) in items.enumerated() {
                if let indicator = readIndicator(item, index: index) { indicators.append(indicator) }
            }
        }

        var cleaning: [String: CleaningRules] = [:]
        if let node = map.value("cleaning"), var bySurvey = MappingReader(node, place: "`cleaning`", diagnostics: &diagnostics) {
            for (key, value) in bySurvey.remaining() {
                if let rules = readCleaning(value, place: "the cleaning rules of survey \(key.value)") {
                    var located = rules
                    located.location = key.location
                    cleaning[key.value] = located
                }
            }
        }
        let suppression = map.value("suppression").flatMap { readSuppression($0) } ?? .standard
        map.reportUnknownKeys(into: &diagnostics)

        return Framework(
            id: id ?? "", title: LocalizedText(title ?? [:]), description: description.map(LocalizedText.init),
            languages: languages ?? [], rounds: rounds, nodes: nodes, indicators: indicators, cleaning: cleaning,
            suppression: suppression, location: SourceLocation(file: file, line: 1, column: 1)
        )
    }

    /// The kind of definition a file given as a framework is instead (a survey has `pages`, a
    /// report `sections`), so that it is named once rather than as a dozen missing keys.
    private static func otherKind(_ root: YAMLNode) -> (kind: String, key: String)? {
        guard let keys = root.mapping?.compactMap({ $0.key.scalar?.text }), !keys.contains("impact"), !keys.contains("indicators") else { return nil }
        return [(kind: "survey", key: "pages"), (kind: "report", key: "sections")].first { keys.contains($0.key) }
    }

    // MARK: Rounds

    private mutating func readRounds(_ node: YAMLNode) -> [FrameworkRound] {
        guard let items = node.list("`rounds`", diagnostics: &diagnostics) else { return [] }
        if items.isEmpty {
            diagnostics.report(.emptyList, at: node.location, "`rounds` is empty; list the rounds in time order, e.g. {name: esem-se-2025, survey: esem-se, label: \"2025\"}")
        }
        var rounds: [FrameworkRound] = []
        for (index, item) in items.enumerated() {
            guard var map = MappingReader(item, place: "round \(index + 1)", diagnostics: &diagnostics) else { continue }
            let nameNode = map.required("name", example: "esem-se-2025", diagnostics: &diagnostics)
            let name = nameNode.flatMap { readSlug($0, what: "the round name", code: .invalidFrameworkRoundName) }
            let place = name.map { "round \($0)" } ?? "round \(index + 1)"
            map.place = place
            let survey = map.value("survey").flatMap { $0.text("the survey of \(place)", diagnostics: &diagnostics) }
            let label = map.required("label", example: "{sv: \"2025\", en: \"2025\"}", diagnostics: &diagnostics)
                .flatMap { texts.read($0, what: "the label of \(place)", diagnostics: &diagnostics) }
            let cleaning = map.value("cleaning").flatMap { readCleaning($0, place: "the cleaning rules of \(place)") }
            var poststratify = map.value("poststratify").flatMap { readPostStratification($0, place: place) }
            if let node = map.value("calibrate"), let calibrate = readCalibration(node, place: place) {
                if let other = poststratify {
                    diagnostics.report(.twoRoundWeightings, at: calibrate.location,
                                       "\(place) has both `poststratify` (line \(other.location.line)) and `calibrate`; a round is weighted once: keep `calibrate`, with the post-stratification variable's counts under its `counts`, or keep `poststratify`")
                } else {
                    poststratify = calibrate
                }
            }
            map.reportUnknownKeys(into: &diagnostics)
            guard let name, let nameNode else { continue }
            rounds.append(FrameworkRound(
                name: name, survey: survey, label: LocalizedText(label ?? [:]), cleaning: cleaning, poststratify: poststratify,
                location: nameNode.location
            ))
        }
        return rounds
    }

    /// `poststratify: {variable, counts: {CODE: N, …}, source?}`, or for raking
    /// `poststratify: {margins: [{variable, counts}, …], source?}`; each count a number above 0
    /// (E326), each variable once (E332), every margin's counts adding up to the same total (E330).
    private mutating func readPostStratification(_ node: YAMLNode, place: String) -> PostStratificationRule? {
        let what = "`poststratify` of \(place)"
        guard var map = MappingReader(node, place: what, diagnostics: &diagnostics) else { return nil }
        var margins: [PopulationMargin] = []
        var complete: [Bool] = []
        if let marginsNode = map.value("margins") {
            guard let items = marginsNode.list("`margins` of \(what)", diagnostics: &diagnostics) else { return nil }
            if items.isEmpty {
                diagnostics.report(.emptyList, at: marginsNode.location,
                                   "`margins` of \(what) is empty; give each variable's population counts, e.g. {variable: region, counts: {N: 1200, M: 2300, S: 2900}}")
            }
            for (index, item) in items.enumerated() {
                guard var margin = MappingReader(item, place: "margin \(index + 1) of \(what)", diagnostics: &diagnostics) else { continue }
                if let read = readMargin(&margin, at: item.location, what: "margin \(index + 1) of \(what)") {
                    margins.append(read.margin)
                    complete.append(read.complete)
                }
                margin.reportUnknownKeys(into: &diagnostics)
            }
        } else if let read = readMargin(&map, at: node.location, what: what) {
            margins.append(read.margin)
            complete.append(read.complete)
        }
        let source = map.value("source").flatMap { texts.read($0, what: "`source` of \(what)", diagnostics: &diagnostics) }
        map.reportUnknownKeys(into: &diagnostics)
        checkMargins(margins, complete: complete, what: what)
        guard !margins.isEmpty else { return nil }
        return PostStratificationRule(margins: margins, source: source.map(LocalizedText.init), location: node.location)
    }

    /// One margin's `variable` and `counts`, and whether every count was read.
    private mutating func readMargin(_ map: inout MappingReader, at location: SourceLocation, what: String) -> (margin: PopulationMargin, complete: Bool)? {
        let variableNode = map.required("variable", example: "region", diagnostics: &diagnostics)
        let variable = variableNode.flatMap { node in node.text("`variable` of \(what)", diagnostics: &diagnostics).map { Located($0, at: node.location) } }
        let read = map.required("counts", example: "{N: 1200, M: 2300, S: 2900}", diagnostics: &diagnostics).map { readCounts($0, what: what) }
        guard let variable else { return nil }
        let counts = read?.counts ?? []
        return (PopulationMargin(variable: variable, counts: counts, location: location), read?.complete == true && !counts.isEmpty)
    }

    /// `{CODE: N, …}`: each code's population count, and whether every count was read.
    private mutating func readCounts(_ node: YAMLNode, what: String) -> (counts: [PopulationCount], complete: Bool) {
        guard var byCode = MappingReader(node, place: "`counts` of \(what)", diagnostics: &diagnostics) else { return ([], false) }
        let entries = byCode.remaining()
        if entries.isEmpty {
            diagnostics.report(.emptyList, at: node.location,
                               "`counts` of \(what) is empty; give the population count of each code, e.g. {N: 1200, M: 2300, S: 2900}")
        }
        var counts: [PopulationCount] = []
        var complete = true
        for (code, value) in entries {
            guard let count = readPopulationCount(value, code: code.value, what: what) else {
                complete = false
                continue
            }
            counts.append(PopulationCount(code: code, count: count))
        }
        return (counts, complete)
    }

    /// `calibrate: {population?, counts?: {VARIABLE: {CODE: N, …}, …}, totals?: {VARIABLE: T, …}, method?, bounds?, source?}`:
    /// calibration to the population's size (required without counts, else the sum of each
    /// variable's counts, E330 when it differs), each categorical variable's counts (read as
    /// raking's margins) and each numeric variable's total (E337 when not a finite number; a
    /// variable with counts and a total, E332); `method` linear (the default), raking or logit
    /// (E340), `bounds: [lower, upper]` (E341), required with logit (E342).
    private mutating func readCalibration(_ node: YAMLNode, place: String) -> PostStratificationRule? {
        let what = "`calibrate` of \(place)"
        guard var map = MappingReader(node, place: what, diagnostics: &diagnostics) else { return nil }
        var margins: [PopulationMargin] = []
        var complete: [Bool] = []
        if let countsNode = map.value("counts"), var byVariable = MappingReader(countsNode, place: "`counts` of \(what)", diagnostics: &diagnostics) {
            let entries = byVariable.remaining()
            if entries.isEmpty {
                diagnostics.report(.emptyList, at: countsNode.location,
                                   "`counts` of \(what) is empty; give each categorical variable's population counts, e.g. {region: {N: 1200, M: 2300, S: 2900}}, or leave `counts` out")
            }
            for (variable, value) in entries {
                let read = readCounts(value, what: "\(what) (counts of \(variable.value))")
                margins.append(PopulationMargin(variable: variable, counts: read.counts, location: variable.location))
                complete.append(read.complete && !read.counts.isEmpty)
            }
        }
        var totals: [PopulationTotal] = []
        if let totalsNode = map.value("totals"), var byVariable = MappingReader(totalsNode, place: "`totals` of \(what)", diagnostics: &diagnostics) {
            let entries = byVariable.remaining()
            if entries.isEmpty {
                diagnostics.report(.emptyList, at: totalsNode.location,
                                   "`totals` of \(what) is empty; give each numeric variable's population total, e.g. {fte: 23000}, or leave `totals` out")
            }
            for (variable, value) in entries {
                if let total = readPopulationTotal(value, variable: variable.value, what: what) {
                    totals.append(PopulationTotal(variable: variable, total: total))
                }
            }
        }
        let populationNode = margins.isEmpty ? map.required("population", example: "6400", diagnostics: &diagnostics) : map.value("population")
        let population = populationNode.flatMap { readPopulationSize($0, what: what) }
        let method = map.value("method").map { readCalibrationMethod($0, what: what) } ?? .linear
        let boundsNode = map.value("bounds")
        let bounds = boundsNode.flatMap { readCalibrationBounds($0, what: what) }
        if method == .logit, boundsNode == nil {
            diagnostics.report(.logitWithoutBounds, at: map.location(ofKey: "method") ?? node.location,
                               "\(what) calibrates by logit, which keeps each weight's ratio to its base weight between two bounds, but gives no `bounds`; add them, e.g. bounds: [0.5, 2], or use method: raking, which keeps every weight above 0 without bounds")
        }
        let source = map.value("source").flatMap { texts.read($0, what: "`source` of \(what)", diagnostics: &diagnostics) }
        map.reportUnknownKeys(into: &diagnostics)
        checkMargins(margins, complete: complete, what: what, weighting: "calibration")
        let counted = Dictionary(margins.map { ($0.variable.value, $0.variable) }, uniquingKeysWith: { first, _ in first })
        for total in totals {
            if let counts = counted[total.variable.value] {
                diagnostics.report(.marginVariableRepeated, at: total.variable.location,
                                   "\(what) has counts of \(total.variable.value) (line \(counts.location.line)) and a total of it; a variable is calibrated to its codes' counts (a select_one) or to its total (a number), not both")
            }
        }
        let size: Double
        if let population {
            size = population
            for (margin, isComplete) in zip(margins, complete) where isComplete && !Self.sameTotal(margin.total, population) {
                diagnostics.report(.marginTotalsDiffer, at: margin.location,
                                   "the counts of \(margin.variable.value) in \(what) add up to \(Self.number(margin.total)), but `population` is \(Self.number(population)); calibration weights to one population, so every variable's counts must add up to its size: correct the counts or the population (a register's totals can differ by the units without a value: count those in a code of their own)")
            }
        } else if let first = zip(margins, complete).first(where: { $0.1 })?.0, populationNode == nil {
            size = first.total
        } else {
            return nil
        }
        return PostStratificationRule(margins: margins, source: source.map(LocalizedText.init), location: node.location,
                                      calibration: CalibrationRule(population: size, totals: totals, method: method, bounds: bounds))
    }

    /// `method: linear | raking | logit`; an unknown name is E340 (with the nearest) and read as linear.
    private mutating func readCalibrationMethod(_ node: YAMLNode, what: String) -> CalibrationMethodName {
        guard let text = node.text("`method` of \(what)", diagnostics: &diagnostics) else { return .linear }
        if let method = CalibrationMethodName(rawValue: text) { return method }
        let names = CalibrationMethodName.allCases.map(\.rawValue)
        diagnostics.report(.unknownCalibrationMethod, at: node.location,
                           "`method` of \(what) is '\(text)'\(Suggestions.didYouMean(text, in: names)); calibration methods are \(names.joined(separator: ", ")) (linear, the default, can give weights of 0 or below; raking keeps them above 0; logit keeps them within `bounds`)")
        return .linear
    }

    /// `bounds: [lower, upper]`, two numbers written without quotes with 0 ≤ lower < 1 < upper
    /// (E341 at the list or at the number at fault).
    private mutating func readCalibrationBounds(_ node: YAMLNode, what: String) -> CalibrationRatioBounds? {
        let meaning = "the range of each calibrated weight's ratio to its base weight, which is 1 for a weight left as it is"
        guard let items = node.sequence, items.count == 2 else {
            let shown = node.sequence.map { "a list of \($0.count)" } ?? node.scalar.map { "'\($0.text)'" } ?? node.kindDescription
            diagnostics.report(.invalidCalibrationBounds, at: node.location,
                               "`bounds` of \(what) is \(shown), not two numbers [lower, upper]; write \(meaning), e.g. bounds: [0.5, 2]")
            return nil
        }
        var values: [Double] = []
        for (item, name) in zip(items, ["lower", "upper"]) {
            guard let scalar = item.scalar, !scalar.isQuoted, let value = Double(scalar.text), value.isFinite else {
                let shown = item.scalar.map { "'\($0.text)'" } ?? item.kindDescription
                diagnostics.report(.invalidCalibrationBounds, at: item.location,
                                   "the \(name) bound in `bounds` of \(what) is \(shown), not a finite number; write \(meaning) as two numbers without quotes, e.g. bounds: [0.5, 2]")
                return nil
            }
            values.append(value)
        }
        let (lower, upper) = (values[0], values[1])
        let problem: (index: Int, why: String)? =
            lower < 0 ? (0, "below 0, and a weight cannot be negative")
            : lower >= 1 ? (0, "not below 1, so no weight could stay as it is or fall")
            : upper <= 1 ? (1, "not above 1, so no weight could stay as it is or rise")
            : nil
        if let problem {
            diagnostics.report(.invalidCalibrationBounds, at: items[problem.index].location,
                               "the \(problem.index == 0 ? "lower" : "upper") bound in `bounds` of \(what) is \(Self.number(values[problem.index])), \(problem.why); bounds are \(meaning), with 0 ≤ lower < 1 < upper, e.g. bounds: [0.5, 2]")
            return nil
        }
        return CalibrationRatioBounds(lower: lower, upper: upper)
    }

    private mutating func readPopulationSize(_ node: YAMLNode, what: String) -> Double? {
        readRegisterNumber(node, isCount: true, code: .populationCountNotPositive) { shown, problem in
            "`population` of \(what) is \(shown), \(problem); write the register's number of units without quotes, e.g. population: 6400"
        }
    }

    private mutating func readPopulationTotal(_ node: YAMLNode, variable: String, what: String) -> Double? {
        readRegisterNumber(node, isCount: false, code: .populationTotalNotFinite) { shown, _ in
            "the population total of \(variable) in \(what) is \(shown), not a finite number; write the register's total without quotes, e.g. \(variable): 23000"
        }
    }

    /// A finite number written without quotes (when `isCount`, a count: above 0 and at most
    /// ``largestCount``), else `code` with the message `refusal` makes of what is written instead
    /// and what is wrong with it.
    private mutating func readRegisterNumber(
        _ node: YAMLNode, isCount: Bool, code: DiagnosticCode, refusal: (_ shown: String, _ problem: String) -> String
    ) -> Double? {
        let text = node.scalar?.text ?? ""
        guard node.scalar?.isQuoted == false, let value = Double(text), value.isFinite, !isCount || value > 0 else {
            diagnostics.report(code, at: node.location, refusal(node.scalar.map { "'\($0.text)'" } ?? node.kindDescription, "not a number above 0"))
            return nil
        }
        guard !isCount || value <= Self.largestCount else {
            diagnostics.report(code, at: node.location, refusal(
                "'\(text)'", "more units than any register counts (at most \(Self.number(Self.largestCount)); counts beyond it overflow the weights)"))
            return nil
        }
        return value
    }

    /// The largest population count or size taken: far above any register's, and small enough that
    /// counts, their sums and the weights scaled to them stay finite.
    static let largestCount = 1e12

    /// Raking's or calibration's margins: each variable once (E332), and one population, so every
    /// margin whose counts were all read adds up to the first such margin's total (E330).
    private mutating func checkMargins(_ margins: [PopulationMargin], complete: [Bool], what: String, weighting: String = "raking") {
        var firstOf: [String: PopulationMargin] = [:]
        for margin in margins {
            let name = margin.variable.value
            if let first = firstOf[name] {
                diagnostics.report(.marginVariableRepeated, at: margin.variable.location,
                                   "\(what) has two margins of \(name) (the first on line \(first.variable.location.line)); give each variable's counts once, or cross two variables into one calculated text to weight to their combinations")
            } else {
                firstOf[name] = margin
            }
        }
        guard let reference = zip(margins, complete).first(where: { $0.1 })?.0 else { return }
        for (margin, isComplete) in zip(margins, complete) where isComplete && !Self.sameTotal(margin.total, reference.total) {
            diagnostics.report(.marginTotalsDiffer, at: margin.location,
                               "the counts of \(margin.variable.value) in \(what) add up to \(Self.number(margin.total)), but those of \(reference.variable.value) to \(Self.number(reference.total)); \(weighting) weights to one population, so every margin must add up to its size: correct the counts (a register's totals can differ by the units without a value: count those in a code of their own)")
        }
    }

    private static func sameTotal(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    }

    /// A count as written in a message: 6400, or 6400.5.
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    private mutating func readPopulationCount(_ node: YAMLNode, code: String, what: String) -> Double? {
        readRegisterNumber(node, isCount: true, code: .populationCountNotPositive) { shown, problem in
            "the population count of \(code) in \(what) is \(shown), \(problem); write the register's count without quotes, e.g. \(code): 1200 (a post-stratum with no population cannot have responses: leave it out)"
        }
    }

    // MARK: Nodes

    private mutating func readNode(_ item: YAMLNode, level: NodeLevel, place: String) -> FrameworkNode? {
        guard var map = MappingReader(item, place: place, diagnostics: &diagnostics) else { return nil }
        let idNode = map.required("id", example: "my_\(level.rawValue)", diagnostics: &diagnostics)
        let id = idNode.flatMap { readIdentifier($0, what: "the id of \(place)") }
        let named = id.map { "\(level.rawValue) `\($0)`" } ?? place
        map.place = named
        let title = map.required("title", example: "{sv: \"…\", en: \"…\"}", diagnostics: &diagnostics)
            .flatMap { texts.read($0, what: "the title of \(named)", diagnostics: &diagnostics) }
        let description = map.value("description").flatMap { texts.read($0, what: "the description of \(named)", diagnostics: &diagnostics) }
        var links: [Located<String>] = []
        if level != .impact {
            if let node = map.required("contributes_to", example: "[an_outcome_id]", diagnostics: &diagnostics) {
                links = readNameList(node, what: "`contributes_to` of \(named)")
                if links.isEmpty, node.sequence != nil {
                    diagnostics.report(.emptyList, at: node.location, "\(named) contributes to nothing; name the node(s) it contributes to")
                }
            }
        }
        map.reportUnknownKeys(into: &diagnostics)
        guard let id, let idNode else { return nil }
        return FrameworkNode(
            id: id, level: level, title: LocalizedText(title ?? [:]), description: description.map(LocalizedText.init),
            contributesTo: links, location: idNode.location
        )
    }

    // MARK: Cleaning and suppression

    mutating func readCleaning(_ node: YAMLNode, place: String) -> CleaningRules? {
        guard var map = MappingReader(node, place: place, diagnostics: &diagnostics) else { return nil }
        var rules = CleaningRules(location: node.location)
        rules.test = map.value("test").flatMap { readExpression($0, what: "`test` of \(place)") }
        if let share = map.value("min_completeness") {
            if let value = readNumber(share, what: "`min_completeness` of \(place)") {
                if value > 0 && value <= 1 {
                    rules.minCompleteness = value
                } else {
                    let hint = value > 1 && value <= 100 ? "; write \(value / 100) for \(NumberFormatting.plain(value))%" : ""
                    diagnostics.report(.invalidThreshold, at: share.location, "`min_completeness` is a share above 0 and at most 1, not \(NumberFormatting.plain(value))\(hint)")
                }
            }
        }
        if let excludes = map.value("completeness_excludes") {
            rules.completenessExcludes = readNameList(excludes, what: "`completeness_excludes` of \(place)").map(\.value)
        }
        if let minutes = map.value("min_minutes"), let value = readNumber(minutes, what: "`min_minutes` of \(place)") {
            if value > 0 {
                rules.minMinutes = value
            } else {
                diagnostics.report(.invalidThreshold, at: minutes.location, "`min_minutes` is a number of minutes above 0, such as 3 or 2.5, not \(NumberFormatting.plain(value))")
            }
        }
        if let key = map.value("duplicate_key") {
            rules.duplicateKey = readNameList(key, what: "`duplicate_key` of \(place)").map(\.value)
        }
        rules.eligible = map.value("eligible").flatMap { readExpression($0, what: "`eligible` of \(place)") }
        map.reportUnknownKeys(into: &diagnostics)
        return rules
    }

    private mutating func readSuppression(_ node: YAMLNode) -> SuppressionRules? {
        guard var map = MappingReader(node, place: "`suppression`", diagnostics: &diagnostics) else { return nil }
        var rules = SuppressionRules.standard
        if let cell = map.value("min_cell"), let value = readThreshold(cell, what: "`min_cell` of `suppression`") { rules.minCell = value }
        if let base = map.value("min_base"), let value = readThreshold(base, what: "`min_base` of `suppression`") { rules.minBase = value }
        if let p = map.value("p_percent"), let value = readPPercent(p, what: "`p_percent` of `suppression`") { rules.pPercent = value }
        map.reportUnknownKeys(into: &diagnostics)
        return rules
    }

    // MARK: Values

    mutating func readSlug(_ node: YAMLNode, what: String, code: DiagnosticCode) -> String? {
        guard let text = node.text(what, diagnostics: &diagnostics) else { return nil }
        if !NamePattern.isSlug(text) {
            diagnostics.report(code, at: node.location, "\(what) '\(text)' is not a slug: use lowercase letters and digits joined by hyphens, e.g. `\(NamePattern.slug(from: text, fallback: "my-framework"))`")
        }
        return text
    }

    mutating func readIdentifier(_ node: YAMLNode, what: String) -> String? {
        guard let text = node.text(what, diagnostics: &diagnostics) else { return nil }
        if !NamePattern.isIdentifier(text) {
            diagnostics.report(.invalidFrameworkName, at: node.location,
                               "\(what) '\(text)' is not an identifier (\(NamePattern.identifierProblem(text))); write it as `\(NamePattern.suggestedIdentifier(for: text))`")
        }
        return text
    }

    /// A list of names, or one name written alone.
    mutating func readNameList(_ node: YAMLNode, what: String) -> [Located<String>] {
        if let scalar = node.scalar, !scalar.isNull { return [Located(scalar.text, at: node.location)] }
        guard let items = node.list(what, diagnostics: &diagnostics) else { return [] }
        return items.compactMap { item in item.text("an item of \(what)", diagnostics: &diagnostics).map { Located($0, at: item.location) } }
    }

    mutating func readExpression(_ node: YAMLNode, what: String) -> ExpressionSource? {
        guard node.text(what, diagnostics: &diagnostics) != nil, let scalar = node.scalar else { return nil }
        return ExpressionSource(scalar, in: lines)
    }

    mutating func readNumber(_ node: YAMLNode, what: String) -> Double? {
        guard let text = node.text(what, diagnostics: &diagnostics) else { return nil }
        guard node.scalar?.isQuoted == false, let value = Double(text), value.isFinite else {
            diagnostics.report(.invalidValue, at: node.location, "\(what) must be a number written without quotes, such as 0.3, not '\(text)'" + Self.numberHint(text))
            return nil
        }
        return value
    }

    /// What the author likely meant by a number written otherwise: `75%`, `0,75`, `"0.75"`.
    static func numberHint(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%"), let percent = Double(trimmed.dropLast().trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")) {
            return "; a share is written from 0 to 1: \(NumberFormatting.plain(percent / 100)) for \(NumberFormatting.plain(percent)) %"
        }
        if trimmed.contains(","), !trimmed.contains("."), let number = Double(trimmed.replacingOccurrences(of: ",", with: ".")) {
            return "; write \(NumberFormatting.plain(number)), with a decimal point"
        }
        if let number = Double(trimmed), number.isFinite {
            return "; write \(NumberFormatting.plain(number)) without the quotes"
        }
        return ""
    }

    mutating func readThreshold(_ node: YAMLNode, what: String) -> Int? {
        guard let value = readNumber(node, what: what) else { return nil }
        guard value >= 1, value <= 1000, value == value.rounded() else {
            diagnostics.report(.invalidThreshold, at: node.location, "\(what) is a whole number of responses from 1 to 1000, not \(NumberFormatting.plain(value))")
            return nil
        }
        return Int(value)
    }

    /// The p of the p % rule: a percentage from 0 (off) to 100.
    mutating func readPPercent(_ node: YAMLNode, what: String) -> Double? {
        guard let value = readNumber(node, what: what) else { return nil }
        guard value >= 0, value <= 100 else {
            diagnostics.report(.invalidThreshold, at: node.location, "\(what) is a percentage from 0 (the rule off) to 100, such as 10, not \(NumberFormatting.plain(value))")
            return nil
        }
        return value
    }
}

/// Numbers in messages: `0.3`, `12`, never `12.0`.
enum NumberFormatting {
    static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
