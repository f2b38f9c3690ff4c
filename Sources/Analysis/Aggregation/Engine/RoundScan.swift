import Expressions
import Foundation
import Frameworks
import Store
import SurveyDefinition

/// One pass over a round's stored responses: each row's values go into the slots of one
/// evaluation context, the cleaning rules decide whether it is kept, and every indicator
/// evaluates its compiled expressions on it, appending to its columns.
final class RoundScan {
    let plan: RoundPlan
    let today: CalendarDate
    private(set) var log: CleaningLog
    /// Per indicator: the kept-row positions in its base and their values.
    private(set) var columns: [IndicatorColumns]
    private(set) var breakdowns: [Breakdown]
    private(set) var designs: [DesignColumns]
    private(set) var keptCount = 0
    /// In a post-stratified or raked round, per margin the group of each kept response ("" when
    /// it has none) and its stored id.
    private(set) var postStrata: [PostStrataColumn] = []
    /// In a calibrated round, per numeric total the value of each kept response (NaN when it has none).
    private(set) var calibrationTotals: [CalibrationTotalColumn] = []

    init(plan: RoundPlan, today: CalendarDate) {
        self.plan = plan
        self.today = today
        log = CleaningLog(round: plan.round, entries: plan.cleaning.emptyEntries())
        columns = plan.indicators.map { _ in IndicatorColumns() }
        breakdowns = plan.breakdowns
        designs = plan.designs
    }

    /// Reads the round from `store`: partial responses too when completeness is judged.
    func run(store: any Store) throws {
        let selection: ResponseSelection = plan.cleaning.minCompleteness == nil ? .complete : .all
        var pass = ScanPass(plan: plan, today: today, log: log, designs: designs, indicatorCount: columns.count)
        try store.scanResponses(round: plan.round, variables: plan.variableNames, selection: selection) { row in
            pass.take(row)
        }
        log = pass.log
        columns = pass.columns
        designs = pass.designs
        keptCount = pass.keptCount
        postStrata = pass.postStrata
        calibrationTotals = pass.calibrationTotals
        for (index, breakdown) in breakdowns.enumerated() {
            breakdown.groupOfRow = pass.groups[index]
        }
    }

    /// The value of slot `slot` as expressions see it.
    @inline(__always)
    static func value(_ row: ResponseRow, _ slot: Int, _ type: VariableType) -> Value {
        if row.isNull(slot) { return .empty }
        switch type {
        case .integer, .decimal:
            return .number(row.decimal(slot) ?? .nan)
        case .boolean:
            return .boolean((row.integer(slot) ?? 0) != 0)
        case .date:
            guard let text = row.text(slot) else { return .empty }
            return CalendarDate(iso: text).map(Value.date) ?? .text(text)
        case .text, .choice, .choices:
            guard let text = row.text(slot), !text.isEmpty else { return .empty }
            return .text(text)
        }
    }

    /// Whether slot `slot` holds an answer, exactly when `value(row, slot, type)` is not empty,
    /// without making the value.
    @inline(__always)
    static func isAnswered(_ row: ResponseRow, _ slot: Int, _ type: VariableType) -> Bool {
        if row.isNull(slot) { return false }
        switch type {
        case .integer, .decimal, .boolean: return true
        case .date, .text, .choice, .choices: return row.withUTF8(slot) { !$0.isEmpty } ?? false
        }
    }
}

/// The state of one scan while it runs, kept in a struct of its own so that the per-row work
/// touches local arrays only: the plan is flattened into parallel arrays once, and values are
/// made only for the slots something reads (completeness needs to know only which answers are empty).
private struct ScanPass {
    var log: CleaningLog
    var columns: [IndicatorColumns]
    var designs: [DesignColumns]
    /// Per breakdown: the group of each kept response.
    var groups: [[Int32]]
    var keptCount = 0
    var postStrata: [PostStrataColumn]
    var calibrationTotals: [CalibrationTotalColumn]

    private var context: EvaluationContext
    private let postStratumSlots: [Int]
    private let calibrationTotalSlots: [Int]
    private let breakdowns: [Breakdown]
    /// Per breakdown: its variable's slot, or nil for `samla.source`.
    private let breakdownSlots: [Int?]

