/// One column of calibration's model matrix X: a variable's values for each observation and
/// its population target; `code` names the code of a margin the column indicates.
struct CalibrationColumn {
    let variable: String
    let code: String?
    let values: [Double]
    let target: Double
}

/// R's `grake` (survey 4.1.1), which `calibrate` runs for every distance but linear without bounds:
/// Newton steps on the calibration equations Σ wᵢ gᵢ xᵢ = T, with gᵢ = 1 + F⁻¹(xᵢᵀη) of the method.
struct GeneralisedRaking {
    let columns: [CalibrationColumn]
    let method: CalibrationMethod

    /// R's `SOMETHRESHOLD`: when every target is more than this many times its weighted sample
    /// total, the weights are first multiplied by the mean of those ratios.
    private static let rescalingThreshold = 20.0

    /// Each observation's g = w_cal / w; when the iteration limit is reached, the target furthest
    /// from its weighted total, relative to 1 + |target| as R measures it (``EstimationError/calibrationNotConverged(method:iterations:variable:code:weighted:target:gap:)``).
    /// Follows `grake` step by step: η starts at 0; each step solves (Xᵀ W F′ X) Δη = the misfit by
    /// the pseudo-inverse (`MASS::ginv`, tolerance 256 ε), halves a step that makes g or F′ not
    /// finite, and stops when every |misfit| / (1 + |T|) is below `epsilon`.
    func ratios(weights baseWeights: [Double]) throws(EstimationError) -> [Double] {
        let count = baseWeights.count
        var weights = baseWeights
        var sampleTotals = columns.map { Self.weightedSum($0.values, weights) }
        let scales = zip(columns, sampleTotals).map { $0.target / $1 }
        var scale = 1.0
        if scales.allSatisfy(\.isFinite), let smallest = scales.min(), smallest > Self.rescalingThreshold {
            scale = scales.reduce(0, +) / Double(scales.count)
            weights = weights.map { $0 * scale }
            sampleTotals = sampleTotals.map { $0 * scale }
        }
        var eta = [Double](repeating: 0, count: columns.count)
        var fitted = [Double](repeating: 0, count: count)
        var iteration = 1
        while true {
            let derivatives = fitted.map(method.derivative)
            let crossProduct = columns.map { a in
                columns.map { b in (0..<count).reduce(0) { $0 + a.values[$1] * weights[$1] * derivatives[$1] * b.values[$1] } }
            }
            var step = SymmetricPseudoInverse(crossProduct, tolerance: 256 * Double.ulpOfOne).times(misfit(fitted, weights, sampleTotals))
            eta = zip(eta, step).map(+)
            fitted = self.fitted(eta)
            while iteration < method.maximumIterations, !isFinite(fitted) {
                iteration += 1
                step = step.map { $0 / 2 }
                eta = zip(eta, step).map(-)
                fitted = self.fitted(eta)
            }
            let remaining = misfit(fitted, weights, sampleTotals)
            let relative = zip(remaining, columns).map { abs($0) / (1 + abs($1.target)) }
            if relative.allSatisfy({ $0 < method.epsilon }) { break }
            iteration += 1
            if iteration > method.maximumIterations {
                let worst = relative.firstIndex(where: \.isNaN) ?? relative.indices.max { relative[$0] < relative[$1] }!
                let column = columns[worst]
                throw .calibrationNotConverged(
                    method: method.name, iterations: method.maximumIterations, variable: column.variable, code: column.code,
                    weighted: column.target - remaining[worst], target: column.target, gap: relative[worst])
            }
        }
        return fitted.map { (1 + method.ratioMinusOne($0)) * scale }
    }

    /// xᵢᵀη for each observation.
    private func fitted(_ eta: [Double]) -> [Double] {
        (0..<(columns.first?.values.count ?? 0)).map { row in columns.indices.reduce(0) { $0 + columns[$1].values[row] * eta[$1] } }
    }

    /// Whether g and its derivative are finite for every observation.
    private func isFinite(_ fitted: [Double]) -> Bool {
        fitted.allSatisfy { (1 + method.ratioMinusOne($0)).isFinite && method.derivative($0).isFinite }
    }

    /// T − t̂ − Σ xᵢ wᵢ (gᵢ − 1) per column: what the weights still miss of each target.
    private func misfit(_ fitted: [Double], _ weights: [Double], _ sampleTotals: [Double]) -> [Double] {
        let change = fitted.map(method.ratioMinusOne)
        return zip(columns, sampleTotals).map { column, sampleTotal in
            column.target - sampleTotal - (0..<weights.count).reduce(0) { $0 + column.values[$1] * weights[$1] * change[$1] }
        }
    }

    private static func weightedSum(_ values: [Double], _ weights: [Double]) -> Double {
        zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
