import Diagnostics
import Dispatch
import Expressions
import Foundation
import Frameworks
import Store

/// What the engine keeps of one round's scan: its cleaning log, and per indicator the responses
/// missing from its base and its cells.
struct ScannedRound: Sendable {
    let log: CleaningLog
    let missing: [Int]
    /// Per indicator, of its missing responses: how many were not asked each question of its `askedChecks`.
    let notAsked: [[NotAskedTally]]
    let cells: [[ComputedCell]]
    /// Why the round cannot be estimated (its responses do not fit its post-strata, margins or calibration); no cells then.
    var refusals: [Diagnostic] = []

    /// Scans the rounds of `plans` and estimates their cells, the rounds side by side on as many
    /// threads as there are processors (rounds share nothing but the store, which reads in parallel).
    /// The results are in the order of `plans`; the first error met is thrown.
    static func scan(_ plans: [RoundPlan], store: any Store, framework: Framework, language: String, today: CalendarDate) throws -> [ScannedRound] {
        let results = ResultBox(count: plans.count)
        // Each plan (with its breakdowns, which the scan fills) is used by one thread only.
        let plans = UncheckedPlans(plans: plans)
        DispatchQueue.concurrentPerform(iterations: plans.plans.count) { index in
            let plan = plans.plans[index]
            results.set(index, Result {
                let scan = RoundScan(plan: plan, today: today)
                try scan.run(store: store)
                let refused = { (problems: [Diagnostic]) in
                    ScannedRound(log: scan.log, missing: scan.columns.map(\.missing), notAsked: scan.columns.map(\.notAsked), cells: [], refusals: problems)
                }
                if let problems = plan.postStratification?.problems(in: scan.postStrata, totals: scan.calibrationTotals, round: plan.round), !problems.isEmpty {
                    return refused(problems)
                }
                // Each base design weighted once, for every cell of every indicator on it.
                let designs = RoundDesigns(scan: scan)
                if let failed = plan.postStratification?.weightingProblem(in: designs, indices: plan.weightedDesignIndices, round: plan.round) {
                    return refused([failed])
                }
                return ScannedRound(
                    log: scan.log,
                    missing: scan.columns.map(\.missing),
                    notAsked: scan.columns.map(\.notAsked),
                    cells: plan.indicators.indices.map {
                        CellEstimation.cells(for: $0, scan: scan, designs: designs, framework: framework, language: language)
                    })
            })
        }
        return try results.values.map { try $0!.get() }
    }

    private struct UncheckedPlans: @unchecked Sendable {
        let plans: [RoundPlan]
    }

    /// The rounds' results as the threads finish them.
    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Result<ScannedRound, any Error>?]

        init(count: Int) { items = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<ScannedRound, any Error>) {
            lock.lock()
            items[index] = result
            lock.unlock()
        }

        var values: [Result<ScannedRound, any Error>?] {
            lock.lock()
            defer { lock.unlock() }
            return items
        }
    }
}