    // The slots whose values are read, with their types; and the rest, read for completeness.
    private let valueSlots: [Int]
    private let valueTypes: [VariableType]
    private let presenceSlots: [Int]
    private let presenceTypes: [VariableType]
    /// Per slot, for completeness: whether it holds an answer.
    private var answered: [Bool]

    // Cleaning rules, in the order they run.
    private let test: CompiledExpression?
    private let minCompleteness: Double?
    /// The speed rule's threshold in milliseconds.
    private let minMilliseconds: Int64?
    private let duplicateKey: [Int]
    private let eligible: CompiledExpression?
    private var seenKeys = Set<String>()

    // The distinct relevance conditions (each evaluated at most once per row, for completeness and
    // the asked checks); for completeness, each page's condition, then each question's page,
    // condition and answer slots.
    private let conditions: [CompiledExpression]
    /// Per condition, for the current row: 0 not evaluated yet, 1 true, -1 false.
    private var conditionState: [Int8]
    private let pageCondition: [Int?]
    private let questionPage: [Int]
    private let questionCondition: [Int?]
    /// Question `q`'s answer slots are `questionSlots[questionSlotStart[q]..<questionSlotStart[q + 1]]`.
    private let questionSlotStart: [Int]
    private let questionSlots: [Int]

    // Indicators, one entry each.
    private let kinds: [IndicatorKind]
    private let universes: [CompiledExpression?]
    private let numerators: [CompiledExpression?]
    private let numeratorSlots: [[Int]]
    private let values: [CompiledExpression?]
    private let denominators: [CompiledExpression?]
    private let designOf: [Int?]
    private let askedChecks: [[AskedCheck]]

    init(plan: RoundPlan, today: CalendarDate, log: CleaningLog, designs: [DesignColumns], indicatorCount: Int) {
        self.log = log
        self.designs = designs
        columns = Array(repeating: IndicatorColumns(), count: indicatorCount)
        groups = Array(repeating: [], count: plan.breakdowns.count)
        context = EvaluationContext(slotCount: plan.variables.count, today: today)
        breakdowns = plan.breakdowns
        breakdownSlots = plan.breakdowns.map(\.slot)
        postStratumSlots = plan.postStratification?.slots ?? []
        postStrata = Array(repeating: PostStrataColumn(), count: postStratumSlots.count)
        calibrationTotalSlots = plan.postStratification?.totalSlots ?? []
        calibrationTotals = Array(repeating: CalibrationTotalColumn(), count: calibrationTotalSlots.count)

        let types = plan.variables.map(\.type)
        let completes = plan.cleaning.minCompleteness != nil
        let reads = plan.readsValue.indices.filter { plan.readsValue[$0] }
        valueSlots = reads
        valueTypes = reads.map { types[$0] }
        let onlyPresent = completes ? plan.readsValue.indices.filter { !plan.readsValue[$0] } : []
        presenceSlots = onlyPresent
        presenceTypes = onlyPresent.map { types[$0] }
        answered = Array(repeating: false, count: types.count)

        let cleaning = plan.cleaning
        test = cleaning.test
        minCompleteness = cleaning.minCompleteness
        minMilliseconds = cleaning.minMinutes.map(Self.milliseconds)
        duplicateKey = cleaning.duplicateKey
        eligible = cleaning.eligible
        conditions = cleaning.conditions
        conditionState = Array(repeating: 0, count: cleaning.conditions.count)
        pageCondition = cleaning.pageCondition
        questionPage = cleaning.questions.map(\.page)
        questionCondition = cleaning.questions.map(\.condition)
        var starts = [0]
        var slots: [Int] = []
        for question in cleaning.questions {
            slots += question.slots
            starts.append(slots.count)
        }
        questionSlotStart = starts
        questionSlots = slots

        let indicators = plan.indicators
        kinds = indicators.map(\.indicator.kind)
        universes = indicators.map(\.universe)
        numerators = indicators.map(\.numerator)
        numeratorSlots = indicators.map(\.numeratorSlots)
        values = indicators.map(\.value)
        denominators = indicators.map(\.denominator)
        designOf = indicators.map(\.design)
        askedChecks = indicators.map(\.askedChecks)
        for index in columns.indices { columns[index].notAsked = Array(repeating: NotAskedTally(), count: askedChecks[index].count) }
    }

