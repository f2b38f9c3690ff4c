import Diagnostics
import Estimators
import Frameworks

extension PlannedPostStratification {
    /// How many response ids a message lists before "…".
    static let idsShown = 5

    /// Why the kept responses of `round` cannot be post-stratified, raked or calibrated: in a
    /// margin, a group with a count but no response (E327), responses without the variable or with
    /// a code without a count (E328); responses without a calibration total's variable (E328).
    func problems(in columns: [PostStrataColumn], totals: [CalibrationTotalColumn] = [], round: String) -> [Diagnostic] {
        var diagnostics = DiagnosticList()
        for (margin, column) in zip(rule.margins, columns) {
            diagnostics.append(contentsOf: problems(of: margin, in: column, round: round))
        }
        for (total, column) in zip(rule.calibration?.totals ?? [], totals) {
            let empty = zip(column.values, column.responseIDs).filter { $0.0.isNaN }.map(\.1)
            guard !empty.isEmpty else { continue }
            let name = total.variable.value
            diagnostics.report(.responsesOutsidePostStrata, at: total.variable.location,
                               "\(Self.responses(empty)) of round \(round) \(empty.count == 1 ? "has" : "have") no \(name) (\(Self.ids(empty))), so calibration to its total cannot weight \(empty.count == 1 ? "it" : "them") (R's calibrate fails on a missing value); leave \(empty.count == 1 ? "it" : "them") out with a cleaning rule, e.g. `eligible: ${\(name)} != ''`, or fill in their \(name)")
        }
        return diagnostics.items
    }

    private func problems(of margin: PopulationMargin, in column: PostStrataColumn, round: String) -> [Diagnostic] {
        var diagnostics = DiagnosticList()
        let name = margin.variable.value
        let counted = Set(margin.counts.map(\.code.value))
        var present = Set<String>()
        var empty: [Int64] = []
        var uncounted: [Int64] = []
        var uncountedCodes: [String] = []
        for (code, id) in zip(column.codes, column.responseIDs) {
            if code.isEmpty {
                empty.append(id)
            } else if counted.contains(code) {
                present.insert(code)
            } else {
                uncounted.append(id)
                if !uncountedCodes.contains(code) { uncountedCodes.append(code) }
            }
        }
        if !empty.isEmpty {
            diagnostics.report(.responsesOutsidePostStrata, at: margin.location,
                               "\(Self.responses(empty)) of round \(round) \(empty.count == 1 ? "has" : "have") no \(name) (\(Self.ids(empty))), so \(rule.method) cannot weight \(empty.count == 1 ? "it" : "them"); leave \(empty.count == 1 ? "it" : "them") out with a cleaning rule, e.g. `eligible: ${\(name)} != ''`, or fill in their \(name)")
        }
        if !uncounted.isEmpty {
            let codes = uncountedCodes.joined(separator: ", ")
            diagnostics.report(.responsesOutsidePostStrata, at: margin.location,
                               "\(Self.responses(uncounted)) of round \(round) \(uncounted.count == 1 ? "has" : "have") \(name) \(codes), which has no population count under `\(rule.key)` (\(Self.ids(uncounted))); give the count of \(codes), or leave these responses out with a cleaning rule")
        }
        for count in margin.counts where !present.contains(count.code.value) {
            diagnostics.report(.emptyPostStratum, at: count.code.location,
                               "round \(round) has a population count for \(count.code.value) under `\(rule.key)`, but no cleaned response has \(name) \(count.code.value), so no weight can be scaled to it (R's \(rule.calibration == nil ? "postStratify" : "calibrate") refuses this too); merge \(count.code.value) with a similar code in a calculated text, with the sum of their counts")
        }
        return diagnostics.items
    }

