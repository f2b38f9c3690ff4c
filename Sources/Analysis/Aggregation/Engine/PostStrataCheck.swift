import Diagnostics
import Frameworks

extension PlannedPostStratification {
    /// How many response ids a message lists before "…".
    static let idsShown = 5

    /// Why the kept responses of `round` cannot be post-stratified: a post-stratum with a count
    /// but no response (E327), responses without the variable or with a code without a count (E328).
    func problems(in column: PostStrataColumn, round: String) -> [Diagnostic] {
        var diagnostics = DiagnosticList()
        let name = rule.variable.value
        let counted = Set(rule.counts.map(\.code.value))
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
            diagnostics.report(.responsesOutsidePostStrata, at: rule.location,
                               "\(Self.responses(empty)) of round \(round) \(empty.count == 1 ? "has" : "have") no \(name) (\(Self.ids(empty))), so post-stratification cannot weight \(empty.count == 1 ? "it" : "them"); leave \(empty.count == 1 ? "it" : "them") out with a cleaning rule, e.g. `eligible: ${\(name)} != ''`, or fill in their \(name)")
        }
        if !uncounted.isEmpty {
            let codes = uncountedCodes.joined(separator: ", ")
            diagnostics.report(.responsesOutsidePostStrata, at: rule.location,
                               "\(Self.responses(uncounted)) of round \(round) \(uncounted.count == 1 ? "has" : "have") \(name) \(codes), which has no population count under `poststratify` (\(Self.ids(uncounted))); give the count of \(codes), or leave these responses out with a cleaning rule")
        }
        for count in rule.counts where !present.contains(count.code.value) {
            diagnostics.report(.emptyPostStratum, at: count.code.location,
                               "round \(round) has a population count for \(count.code.value) under `poststratify`, but no cleaned response has \(name) \(count.code.value), so no weight can be scaled to it (R's postStratify refuses this too); merge \(count.code.value) with a similar code in a calculated text, with the sum of their counts")
        }
        return diagnostics.items
    }

    private static func responses(_ ids: [Int64]) -> String {
        ids.count == 1 ? "1 cleaned response" : "\(ids.count) cleaned responses"
    }

    private static func ids(_ ids: [Int64]) -> String {
        let shown = ids.prefix(idsShown).map(String.init).joined(separator: ", ")
        return (ids.count == 1 ? "id " : "ids ") + shown + (ids.count > idsShown ? ", …" : "")
    }
}
