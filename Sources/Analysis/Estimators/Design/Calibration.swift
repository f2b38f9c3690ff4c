/// A numeric variable whose population total the weights are calibrated to.
public struct CalibrationTotal: Sendable, Hashable {
    /// What the variable is called in messages.
    public let name: String
    /// The variable's value for each observation.
    public let values: [Double]
    public let populationTotal: Double

    public init(name: String, values: [Double], populationTotal: Double) {
        self.name = name
        self.values = values
        self.populationTotal = populationTotal
    }
}

/// What calibration meets: the population's size, the count of every code of each categorical
/// margin (as in raking), and the total of each numeric variable.
public struct CalibrationTargets: Sendable, Hashable {
    public let populationSize: Double
    public let margins: [RakingMargin]
    public let totals: [CalibrationTotal]

    public init(populationSize: Double, margins: [RakingMargin] = [], totals: [CalibrationTotal] = []) {
        self.populationSize = populationSize
        self.margins = margins
        self.totals = totals
    }
}

/// A calibrated design as R's `calibrate` keeps it for `svyrecvar`, whatever its distance: the QR
/// factorisation of the calibration variables times √(base weight), and g · √(base weight).
struct CalibrationRegression: Sendable {
    let factorised: HouseholderQR
    let scale: [Double]
}

extension SampleDesign {
    /// This design calibrated to population totals, as R's
    /// `calibrate(design, ~margins + totals, population, calfun, bounds)` (Deville & Särndal 1992):
    /// with X the calibration variables (an intercept, an indicator of each code of each margin but
    /// its first, each numeric variable) and w the weights, each weight becomes w·g so that the
    /// weighted sample meets every target T. Linear without bounds (the default) is the GREG
    /// estimator in one step, R's `regcalibrate`: g = 1 + xᵀλ, λ solving (XᵀWX) λ = T − Xᵀw.
    /// Raking (g = exp(xᵀλ)), logit (g between the bounds) and bounded linear calibration iterate as
    /// R's `grake` does (``GeneralisedRaking``).
    ///
    /// Before calibrating, this throws where the weights cannot be brought to the population's size
    /// or a margin's code to its count within the range of a Double (``EstimationError/calibrationWeightsOutOfRange(variable:code:weighted:target:)``):
    /// there R's and the steps' weights become infinite or not a number.
    /// Where R keeps them, this throws: weights of 0 or below (``EstimationError/calibratedWeightsNotPositive(count:smallest:)``),
    /// a singular XᵀWX (``EstimationError/calibrationSingular(variable:combinationOf:)``), and, where R
    /// warns "Failed to converge", targets not met within the method's iterations
    /// (``EstimationError/calibrationNotConverged(method:iterations:variable:code:weighted:target:gap:)``).
    /// Variances residualise the influence values by the g-weighted regression on X, as R's
    /// `svyrecvar` does for every calibrated design, and a domain keeps every observation of the design.
    public func calibrated(to targets: CalibrationTargets, method: CalibrationMethod = .linear) throws(EstimationError) -> SampleDesign {
        guard calibration == nil else { throw .alreadyPostStratified }
        if method.distance == .logit || method.bounds != nil {
            guard let bounds = method.bounds, bounds.isValid else {
                throw .calibrationBoundsInvalid(method: method.distance.rawValue, lower: method.bounds?.lower, upper: method.bounds?.upper)
            }
        }
        let columns = try calibrationColumns(targets)
        let root = weights.map { $0.squareRoot() }
        let factorised = try Self.factorised(columns, root)

        let g: [Double]
        if method.isGREG {
            let scaled = columns.map { column in zip(column.values, root).map { $0 * $1 } }
            let misfit = columns.map { column in column.target - zip(column.values, weights).reduce(0) { $0 + $1.0 * $1.1 } }
            let crossProduct = scaled.map { a in scaled.map { b in zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } } }
            let lambda = Self.solve(crossProduct, misfit)
            g = (0..<count).map { row in 1 + columns.indices.reduce(0) { $0 + columns[$1].values[row] * lambda[$1] } }
        } else {
            g = try GeneralisedRaking(columns: columns, method: method).ratios(weights: weights)
        }

