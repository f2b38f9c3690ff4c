import Estimators
import Expressions
import Frameworks

/// One cell before changes and statuses are added.
struct ComputedCell {
    let group: ResultGroup
    let outcome: CellOutcome
}

/// Turns one round's columns into cells: the total and every group of every breakdown, each
/// estimated by Estimators when its base reaches the threshold and, for sums, it passes the p %
/// rule, with secondary suppression within each breakdown. A weighted indicator's cells are domains of the round's one design for
/// it (`RoundDesigns`), post-stratified or raked once for all of them.
enum CellEstimation {
    static func cells(for index: Int, scan: RoundScan, designs: RoundDesigns, framework: Framework, language: String) -> [ComputedCell] {
        let compiled = scan.plan.indicators[index]
        let indicator = compiled.indicator
        let columns = scan.columns[index]
        let threshold = indicator.threshold(defaults: framework.suppression)
        let design = designs.design(of: compiled, plan: scan.plan)
        let estimate = { (positions: [Int]?) -> CellOutcome in
            estimateCell(indicator.kind, columns: columns, positions: positions, design: design, keptCount: scan.keptCount)
        }

        // The responses behind a figure: with a design, those weighing more than 0 (one of weight 0 adds nothing).
        let weights = design?.columns.weights
        let base = { (positions: [Int]?) -> Int in
            guard let weights else { return positions?.count ?? columns.rows.count }
            var count = 0
            if let positions {
                for position in positions where weights[Int(columns.rows[position])] > 0 { count += 1 }
            } else {
                for row in columns.rows where weights[Int(row)] > 0 { count += 1 }
            }
            return count
        }

        // The p % rule, where it applies: whether the responses at `positions` (all when nil) fail it.
        let failsDominance: (([Int]?) -> Bool)? = indicator.dominanceP(defaults: framework.suppression).map { p in
            { (positions: [Int]?) -> Bool in
                var counted = positions ?? Array(columns.rows.indices)
                if let weights { counted.removeAll { weights[Int(columns.rows[$0])] <= 0 } }
                return Dominance.fails(counted.lazy.map { columns.values[$0] }, p: p)
                    || (indicator.kind == .ratio && Dominance.fails(counted.lazy.map { columns.denominators[$0] }, p: p))
            }
        }

        let totalGroup = ResultGroup(variable: nil, code: nil, label: language == "sv" ? "Totalt" : "Total", variableLabel: nil)
        let totalN = base(nil)
        let totalDominated = totalN >= threshold && failsDominance?(nil) == true
        var cells: [ComputedCell] = []
        var totalOutcome: CellOutcome = totalN < threshold
            ? .suppressed(SuppressedCell(reason: .belowThreshold, threshold: threshold))
            : totalDominated ? .suppressed(SuppressedCell(reason: .dominated, threshold: threshold)) : estimate(nil)
        let fixedCounts = FixedCountDomains(of: compiled, scan: scan)
        if calibrationFixesTotal(of: compiled, columns: columns, scan: scan) {
            totalOutcome = totalOutcome.fixed(as: .calibratedTotal)
        } else if fixedCounts?.fixes(columns.rows) == true {
            totalOutcome = totalOutcome.fixed(as: .populationCount)
        }
        cells.append(ComputedCell(group: totalGroup, outcome: totalOutcome))

        for b in compiled.breakdowns {
            let breakdown = scan.breakdowns[b]
            var members = [[Int]](repeating: [], count: breakdown.groupCount)
            for (position, row) in columns.rows.enumerated() {
                members[breakdown.position(ofRow: Int(row))].append(position)
            }
            // "Not answered", and a collection mode, is listed only when someone is in it.
            let shown = (0..<breakdown.groupCount).filter { breakdown.isListed($0, members: members[$0].count) }
            let bases = shown.map { base(members[$0]) }
            var reasons = Suppression.decide(total: totalN, groups: bases, threshold: threshold,
                                             otherThresholds: framework.suppressionThresholds).groups
            if let failsDominance {
                // A dominated total takes every group with it, as a small one does: they add up to it.
                reasons = totalDominated
                    ? reasons.enumerated().map { k, reason in reason ?? (failsDominance(members[shown[k]]) ? .dominated : .secondary) }
                    : Dominance.withhold(reasons, bases: bases) { groups in failsDominance(groups.flatMap { members[shown[$0]] }) }
            }
            for (k, group) in shown.enumerated() {
                var outcome: CellOutcome = reasons[k].map { .suppressed(SuppressedCell(reason: $0, threshold: threshold)) }
                    ?? estimate(members[group])
                if fixedCounts?.fixes(members[group].lazy.map { columns.rows[$0] }) == true {
                    outcome = outcome.fixed(as: .populationCount)
                }
                cells.append(ComputedCell(group: breakdown.group(at: group), outcome: outcome))
            }
        }
        return cells
    }

    /// Whether the round's calibration fixes the indicator's total over the whole round: a total
    /// whose value is one variable that `calibrate`'s `totals` names (`value: "${fte}"`), on the
    /// calibrated design, its base every kept response. The calibrated weights reproduce that
    /// variable's population total, so the figure is the target, not an estimate. A group's total,
    /// or one over part of the round (a `universe`), is estimated as any other.
    private static func calibrationFixesTotal(of compiled: CompiledIndicator, columns: IndicatorColumns, scan: RoundScan) -> Bool {
        let indicator = compiled.indicator
        guard indicator.kind == .total, indicator.followsRoundWeighting, compiled.design != nil,
              let totals = scan.plan.postStratification?.rule.calibration?.totals,
              columns.rows.count == scan.keptCount,
              let text = indicator.value?.text, case .success(let parsed) = ParsedExpression.parse(text),
              case .reference(let name) = parsed.root.kind
        else { return false }
        return totals.contains { $0.variable.value == name }
    }