    /// `minutes` in whole milliseconds, rounded up; a minimum beyond what Int64 holds (some 292
    /// million years) is the longest, under which every timed response falls.
    private static func milliseconds(_ minutes: Double) -> Int64 {
        let milliseconds = (minutes * 60_000).rounded(.up)
        return milliseconds < 0x1p63 ? Int64(milliseconds) : .max
    }

    mutating func take(_ row: ResponseRow) {
        log.read += 1
        for i in conditionState.indices { conditionState[i] = 0 }
        if row.status == .partial { log.partial += 1 }
        for k in valueSlots.indices {
            let slot = valueSlots[k]
            context.slots[slot] = RoundScan.value(row, slot, valueTypes[k])
        }
        var entry = 0
        if let test {
            if test.isTrue(context) { return remove(row.responseID, entry) }
            entry += 1
        }
        if let minCompleteness {
            for k in presenceSlots.indices {
                answered[presenceSlots[k]] = RoundScan.isAnswered(row, presenceSlots[k], presenceTypes[k])
            }
            for slot in valueSlots { answered[slot] = !context.slots[slot].isEmpty }
            if completeness() < minCompleteness { return remove(row.responseID, entry) }
            entry += 1
        }
        if let minMilliseconds {
            if row.source == .web {
                let end = row.submittedAt ?? row.updatedAt
                if end.millisecondsSinceEpoch - row.startedAt.millisecondsSinceEpoch < minMilliseconds { return remove(row.responseID, entry) }
            } else {
                log.entries[entry].untimed += 1
            }
            entry += 1
        }
        if !duplicateKey.isEmpty {
            if let key = key(), !seenKeys.insert(key).inserted { return remove(row.responseID, entry) }
            entry += 1
        }
        if let eligible, !eligible.isTrue(context) { return remove(row.responseID, entry) }
        keep(row)
    }

    private mutating func remove(_ id: Int64, _ entry: Int) {
        log.entries[entry].removed.append(id)
    }

    private mutating func keep(_ row: ResponseRow) {
        let id = row.responseID
        let position = Int32(keptCount)
        keptCount += 1
        for b in breakdownSlots.indices {
            if let slot = breakdownSlots[b] {
                groups[b].append(breakdowns[b].group(of: context.slots[slot]))
            } else {
                groups[b].append(breakdowns[b].group(of: row.source))
            }
        }
        for (margin, slot) in postStratumSlots.enumerated() {
            postStrata[margin].append(context.slots[slot], response: id)
        }
        for (total, slot) in calibrationTotalSlots.enumerated() {
            calibrationTotals[total].values.append(context.slots[slot].number ?? .nan)
            calibrationTotals[total].responseIDs.append(id)
        }
        for index in designs.indices {
            let spec = designs[index].spec
            designs[index].responseIDs.append(id)
            designs[index].weights.append(spec.weight.map { context.slots[$0].number ?? .nan } ?? 1)
            if let strata = spec.strata { designs[index].strata.append(context.slots[strata].string) }
            if let fpc = spec.fpc { designs[index].fpc.append(context.slots[fpc].number ?? .nan) }
        }
        for index in kinds.indices {
            if let universe = universes[index], !universe.isTrue(context) { continue }
            if let design = designOf[index], designs[design].weights[Int(position)].isNaN {
                columns[index].missing += 1
                continue
            }
            switch kinds[index] {
            case .proportion:
                guard let holds = numerator(index) else {
                    countMissing(index)
                    continue
                }
                columns[index].append(row: position, value: holds ? 1 : 0)
            case .count:
                columns[index].append(row: position, value: 1)
            case .ratio:
                guard let value = values[index]?.evaluate(context).number, value.isFinite,
                      let denominator = denominators[index]?.evaluate(context).number, denominator.isFinite
                else {
                    countMissing(index)
                    continue
                }
                columns[index].append(row: position, value: value, denominator: denominator)
            case .mean, .median, .total:
                guard let value = values[index]?.evaluate(context).number, value.isFinite else {
                    countMissing(index)
                    continue
                }
                columns[index].append(row: position, value: value)
            case .reported:
                continue
            }
        }
    }

