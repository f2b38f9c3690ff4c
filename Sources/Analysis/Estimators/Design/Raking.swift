/// One margin to rake to: each observation's group and the population count of every group.
public struct RakingMargin: Sendable, Hashable {
    /// What the margin is called in messages (its variable).
    public let name: String
    public let groups: [String]
    public let populationCounts: [String: Double]

    public init(name: String, groups: [String], populationCounts: [String: Double]) {
        self.name = name
        self.groups = groups
        self.populationCounts = populationCounts
    }

    var total: Double { populationCounts.values.reduce(0, +) }
}

/// R's `rake` defaults: at most 10 passes, converged when no cell of the weighted cross-table of
/// the margins moves by `epsilon` or more in a pass (an epsilon below 1 is a share of the sum of
/// the base weights, as in R).
public struct RakingControl: Sendable, Hashable {
    public let maximumPasses: Int
    public let epsilon: Double

    public init(maximumPasses: Int = 10, epsilon: Double = 1) {
        self.maximumPasses = maximumPasses
        self.epsilon = epsilon
    }
}

/// A margin of a raked design as R's `rake` stores it for `svyrecvar`: each observation's group
/// and the weights right after the last pass post-stratified to this margin.
struct RakedMargin: Sendable {
    let groupOfObservation: [Int]
    let groupCount: Int
    let weights: [Double]
}

extension SampleDesign {
    /// This design raked to several margins, as R's `rake(design, sample.margins, population.margins)`:
    /// each pass post-stratifies the weights to every margin in turn; raking stops after the pass
    /// in which no cell of the weighted cross-table of all margins moved by `control.epsilon` or more.
    ///
    /// Where R warns and keeps weights that do not meet the margins, this throws: margins whose
    /// population totals differ (``EstimationError/rakingMarginTotalsDiffer(_:_:_:_:)``), before
    /// raking; no convergence within `control.maximumPasses`, or a converged table whose weights
    /// still miss a margin by `epsilon` or more (``EstimationError/rakingNotConverged(passes:margin:group:weighted:population:)``);
    /// weights of a group that cannot be scaled to its count within the range of a Double, where
    /// R's weights become infinite or not a number (``EstimationError/rakingWeightsOutOfRange(pass:margin:group:weighted:population:after:)``).
    /// Variances residualise the influence values on every margin as R's `svyrecvar` does for a
    /// raked design, and a domain keeps every observation of the design.
    public func raked(to margins: [RakingMargin], control: RakingControl = RakingControl()) throws(EstimationError) -> SampleDesign {
        guard calibration == nil else { throw .alreadyPostStratified }
        guard let first = margins.first else { throw .noRakingMargins }
        for margin in margins.dropFirst() where !Self.sameTotal(margin.total, first.total) {
            throw .rakingMarginTotalsDiffer(first.name, first.total, margin.name, margin.total)
        }
        let indexed = try margins.map { margin throws(EstimationError) in
            try indexedGroups(margin.groups, margin.populationCounts, input: "margin \(margin.name)")
        }
        let epsilon = control.epsilon < 1 ? control.epsilon * weights.reduce(0, +) : control.epsilon
        let cells = CrossTable(indexed.map(\.groupOfObservation))

        var current = weights
        var oldTable = cells.sums(of: current)
        var stored: [RakedMargin] = []
        var passes = 0
        var converged = false
        while passes < control.maximumPasses {
            stored = []
            for (index, (margin, groups)) in zip(margins, indexed).enumerated() {
                let scaling = Self.scaling(current, groups, margin.populationCounts)
                if let group = scaling.factors.firstIndex(where: { !Self.isInRange($0) }) {
                    let name = groups.names[group]
                    throw .rakingWeightsOutOfRange(
                        pass: passes + 1, margin: margin.name, group: name, weighted: scaling.sums[group],
                        population: margin.populationCounts[name]!, after: passes == 0 && index == 0 ? nil : margins[(index + margins.count - 1) % margins.count].name)
                }
                current = Self.scaled(current, groups, by: scaling.factors)
                stored.append(RakedMargin(groupOfObservation: groups.groupOfObservation, groupCount: groups.names.count, weights: current))
            }
            let newTable = cells.sums(of: current)
            let delta = zip(oldTable, newTable).map { abs($0 - $1) }.max() ?? 0
            if delta < epsilon {
                converged = true
                break
            }
            oldTable = newTable
            passes += 1
        }
        let gap = Self.largestGap(current, margins, indexed)
        if !converged || gap.size >= epsilon {
            throw .rakingNotConverged(
                passes: converged ? passes + 1 : passes, margin: gap.margin, group: gap.group,
                weighted: gap.weighted, population: gap.population)
        }
        var design = self
        design.weights = current
        design.calibration = .raked(stored)
        return design
    }

    /// Totals equal but for rounding in their sums.
    private static func sameTotal(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    }

    /// Each observation's group as an index into the sorted names of `populationCounts`, refused
    /// as R's `postStratify` refuses it: a count that is not above 0, an observation in a group
    /// without a count, a group with a count but no observation of weight above 0.
    func indexedGroups(
        _ groups: [String], _ populationCounts: [String: Double], input: String
    ) throws(EstimationError) -> (groupOfObservation: [Int], names: [String]) {
        guard groups.count == count else { throw .lengthMismatch(input: input, expected: count, actual: groups.count) }
        let names = populationCounts.keys.sorted()
        for name in names {
            let population = populationCounts[name]!
            guard population.isFinite, population > 0 else { throw .populationCountNotPositive(postStratum: name, value: population) }
        }
        let indexOf = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var groupOfObservation = [Int](repeating: 0, count: count)
        var weightSums = [Double](repeating: 0, count: names.count)
        for (row, group) in groups.enumerated() {
            guard let index = indexOf[group] else { throw .noPopulationCount(postStratum: group, index: row) }
            groupOfObservation[row] = index
            weightSums[index] += weights[row]
        }
        if let empty = weightSums.firstIndex(where: { $0 == 0 }) {
            throw .emptyPostStratum(names[empty])
        }
        return (groupOfObservation, names)
    }