    /// The estimate over `positions` of the indicator's columns (all of them when nil).
    private static func estimateCell(
        _ kind: IndicatorKind, columns: IndicatorColumns, positions: [Int]?,
        design: (columns: DesignColumns, design: Result<SampleDesign, EstimationError>)?, keptCount: Int
    ) -> CellOutcome {
        do throws(EstimationError) {
            let result: Estimate
            if let design {
                result = try weighted(kind, columns: columns, positions: positions, design: design.design.get(), keptCount: keptCount)
            } else {
                result = try unweighted(kind, columns: columns, positions: positions)
            }
            return .published(PublishedCell(estimate: result))
        } catch {
            return .unavailable(design?.columns.reason(for: error) ?? NoEstimateReason(error))
        }
    }

    /// A simple-random-sample estimate over `positions` (all when nil).
    private static func unweighted(_ kind: IndicatorKind, columns: IndicatorColumns, positions: [Int]?) throws(EstimationError) -> Estimate {
        let values = positions.map { $0.map { columns.values[$0] } } ?? columns.values
        let estimator = Estimator.unweighted
        switch kind {
        case .proportion: return try estimator.proportion(values)
        case .mean: return try estimator.mean(values)
        case .median: return try estimator.median(values)
        case .total: return try estimator.total(values)
        case .count: return try estimator.count(values)
        case .ratio:
            let denominators = positions.map { $0.map { columns.denominators[$0] } } ?? columns.denominators
            return try estimator.ratio(numerator: values, denominator: denominators)
        case .reported: throw .emptyDomain
        }
    }

    /// A design-based estimate: the design is every kept response (weight 0 where it has none),
    /// post-stratified to the round's one margin, raked to its several or calibrated, the domain the cell's
    /// members, so the variance uses the whole design as R's svyby does.
    private static func weighted(
        _ kind: IndicatorKind, columns: IndicatorColumns, positions: [Int]?, design: SampleDesign, keptCount: Int
    ) throws(EstimationError) -> Estimate {
        var values = [Double](repeating: .nan, count: keptCount)
        var denominators = [Double](repeating: .nan, count: keptCount)
        var mask = [Bool](repeating: false, count: keptCount)
        for position in positions ?? Array(columns.rows.indices) {
            let row = Int(columns.rows[position])
            values[row] = columns.values[position]
            if kind == .ratio { denominators[row] = columns.denominators[position] }
            mask[row] = true
        }
        // Outside the domain the values only need to be finite for the design's variance.
        for row in 0..<keptCount where !mask[row] {
            values[row] = 0
            denominators[row] = 0
        }
        let estimator = Estimator(design: design)
        switch kind {
        case .proportion: return try estimator.proportion(values, in: .mask(mask))
        case .mean: return try estimator.mean(values, in: .mask(mask))
        case .median: return try estimator.median(values, in: .mask(mask))
        case .total: return try estimator.total(values, in: .mask(mask))
        case .count: return try estimator.count(values.enumerated().map { mask[$0.offset] ? 1 : 0 }, in: .mask(mask))
        case .ratio: return try estimator.ratio(numerator: values, denominator: denominators, in: .mask(mask))
        case .reported: throw .emptyDomain
        }
    }
}

private extension CellOutcome {
    /// A published estimate marked as a figure the round's weighting fixes; any other outcome as it is.
    func fixed(as figure: FixedFigure) -> CellOutcome {
        guard case .published(let cell) = self, let estimate = cell.estimate else { return self }
        return .published(PublishedCell(estimate: estimate, fixed: figure))
    }
}

/// The domains whose weighted count a round's weighting fixes, for a count that follows it: every
/// kept response (the weights add up to the population's size, post-stratified, raked or
/// calibrated), and every kept response of one code of a variable the weights meet exactly (their
/// sum there is the code's population count): post-stratification's one variable, every variable
/// of `calibrate`'s `counts`, and the last margin of raking, which each pass ends by
/// post-stratifying to (the others are met only to within raking's tolerance of 1).
struct FixedCountDomains {
    private let keptCount: Int
    /// Per variable met exactly: each kept response's code, and how many kept responses have each code.
    private let variables: [(codes: [String], sizes: [String: Int])]

    /// Nil unless `compiled` is a count on its round's weighted design.
    init?(of compiled: CompiledIndicator, scan: RoundScan) {
        guard compiled.indicator.kind == .count, compiled.indicator.followsRoundWeighting, compiled.design != nil,
              let planned = scan.plan.postStratification
        else { return nil }
        keptCount = scan.keptCount
        let exact = planned.rule.calibration == nil ? Array(scan.postStrata.suffix(1)) : scan.postStrata
        variables = exact.map { column in (column.codes, column.codes.reduce(into: [:]) { $0[$1, default: 0] += 1 }) }
    }

    /// Whether the kept responses `rows` (each once) are the whole round, or every kept response
    /// of one code of a variable the weights meet exactly.
    func fixes(_ rows: some Collection<Int32>) -> Bool {
        if rows.count == keptCount { return true }
        guard let first = rows.first else { return false }
        return variables.contains { variable in
            let code = variable.codes[Int(first)]
            return variable.sizes[code] == rows.count && rows.allSatisfy { variable.codes[Int($0)] == code }
        }
    }
}