    /// E331, E339, E343 or E344 for the first of `indices` (designs the round's weighting applies
    /// to: the weights of an indicator, or 1 without) whose weighting fails: a raking that does not
    /// converge (the margin and group furthest from its count after R's 10 passes) or whose group's
    /// weights cannot be scaled to its count within the range of a Double, a calibration that gives
    /// weights of 0 or below, whose variables the responses cannot tell apart, or that does not
    /// converge, and a post-stratification or calibration whose weights cannot be brought to a count
    /// within the range of a Double. Reads the weightings the cells use, made once per design.
    func weightingProblem(in designs: RoundDesigns, indices: [Int], round: String) -> Diagnostic? {
        for index in indices {
            guard let error = designs.calibrationError(ofDesign: index) else { continue }
            let weightName = designs.columns(ofDesign: index).weightName
            let weighting = weightName.map { "with the weights of \($0)" } ?? "with every response weighing 1"
            let raking = "raking round \(round) to \(designs.margins.map(\.name).joined(separator: ", ")) \(weighting)"
            var diagnostics = DiagnosticList()
            switch error {
            case .rakingNotConverged(let passes, let margin, let group, let weighted, let population) where rule.isRaking:
                diagnostics.report(.rakingNotConverged, at: rule.location,
                                   "\(raking) did not converge in \(passes) passes (R's rake stops after 10): the weights of \(margin) \(group) add up to \(Self.number(weighted)), not its count \(Self.number(population)); the responses lack combinations the margins need (e.g. too few responses in some \(margin) for a group of another margin): merge small groups, or rake to fewer margins")
            case .rakingWeightsOutOfRange(let pass, let margin, let group, let weighted, let population, let after) where rule.isRaking:
                let sum = Self.sum(weighted)
                let when = after.map { "after scaling to \($0)" } ?? "as given"
                let check = weightName.map {
                    "the counts under `poststratify` and the weights of \($0) (each count the number of units in its group, each weight about the number of units a response stands for)"
                } ?? "the counts under `poststratify` (each count the number of units in its group)"
                diagnostics.report(.rakingNotConverged, at: rule.location,
                                   "\(raking) stopped in pass \(pass): the weights of \(margin) \(group) add up to \(sum) \(when), and scaling them to its count \(Self.number(population)) would take them beyond the range of 64-bit floating-point numbers (about 4.9e-324 to 1.8e308), where they become 0 or infinite; counts and weights this far apart are not those of one population: check \(check)")
            case .postStratumWeightsOutOfRange(let postStratum, let weighted, let population):
                let margin = designs.margins.first?.name ?? ""
                diagnostics.report(.weightsOutOfRange, at: rule.location,
                                   "post-stratifying round \(round) by \(margin) \(weighting) is impossible: the weights of \(margin) \(postStratum) add up to \(Self.sum(weighted)), and scaling them to its count \(Self.number(population)) would take \(outOfRange(weightName))")
            case .calibrationWeightsOutOfRange(let variable, let code, let weighted, let target):
                let group = code.map { "the weights of \(variable) \($0) add up to \(Self.sum(weighted)), and calibrating them to its count \(Self.number(target))" }
                    ?? "the weights add up to \(Self.sum(weighted)), and calibrating them to the population's size \(Self.number(target))"
                diagnostics.report(.weightsOutOfRange, at: rule.location,
                                   "calibrating round \(round) \(weighting) is impossible: \(group) would take \(outOfRange(weightName))")
            case .calibratedWeightsNotPositive(let count, let smallest):
                diagnostics.report(.calibrationImpossible, at: rule.location,
                                   "calibrating round \(round) \(weighting) gives \(count == 1 ? "1 cleaned response a weight" : "\(count) cleaned responses weights") of 0 or below (the smallest \(Self.number(smallest))); R keeps such weights, but estimates from them are not publishable: the totals are far from what these responses can reach, so check the counts and totals, calibrate with method: raking (which keeps every weight above 0) or to fewer variables, or post-stratify instead")
            case .calibrationNotConverged(let method, let iterations, let variable, let code, let weighted, let target, let gap):
                let total = code.map { "the count of \(variable) \($0)" } ?? (variable == "population" ? "the population's size" : "the total of \(variable)")
                let left = gap.isNaN
                    ? "the weights became undefined (not a number): the steps towards the targets ran beyond the range of 64-bit numbers, where R stops with an error"
                    : "the weights give \(total) as \(Self.number(weighted)), not \(Self.number(target)), the largest gap left (\(Self.gap(gap)) of 1 + the target, where below 1e-7 counts as met)"
                diagnostics.report(.calibrationNotConverged, at: rule.location,
                                   "calibrating round \(round) \(weighting) by \(method) did not converge in \(iterations) iterations (R's calibrate stops there too, with \"Failed to converge\"): \(left); the responses cannot reach these counts and totals within the bounds: widen `bounds`, calibrate to fewer variables, or use method: raking, which needs no bounds")
            case .calibrationSingular(let variable, let others):
                let why = others.isEmpty
                    ? "\(variable) is 0 in every cleaned response, so no weights can reach its total"
                    : "in the cleaned responses \(variable) is a linear combination of \(Self.list(others)) (constant, or the same split of the responses), so its counts or total cannot be met apart from theirs"
                diagnostics.report(.calibrationImpossible, at: rule.location,
                                   "calibrating round \(round) \(weighting) is impossible: \(why) (the weighted cross-product matrix is singular); leave \(variable) out of `calibrate`, or merge the codes that split the responses alike")
            default:
                continue
            }
            return diagnostics.items.first
        }
        return nil
    }