    /// `weights` scaled in each group so that they add up to the group's population count; refused
    /// where a group's weights cannot be scaled within the range of a Double: their sum beyond the
    /// largest Double or so small that the count over it is, or a weight above 0 that falls to 0.
    static func postStratify(
        _ weights: [Double], _ groups: (groupOfObservation: [Int], names: [String]), _ populationCounts: [String: Double]
    ) throws(EstimationError) -> [Double] {
        let scaling = scaling(weights, groups, populationCounts)
        let result = scaled(weights, groups, by: scaling.factors)
        let outOfRange = scaling.factors.firstIndex { !isInRange($0) }
            ?? weights.indices.first { weights[$0] > 0 && result[$0] == 0 }.map { groups.groupOfObservation[$0] }
        if let group = outOfRange {
            let name = groups.names[group]
            throw .postStratumWeightsOutOfRange(postStratum: name, weighted: scaling.sums[group], population: populationCounts[name]!)
        }
        return result
    }

    /// Whether a factor scales weights within the range of a Double: finite and above 0.
    static func isInRange(_ factor: Double) -> Bool { factor.isFinite && factor > 0 }

    /// Per group, the sum of `weights` in it and the factor that scales that sum to the group's
    /// population count (not finite, or 0, when the sum is 0 or the two lie too far apart for a Double).
    static func scaling(
        _ weights: [Double], _ groups: (groupOfObservation: [Int], names: [String]), _ populationCounts: [String: Double]
    ) -> (sums: [Double], factors: [Double]) {
        var sums = [Double](repeating: 0, count: groups.names.count)
        for (row, group) in groups.groupOfObservation.enumerated() { sums[group] += weights[row] }
        return (sums, groups.names.indices.map { populationCounts[groups.names[$0]]! / sums[$0] })
    }

    private static func scaled(_ weights: [Double], _ groups: (groupOfObservation: [Int], names: [String]), by factors: [Double]) -> [Double] {
        weights.indices.map { weights[$0] * factors[groups.groupOfObservation[$0]] }
    }

    /// The group whose weighted count is furthest from its population count, over all margins.
    private static func largestGap(
        _ weights: [Double], _ margins: [RakingMargin], _ indexed: [(groupOfObservation: [Int], names: [String])]
    ) -> (size: Double, margin: String, group: String, weighted: Double, population: Double) {
        var largest = (size: -1.0, margin: "", group: "", weighted: 0.0, population: 0.0)
        for (margin, groups) in zip(margins, indexed) {
            var sums = [Double](repeating: 0, count: groups.names.count)
            for (row, group) in groups.groupOfObservation.enumerated() { sums[group] += weights[row] }
            for (index, name) in groups.names.enumerated() {
                let population = margin.populationCounts[name]!
                if abs(sums[index] - population) > largest.size {
                    largest = (abs(sums[index] - population), margin.name, name, sums[index], population)
                }
            }
        }
        return largest
    }

    /// The influence values residualised on each margin in turn, ten times over, as R's
    /// `svyrecvar` does for a raked design: z − w_m · (the unweighted mean of z/w_m in the
    /// observation's group of margin m), w_m the weights stored with margin m. A weight of 0
    /// counts as 1 there, as R's `svyrecvar` does for a post-stratified design (R's own raking
    /// divides 0 by 0, and reports a standard error of 0 from its NaN residuals).
    func residualisedOnMargins(_ z: [Double], _ margins: [RakedMargin]) -> [Double] {
        var x = z
        for _ in 1...10 {
            for margin in margins {
                let psw = margin.weights.map { $0 == 0 ? 1 : $0 }
                var sums = [Double](repeating: 0, count: margin.groupCount)
                var counts = [Double](repeating: 0, count: margin.groupCount)
                for row in 0..<count {
                    sums[margin.groupOfObservation[row]] += x[row] / psw[row]
                    counts[margin.groupOfObservation[row]] += 1
                }
                for row in 0..<count {
                    let group = margin.groupOfObservation[row]
                    x[row] -= psw[row] * (sums[group] / counts[group])
                }
            }
        }
        return x
    }
}

/// The cells of the cross-classification of several groupings: the weighted table R's `rake`
/// compares between passes (cells without observations stay 0 and are left out).
private struct CrossTable {
    let cellOfObservation: [Int]
    let cellCount: Int

    init(_ groupings: [[Int]]) {
        var cellIndex: [[Int]: Int] = [:]
        let count = groupings.first?.count ?? 0
        cellOfObservation = (0..<count).map { row in
            let key = groupings.map { $0[row] }
            if let cell = cellIndex[key] { return cell }
            cellIndex[key] = cellIndex.count
            return cellIndex.count - 1
        }
        cellCount = cellIndex.count
    }

    func sums(of weights: [Double]) -> [Double] {
        var sums = [Double](repeating: 0, count: cellCount)
        for (row, cell) in cellOfObservation.enumerated() { sums[cell] += weights[row] }
        return sums
    }
}
