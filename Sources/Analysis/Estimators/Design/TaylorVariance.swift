/// Variances of linearised statistics over a ``SampleDesign``, as R's `svyrecvar` computes them
/// for one-stage designs.
extension SampleDesign {
    /// The variance of Σᵢ zᵢ, where z holds an influence value per observation (0 outside the domain):
    /// Σ_h (1 − f_h) n_h/(n_h − 1) Σ_j (Z_hj − Z̄_h)², Z_hj the unit totals of stratum h.
    ///
    /// Only strata with a domain member take part, as in R, where a domain is a row subset of the
    /// design that keeps each stratum's full count of sampling units. In a post-stratified, raked or
    /// calibrated design z is first residualised within post-strata, on every margin or by the
    /// calibration's regression, and every
    /// stratum takes part: R keeps all rows of a calibrated design in a domain, with weight 0 outside it.
    func linearisedVariance(of z: [Double], domain: [Bool]) throws(EstimationError) -> Double {
        let everyRow = Array(repeating: true, count: count)
        switch calibration {
        case .postStratified(let postStrata):
            return try stratifiedVariance(of: residualisedWithinPostStrata(z, postStrata), domain: everyRow)
        case .raked(let margins):
            return try stratifiedVariance(of: residualisedOnMargins(z, margins), domain: everyRow)
        case .regression(let regression):
            return try stratifiedVariance(of: residualisedByCalibration(z, regression), domain: everyRow)
        case nil:
            return try stratifiedVariance(of: z, domain: domain)
        }
    }

    private func stratifiedVariance(of z: [Double], domain: [Bool]) throws(EstimationError) -> Double {
        var unitTotals = [Double](repeating: 0, count: unitOfObservation.count)
        var present = [Bool](repeating: false, count: stratumNames.count)
        for row in 0..<count where domain[row] {
            unitTotals[unitOfObservation[row]] += z[row]
            present[stratumOfObservation[row]] = true
        }
        var variance = 0.0
        var strataTaken = 0
        var strataAveragedOver = 0
        for (stratum, units) in unitsOfStratum.enumerated() where present[stratum] {
            strataTaken += 1
            let unsampled = unsampledFraction[stratum]
            if unsampled < 1e-7 {
                strataAveragedOver += 1
                continue
            }
            let n = Double(units.count)
            if units.count == 1 {
                switch lonelyPSURule {
                case .fail:
                    throw .singlePSU(stratum: stratumNames[stratum])
                case .remove:
                    strataAveragedOver += 1
                case .adjust:
                    let total = unitTotals[units[0]]
                    variance += unsampled * total * total
                    strataAveragedOver += 1
                case .average:
                    break
                }
                continue
            }
            var mean = 0.0
            for unit in units { mean += unitTotals[unit] }
            mean /= n
            var squares = 0.0
            for unit in units {
                let deviation = unitTotals[unit] - mean
                squares += deviation * deviation
            }
            variance += unsampled * n / (n - 1) * squares
            strataAveragedOver += 1
        }
        if strataAveragedOver < strataTaken {
            guard strataAveragedOver > 0 else {
                throw .singlePSU(stratum: stratumNames[present.firstIndex(of: true)!])
            }
            variance *= Double(strataTaken) / Double(strataAveragedOver)
        }
        return variance
    }

    /// R's `degf`: distinct sampling units minus distinct strata, among domain members with non-zero weight.
    func degreesOfFreedom(domain: [Bool]) -> Int {
        var unitSeen = [Bool](repeating: false, count: unitOfObservation.count)
        var stratumSeen = [Bool](repeating: false, count: stratumNames.count)
        var units = 0
        var strata = 0
        for row in 0..<count where domain[row] && weights[row] != 0 {
            let unit = unitOfObservation[row]
            if !unitSeen[unit] {
                unitSeen[unit] = true
                units += 1
            }
            let stratum = stratumOfObservation[row]
            if !stratumSeen[stratum] {
                stratumSeen[stratum] = true
                strata += 1
            }
        }
        return units - strata
    }
}