    /// A sum of weights as ``number(_:)`` writes it, or, beyond the largest Double, words for that.
    private static func sum(_ value: Double) -> String {
        value.isFinite ? number(value) : "more than the largest 64-bit floating-point number (1.8e308)"
    }

    /// The end of an E344 message: where the weights would go, and what to check (the weights of
    /// `weightName`, or the counts alone when every response weighs 1).
    private func outOfRange(_ weightName: String?) -> String {
        let under = rule.calibration == nil ? "`poststratify`" : "`calibrate`"
        let check = weightName.map {
            "the weights of \($0) (each about the number of units a response stands for; a weight this large or small is a typing or unit error) and the counts under \(under)"
        } ?? "the counts under \(under) (each the number of units in its group)"
        return "them beyond the range of 64-bit floating-point numbers (about 4.9e-324 to 1.8e308), where they become 0 or infinite and the estimates undefined; weights and counts this far apart are not those of one population: check \(check)"
    }

    /// A relative gap to two significant digits: `0.35`, `2.1e-05`.
    private static func gap(_ value: Double) -> String {
        value.isFinite ? String(format: "%.2g", value) : String(value)
    }

    private static func list(_ names: [String]) -> String {
        names.map { $0 == "population" ? "the population's size" : $0 }.joined(separator: ", ")
    }

    /// A weighted count to one decimal, `12.5`, `40`; beyond whole numbers Int64 holds exactly, or
    /// below a twentieth, as Swift writes it (`1e+20`, `1e-323`).
    private static func number(_ value: Double) -> String {
        guard abs(value) < 1e15, value == 0 || abs(value) >= 0.05 else { return String(value) }
        let rounded = (value * 10).rounded() / 10
        guard rounded == rounded.rounded(), abs(rounded) < 1e15 else { return String(rounded) }
        return String(Int64(rounded))
    }

    private static func responses(_ ids: [Int64]) -> String {
        ids.count == 1 ? "1 cleaned response" : "\(ids.count) cleaned responses"
    }

    private static func ids(_ ids: [Int64]) -> String {
        let shown = ids.prefix(idsShown).map(String.init).joined(separator: ", ")
        return (ids.count == 1 ? "id " : "ids ") + shown + (ids.count > idsShown ? ", …" : "")
    }
}
