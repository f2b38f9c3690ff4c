import Diagnostics
import Estimators
import Frameworks

extension PlannedPostStratification {
    /// How many response ids a message lists before "…".
    static let idsShown = 5

    /// Why the kept responses of `round` cannot be post-stratified or raked: in a margin, a group
    /// with a count but no response (E327), responses without the variable or with a code
    /// without a count (E328).
    func problems(in columns: [PostStrataColumn], round: String) -> [Diagnostic] {
        var diagnostics = DiagnosticList()
        for (margin, column) in zip(rule.margins, columns) {
            diagnostics.append(contentsOf: problems(of: margin, in: column, round: round))
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
                               "\(Self.responses(empty)) of round \(round) \(empty.count == 1 ? "has" : "have") no \(name) (\(Self.ids(empty))), so post-stratification cannot weight \(empty.count == 1 ? "it" : "them"); leave \(empty.count == 1 ? "it" : "them") out with a cleaning rule, e.g. `eligible: ${\(name)} != ''`, or fill in their \(name)")
        }
        if !uncounted.isEmpty {
            let codes = uncountedCodes.joined(separator: ", ")
            diagnostics.report(.responsesOutsidePostStrata, at: margin.location,
                               "\(Self.responses(uncounted)) of round \(round) \(uncounted.count == 1 ? "has" : "have") \(name) \(codes), which has no population count under `poststratify` (\(Self.ids(uncounted))); give the count of \(codes), or leave these responses out with a cleaning rule")
        }
        for count in margin.counts where !present.contains(count.code.value) {
            diagnostics.report(.emptyPostStratum, at: count.code.location,
                               "round \(round) has a population count for \(count.code.value) under `poststratify`, but no cleaned response has \(name) \(count.code.value), so no weight can be scaled to it (R's postStratify refuses this too); merge \(count.code.value) with a similar code in a calculated text, with the sum of their counts")
        }
        return diagnostics.items
    }

    /// E331 for the first of `indices` (designs the round's weighting applies to: the weights of
    /// an indicator, or 1 without) whose raking does not converge: the margin and group furthest
    /// from its count after R's 10 passes, or the group whose weights could not be scaled to its
    /// count within the range of a Double. Reads the rakings the cells use, made once per design.
    func rakingProblem(in designs: RoundDesigns, indices: [Int], round: String) -> Diagnostic? {
        guard rule.isRaking else { return nil }
        for index in indices {
            let weightName = designs.columns(ofDesign: index).weightName
            let raking = "raking round \(round) to \(designs.margins.map(\.name).joined(separator: ", ")) "
                + (weightName.map { "with the weights of \($0)" } ?? "with every response weighing 1")
            let message: String
            switch designs.calibrationError(ofDesign: index) {
            case .rakingNotConverged(let passes, let margin, let group, let weighted, let population)?:
                message = "\(raking) did not converge in \(passes) passes (R's rake stops after 10): the weights of \(margin) \(group) add up to \(Self.number(weighted)), not its count \(Self.number(population)); the responses lack combinations the margins need (e.g. too few responses in some \(margin) for a group of another margin): merge small groups, or rake to fewer margins"
            case .rakingWeightsOutOfRange(let pass, let margin, let group, let weighted, let population, let after)?:
                let sum = weighted.isFinite ? Self.number(weighted) : "more than the largest 64-bit floating-point number (1.8e308)"
                let when = after.map { "after scaling to \($0)" } ?? "as given"
                let check = weightName.map {
                    "the counts under `poststratify` and the weights of \($0) (each count the number of units in its group, each weight about the number of units a response stands for)"
                } ?? "the counts under `poststratify` (each count the number of units in its group)"
                message = "\(raking) stopped in pass \(pass): the weights of \(margin) \(group) add up to \(sum) \(when), and scaling them to its count \(Self.number(population)) would take them beyond the range of 64-bit floating-point numbers (about 4.9e-324 to 1.8e308), where they become 0 or infinite; counts and weights this far apart are not those of one population: check \(check)"
            default:
                continue
            }
            var diagnostics = DiagnosticList()
            diagnostics.report(.rakingNotConverged, at: rule.location, message)
            return diagnostics.items.first
        }
        return nil
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
