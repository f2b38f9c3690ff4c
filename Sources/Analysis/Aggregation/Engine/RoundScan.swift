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
    private(set) var log: CleaningLog
    /// Per indicator: the kept-row positions in its base and their values.
    private(set) var columns: [IndicatorColumns]
    private(set) var breakdowns: [Breakdown]
    private(set) var designs: [DesignColumns]
    private(set) var keptCount = 0

    private var context: EvaluationContext
    private let types: [VariableType]
    private var seenKeys = Set<String>()
    private var pageRelevant: [Int8]

    init(plan: RoundPlan, today: CalendarDate) {
        self.plan = plan
        log = CleaningLog(round: plan.round, entries: plan.cleaning.emptyEntries())
        columns = plan.indicators.map { _ in IndicatorColumns() }
        breakdowns = plan.breakdowns
        designs = plan.designs
        types = plan.variables.map(\.type)
        context = EvaluationContext(slotCount: plan.variables.count, today: today)
        pageRelevant = Array(repeating: 0, count: plan.cleaning.pageRelevance.count)
    }

    /// Reads the round from `store`: partial responses too when completeness is judged.
    func run(store: any Store) throws {
        let selection: ResponseSelection = plan.cleaning.minCompleteness == nil ? .complete : .all
        try store.scanResponses(round: plan.round, variables: plan.variableNames, selection: selection) { row in
            self.take(row)
        }
    }

    private func take(_ row: ResponseRow) {
        log.read += 1
        if row.status == .partial { log.partial += 1 }
        for slot in 0..<types.count { context.slots[slot] = Self.value(row, slot, types[slot]) }
        let cleaning = plan.cleaning
        var entry = 0
        if let test = cleaning.test {
            if test.isTrue(context) { return remove(row, entry) }
            entry += 1
        }
        if let share = cleaning.minCompleteness {
            if completeness() < share { return remove(row, entry) }
            entry += 1
        }
        if !cleaning.duplicateKey.isEmpty {
            if let key = duplicateKey(), !seenKeys.insert(key).inserted { return remove(row, entry) }
            entry += 1
        }
        if let eligible = cleaning.eligible, !eligible.isTrue(context) { return remove(row, entry) }
        keep()
    }

    private func remove(_ row: ResponseRow, _ entry: Int) {
        log.entries[entry].removed.append(row.responseID)
    }

    private func keep() {
        let position = Int32(keptCount)
        keptCount += 1
        for breakdown in breakdowns {
            breakdown.append(code: Self.code(context.slots[breakdown.slot]))
        }
        for index in designs.indices {
            let spec = designs[index].spec
            designs[index].weights.append(context.slots[spec.weight].number ?? .nan)
            if let strata = spec.strata { designs[index].strata.append(context.slots[strata].string) }
            if let fpc = spec.fpc { designs[index].fpc.append(context.slots[fpc].number ?? .nan) }
        }
        for (index, indicator) in plan.indicators.enumerated() {
            if let universe = indicator.universe, !universe.isTrue(context) { continue }
            if let design = indicator.design, designs[design].weights[Int(position)].isNaN {
                columns[index].missing += 1
                continue
            }
            switch indicator.indicator.kind {
            case .proportion:
                if !indicator.numeratorSlots.isEmpty, indicator.numeratorSlots.allSatisfy({ context.slots[$0].isEmpty }) {
                    columns[index].missing += 1
                    continue
                }
                columns[index].append(row: position, value: indicator.numerator?.isTrue(context) == true ? 1 : 0)
            case .count:
                columns[index].append(row: position, value: 1)
            case .ratio:
                guard let value = indicator.value?.evaluate(context).number, value.isFinite,
                      let denominator = indicator.denominator?.evaluate(context).number, denominator.isFinite
                else {
                    columns[index].missing += 1
                    continue
                }
                columns[index].append(row: position, value: value, denominator: denominator)
            case .mean, .median, .total:
                guard let value = indicator.value?.evaluate(context).number, value.isFinite else {
                    columns[index].missing += 1
                    continue
                }
                columns[index].append(row: position, value: value)
            case .reported:
                continue
            }
        }
    }

    /// Answered ÷ relevant answerable questions (1 when none is relevant).
    private func completeness() -> Double {
        let cleaning = plan.cleaning
        for i in pageRelevant.indices { pageRelevant[i] = 0 }
        var relevant = 0
        var answered = 0
        for question in cleaning.questions {
            if pageRelevant[question.page] == 0 {
                let shown = cleaning.pageRelevance[question.page].map { $0.isTrue(context) } ?? true
                pageRelevant[question.page] = shown ? 1 : -1
            }
            guard pageRelevant[question.page] == 1 else { continue }
            if let relevance = question.relevance, !relevance.isTrue(context) { continue }
            relevant += 1
            if question.slots.contains(where: { !context.slots[$0].isEmpty }) { answered += 1 }
        }
        return relevant == 0 ? 1 : Double(answered) / Double(relevant)
    }

    /// The values of the key variables, trimmed and lowercased; nil when all are empty.
    private func duplicateKey() -> String? {
        var parts: [String] = []
        var any = false
        for slot in plan.cleaning.duplicateKey {
            let text = context.slots[slot].string.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if !text.isEmpty { any = true }
            parts.append(text)
        }
        return any ? parts.joined(separator: "\u{1F}") : nil
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

    /// The category code of a breakdown value.
    static func code(_ value: Value) -> String? {
        switch value {
        case .empty: nil
        case .boolean(let flag): flag ? "true" : "false"
        default: value.string
        }
    }
}

/// One indicator's values in one round: the kept responses in its base, in scan order.
struct IndicatorColumns {
    var rows: [Int32] = []
    var values: [Double] = []
    /// Ratio only.
    var denominators: [Double] = []
    var missing = 0

    mutating func append(row: Int32, value: Double, denominator: Double? = nil) {
        rows.append(row)
        values.append(value)
        if let denominator { denominators.append(denominator) }
    }
}
