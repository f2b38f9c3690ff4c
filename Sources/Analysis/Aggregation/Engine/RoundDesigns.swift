import Estimators
import Frameworks

/// The sample designs of one scanned round, each built once: per distinct base design of the plan
/// (an indicator's `weight`, `strata` and `fpc`, or weight 1) the design as it is, and, for the
/// indicators that follow the round's weighting, that design post-stratified, raked or calibrated
/// to the round's population figures. Every cell of every indicator on a design estimates on this one
/// design, its domain a mask over it, so a round is raked once per base design, not once per cell.
struct RoundDesigns {
    /// Per design of the plan that an indicator uses: the design as it is (the base design of a
    /// weighted round), or why Estimators refuses it.
    private let bases: [Result<SampleDesign, EstimationError>?]
    /// Per design of the plan: post-stratified, raked or calibrated, when an indicator follows the round's weighting.
    private let calibrated: [Result<SampleDesign, EstimationError>?]
    /// The round's margins, one (post-stratification) or several (raking), or those it is
    /// calibrated to; empty when the round has none.
    let margins: [RakingMargin]
    /// A calibrated round's targets (its margins among them) and method; nil for post-stratification and raking.
    private let calibrationTargets: (targets: CalibrationTargets, method: CalibrationMethod)?
    private let columns: [DesignColumns]

    /// Builds the designs the indicators of `scan`'s plan use, after the scan.
    init(scan: RoundScan) {
        let plan = scan.plan
        let columns = scan.designs
        self.columns = columns
        let margins = plan.postStratification.map { planned in
            zip(planned.rule.margins, scan.postStrata).map { margin, column in
                RakingMargin(name: margin.variable.value, groups: column.codes, populationCounts: margin.countByCode)
            }
        } ?? []
        self.margins = margins
        let targets = plan.postStratification.flatMap { planned in
            planned.rule.calibration.map { calibration in
                (CalibrationTargets(
                    populationSize: calibration.population, margins: margins,
                    totals: zip(calibration.totals, scan.calibrationTotals).map { total, column in
                        CalibrationTotal(name: total.variable.value, values: column.values, populationTotal: total.total)
                    }),
                 Self.method(of: calibration))
            }
        }
        calibrationTargets = targets
        var used = [Bool](repeating: false, count: columns.count)
        var followed = [Bool](repeating: false, count: columns.count)
        for compiled in plan.indicators {
            guard let design = compiled.design else { continue }
            used[design] = true
            if Self.isCalibrated(compiled, plan: plan) { followed[design] = true }
        }
        let bases = columns.indices.map { used[$0] ? Self.base(columns[$0]) : nil }
        self.bases = bases
        calibrated = columns.indices.map { index in
            guard followed[index], let base = bases[index] else { return nil }
            return base.flatMap { design in Result { () throws(EstimationError) in try Self.calibrate(design, to: margins, targets) } }
        }
    }

    /// The design the cells of `compiled` estimate on, with its columns, or why there is none;
    /// nil for an unweighted indicator.
    func design(of compiled: CompiledIndicator, plan: RoundPlan) -> (columns: DesignColumns, design: Result<SampleDesign, EstimationError>)? {
        guard let index = compiled.design else { return nil }
        let built = Self.isCalibrated(compiled, plan: plan) ? calibrated[index] : bases[index]
        return (columns[index], built!)
    }

    /// Why weighting design `index` (in the plan's designs) to the round's margins fails, when
    /// it does: the error of the weighting the cells use. When the base design itself cannot be
    /// built (an fpc Estimators refuses, say), the error of weighting its weights alone, the only
    /// input the weighted weights depend on, so that a raking that does not converge or a
    /// calibration that fails is still named.
    func calibrationError(ofDesign index: Int) -> EstimationError? {
        guard case .failure(let error)? = calibrated[index] else { return nil }
        guard case .failure? = bases[index] else { return error }
        do throws(EstimationError) {
            _ = try Self.calibrate(SampleDesign(weights: Self.weights(of: columns[index])), to: margins, calibrationTargets)
            return nil
        } catch {
            return error
        }
    }

    /// The columns of design `index`, for messages.
    func columns(ofDesign index: Int) -> DesignColumns { columns[index] }

    private static func isCalibrated(_ compiled: CompiledIndicator, plan: RoundPlan) -> Bool {
        plan.postStratification != nil && compiled.indicator.followsRoundWeighting
    }

    /// A response without a weight weighs 0: it is in the design, outside every domain.
    private static func weights(of columns: DesignColumns) -> [Double] {
        columns.weights.map { $0.isNaN ? 0 : $0 }
    }

    private static func base(_ columns: DesignColumns) -> Result<SampleDesign, EstimationError> {
        Result { () throws(EstimationError) in
            try SampleDesign(
                weights: weights(of: columns),
                strata: columns.spec.strata == nil ? nil : columns.strata,
                fpc: columns.spec.fpc == nil ? nil : columns.fpc,
                lonelyPSURule: .fail
            )
        }
    }

    /// The framework's `method` and `bounds` as Estimators calibrates by them.
    private static func method(of rule: CalibrationRule) -> CalibrationMethod {
        let distance: CalibrationDistance = switch rule.method {
        case .linear: .linear
        case .raking: .raking
        case .logit: .logit
        }
        return CalibrationMethod(distance: distance, bounds: rule.bounds.map { CalibrationBounds(lower: $0.lower, upper: $0.upper) })
    }

    /// Calibrated to the round's targets by its method when it has them, else post-stratified to
    /// its one margin, raked to its several.
    private static func calibrate(
        _ design: SampleDesign, to margins: [RakingMargin], _ calibration: (targets: CalibrationTargets, method: CalibrationMethod)?
    ) throws(EstimationError) -> SampleDesign {
        if let calibration { return try design.calibrated(to: calibration.targets, method: calibration.method) }
        if margins.count == 1 {
            return try design.postStratified(by: margins[0].groups, populationCounts: margins[0].populationCounts)
        }
        return try design.raked(to: margins)
    }
}