    /// Counts the current row as missing from indicator `index`'s base, and as not asked at the
    /// first question deciding its value that was empty because the row's answers hid it.
    private mutating func countMissing(_ index: Int) {
        columns[index].missing += 1
        for (k, check) in askedChecks[index].enumerated() where context.slots[check.slot].isEmpty {
            var hiding: UInt8 = 0
            for (bit, condition) in check.conditions.enumerated() where !holds(condition) { hiding |= 1 << bit }
            guard hiding != 0 else { continue }
            columns[index].notAsked[k].count += 1
            columns[index].notAsked[k].hiding |= hiding
            return
        }
    }

    /// Proportion `index`'s numerator for the current row; nil when it is missing, i.e. when the
    /// answers given do not decide it (three-valued, `CompiledExpression.knownTruth`). With every
    /// deciding variable answered it is decided, and evaluated as usual.
    @inline(__always)
    private func numerator(_ index: Int) -> Bool? {
        guard let numerator = numerators[index] else { return false }
        for slot in numeratorSlots[index] where context.slots[slot].isEmpty {
            return numerator.knownTruth(context)
        }
        return numerator.isTrue(context)
    }

    /// Answered ÷ relevant answerable questions (1 when none is relevant).
    private mutating func completeness() -> Double {
        var relevant = 0
        var answeredCount = 0
        for q in questionPage.indices {
            if let page = pageCondition[questionPage[q]], !holds(page) { continue }
            if let own = questionCondition[q], !holds(own) { continue }
            relevant += 1
            for k in questionSlotStart[q]..<questionSlotStart[q + 1] where answered[questionSlots[k]] {
                answeredCount += 1
                break
            }
        }
        return relevant == 0 ? 1 : Double(answeredCount) / Double(relevant)
    }

    /// Whether relevance condition `index` holds for the current row, evaluated on first use.
    @inline(__always)
    private mutating func holds(_ index: Int) -> Bool {
        if conditionState[index] == 0 { conditionState[index] = conditions[index].isTrue(context) ? 1 : -1 }
        return conditionState[index] == 1
    }

    /// The values of the key variables, trimmed and lowercased; nil when all are empty.
    private func key() -> String? {
        var key = ""
        var any = false
        for (k, slot) in duplicateKey.enumerated() {
            let text = DuplicateKeyText.normalized(context.slots[slot].string)
            if !text.isEmpty { any = true }
            if k > 0 { key.append("\u{1F}") }
            key.append(text)
        }
        return any ? key : nil
    }
}

/// One indicator's values in one round: the kept responses in its base, in scan order.
struct IndicatorColumns {
    var rows: [Int32] = []
    var values: [Double] = []
    /// Ratio only.
    var denominators: [Double] = []
    var missing = 0
    /// Of `missing`, per entry of the indicator's `askedChecks`: the rows not asked that question.
    var notAsked: [NotAskedTally] = []

    mutating func append(row: Int32, value: Double, denominator: Double? = nil) {
        rows.append(row)
        values.append(value)
        if let denominator { denominators.append(denominator) }
    }
}

/// The group of each kept response in one margin of a post-stratified or raked round, in scan order.
struct PostStrataColumn {
    /// The code of the post-stratification variable; "" when the response has none.
    var codes: [String] = []
    var responseIDs: [Int64] = []

    mutating func append(_ value: Value, response: Int64) {
        codes.append(value.isEmpty ? "" : value.string)
        responseIDs.append(response)
    }
}

/// The value of each kept response of one numeric variable a round is calibrated to, in scan
/// order; NaN when the response has none.
struct CalibrationTotalColumn {
    var values: [Double] = []
    var responseIDs: [Int64] = []
}