        var design = self
        design.weights = zip(weights, g).map { $0 * $1 }
        let refused = (0..<count).filter { weights[$0] > 0 && design.weights[$0] <= 0 }
        if !refused.isEmpty {
            throw .calibratedWeightsNotPositive(count: refused.count, smallest: refused.map { design.weights[$0] }.min()!)
        }
        design.calibration = .regression(CalibrationRegression(factorised: factorised, scale: zip(g, root).map { $0 * $1 }))
        return design
    }

    /// The columns of X with their targets, after the checks of the targets, the values and the weights.
    private func calibrationColumns(_ targets: CalibrationTargets) throws(EstimationError) -> [CalibrationColumn] {
        guard targets.populationSize.isFinite, targets.populationSize > 0 else {
            throw .populationCountNotPositive(postStratum: "population", value: targets.populationSize)
        }
        for margin in targets.margins where abs(margin.total - targets.populationSize) > 1e-9 * max(margin.total, targets.populationSize) {
            throw .rakingMarginTotalsDiffer("population", targets.populationSize, margin.name, margin.total)
        }
        let weightSum = weights.reduce(0, +)
        guard Self.isInRange(targets.populationSize / weightSum) else {
            throw .calibrationWeightsOutOfRange(variable: "population", code: nil, weighted: weightSum, target: targets.populationSize)
        }
        var columns = [CalibrationColumn(variable: "population", code: nil, values: Array(repeating: 1, count: count), target: targets.populationSize)]
        for margin in targets.margins {
            let indexed = try indexedGroups(margin.groups, margin.populationCounts, input: "margin \(margin.name)")
            let scaling = Self.scaling(weights, indexed, margin.populationCounts)
            if let group = scaling.factors.firstIndex(where: { !Self.isInRange($0) }) {
                let code = indexed.names[group]
                throw .calibrationWeightsOutOfRange(variable: margin.name, code: code, weighted: scaling.sums[group], target: margin.populationCounts[code]!)
            }
            for (code, name) in indexed.names.enumerated().dropFirst() {
                columns.append(CalibrationColumn(
                    variable: margin.name, code: name, values: indexed.groupOfObservation.map { $0 == code ? 1 : 0 },
                    target: margin.populationCounts[name]!))
            }
        }
        for total in targets.totals {
            guard total.values.count == count else { throw .lengthMismatch(input: total.name, expected: count, actual: total.values.count) }
            if let index = total.values.firstIndex(where: { !$0.isFinite }) {
                throw .notFinite(input: total.name, index: index, value: total.values[index])
            }
            guard total.populationTotal.isFinite else { throw .notFinite(input: "the population total of \(total.name)", index: 0, value: total.populationTotal) }
            columns.append(CalibrationColumn(variable: total.name, code: nil, values: total.values, target: total.populationTotal))
        }
        return columns
    }

    /// The QR factorisation of X√w, or the variable whose column depends on those before it.
    private static func factorised(_ columns: [CalibrationColumn], _ root: [Double]) throws(EstimationError) -> HouseholderQR {
        let factorised = HouseholderQR(columns.map { column in zip(column.values, root).map { $0 * $1 } })
        if let dependent = factorised.dependence {
            let variable = columns[dependent.column].variable
            var others: [String] = []
            for index in dependent.combinationOf where columns[index].variable != variable && !others.contains(columns[index].variable) {
                others.append(columns[index].variable)
            }
            throw .calibrationSingular(variable: variable, combinationOf: others)
        }
        return factorised
    }

    /// The influence values residualised by the g-weighted regression on the calibration
    /// variables, as R's `svyrecvar` does for a calibrated design: the residuals of z/(g√w) on
    /// X√w, times g√w. An observation of weight 0 has z = 0 and keeps it (R divides 0 by 0 there).
    func residualisedByCalibration(_ z: [Double], _ calibration: CalibrationRegression) -> [Double] {
        let scale = calibration.scale
        let y = (0..<count).map { scale[$0] == 0 ? 0 : z[$0] / scale[$0] }
        return zip(calibration.factorised.residuals(of: y), scale).map { $0 * $1 }
    }

    /// The solution of A x = b by Gaussian elimination with partial pivoting (LAPACK's `dgesv`,
    /// which R's `solve` calls); A is not singular.
    private static func solve(_ matrix: [[Double]], _ rightSide: [Double]) -> [Double] {
        var a = matrix
        var b = rightSide
        let size = b.count
        for column in 0..<size {
            let pivot = (column..<size).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<size {
                let factor = a[row][column] / a[column][column]
                guard factor != 0 else { continue }
                for k in column..<size { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: size)
        for row in stride(from: size - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<size { sum -= a[row][k] * x[k] }
            x[row] = sum / a[row][row]
        }
        return x
    }
}

/// The Householder QR factorisation of an n × p matrix given by its columns, as R's `qr` (LINPACK
/// `dqrdc2`, without its column pivoting): what `qr.resid` needs, and the first column that is a
/// linear combination of the ones before it.
struct HouseholderQR: Sendable {
    /// The Householder vector of each column (zero above the diagonal), and its 2 / vᵀv.
    private let reflections: [(vector: [Double], factor: Double)]
    /// The first column whose part orthogonal to the ones before it is below 1e-8 of its length,
    /// and the columns before it that it is a combination of; the factorisation stops there.
    let dependence: (column: Int, combinationOf: [Int])?

    init(_ columns: [[Double]]) {
        var work = columns
        let rows = columns.first?.count ?? 0
        var reflections: [(vector: [Double], factor: Double)] = []
        var dependence: (column: Int, combinationOf: [Int])?
        let lengths = columns.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        for k in columns.indices {
            for (vector, factor) in reflections { Self.reflect(&work[k], vector, factor) }
            let below = k < rows ? work[k][k...].reduce(0) { $0 + $1 * $1 }.squareRoot() : 0
            if below <= 1e-8 * lengths[k] {
                dependence = (k, Self.combination(of: work[k], reflected: work, columns: min(k, rows), lengths: lengths, column: k))
                break
            }
            var vector = [Double](repeating: 0, count: rows)
            let alpha = work[k][k] > 0 ? -below : below
            vector[k] = work[k][k] - alpha
            for row in (k + 1)..<rows { vector[row] = work[k][row] }
            let squares = vector.reduce(0) { $0 + $1 * $1 }
            let factor = squares > 0 ? 2 / squares : 0
            Self.reflect(&work[k], vector, factor)
            reflections.append((vector, factor))
        }
        self.reflections = reflections
        self.dependence = dependence
    }

    /// y minus its least-squares fit on the columns: Q (0, Q₂ᵀy), as R's `qr.resid`.
    func residuals(of y: [Double]) -> [Double] {
        var x = y
        for (vector, factor) in reflections { Self.reflect(&x, vector, factor) }
        for k in reflections.indices where k < x.count { x[k] = 0 }
        for (vector, factor) in reflections.reversed() { Self.reflect(&x, vector, factor) }
        return x
    }

    private static func reflect(_ x: inout [Double], _ vector: [Double], _ factor: Double) {
        guard factor != 0 else { return }
        var dot = 0.0
        for row in x.indices where vector[row] != 0 { dot += vector[row] * x[row] }
        let scaled = factor * dot
        for row in x.indices where vector[row] != 0 { x[row] -= scaled * vector[row] }
    }

    /// The first `columns` columns with a weight in the combination that gives `column`, whose
    /// reflected entries `reflectedColumn` are the triangle R times the coefficients: back-substitution.
    private static func combination(of reflectedColumn: [Double], reflected: [[Double]], columns: Int, lengths: [Double], column: Int) -> [Int] {
        var coefficients = [Double](repeating: 0, count: columns)
        for row in stride(from: columns - 1, through: 0, by: -1) {
            var sum = reflectedColumn[row]
            for k in (row + 1)..<columns { sum -= reflected[k][row] * coefficients[k] }
            let diagonal = reflected[row][row]
            coefficients[row] = abs(diagonal) > 0 ? sum / diagonal : 0
        }
        let length = lengths[column]
        return (0..<columns).filter { abs(coefficients[$0]) * lengths[$0] > 1e-6 * length }
    }
}
