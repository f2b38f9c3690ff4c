import Foundation
import Store
import SurveyDefinition

/// Tallies every question of a round in one pass over its stored responses, leaving out those
/// the cleaning rules removed.
struct ToplineScan {
    let survey: Survey
    let round: String
    /// Responses the framework's cleaning rules removed from this round.
    let removed: Set<Int64>
    /// Partial responses too, when the round's cleaning judges completeness.
    let selection: ResponseSelection
    /// The smallest count shown; below it a count is withheld.
    let minCell: Int
    let openAnswers: Int
    /// The p of the p % rule for the means of numbers; 0 for none.
    let pPercent: Double
    let language: String
    let fallbacks: [String]

    /// The most distinct texts kept per variable; more are still counted as answers.
    static let distinctTextLimit = 20_000

    /// One variable's running tally, changed in place during the scan.
    private final class Accumulator {
        enum Kind { case choice, choices, boolean, number, month, text, presence }

        let kind: Kind
        /// Choice code → position in `counts`.
        var codes: [String: Int] = [:]
        var counts: [Int] = []
        var values: [Double] = []
        var texts: [String: Int] = [:]
        var answered = 0

        init(kind: Kind, codes: [String] = []) {
            self.kind = kind
            self.codes = Dictionary(codes.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
            counts = [Int](repeating: 0, count: codes.count)
        }
    }

    func run(store: any Store) throws -> Topline {
        var names: [String] = []
        var accumulators: [Accumulator] = []
        var slotOf: [String: Int] = [:]
        for question in survey.questions where question.type.isAnswered {
            for variable in question.variables where variable.role != .calculated {
                slotOf[variable.name] = names.count
                names.append(variable.name)
                accumulators.append(Self.accumulator(for: variable, question: question, survey: survey))
            }
        }
        var kept = 0
        try store.scanResponses(round: round, variables: names, selection: selection) { row in
            if removed.contains(row.responseID) { return }
            kept += 1
            for slot in accumulators.indices {
                if row.isNull(slot) { continue }
                Self.add(row, slot, into: accumulators[slot])
            }
        }
        var pages: [ToplinePage] = []
        for page in survey.pages {
            var items: [ToplineItem] = []
            for question in page.questions where question.type.isAnswered {
                items.append(item(for: question, accumulators: accumulators, slotOf: slotOf))
            }
            if !items.isEmpty { pages.append(ToplinePage(page: page, items: items)) }
        }
        return Topline(round: round, survey: survey, responses: kept, pages: pages, pPercent: pPercent)
    }

    private static func accumulator(for variable: Variable, question: Question, survey: Survey) -> Accumulator {
        if variable.isPII { return Accumulator(kind: .presence) }
        switch variable.type {
        case .boolean: return Accumulator(kind: .boolean, codes: ["1", "0"])
        case .choice: return Accumulator(kind: .choice, codes: survey.choices(for: question).map(\.value))
        case .choices: return Accumulator(kind: .choices, codes: survey.choices(for: question).map(\.value))
        case .integer, .decimal: return Accumulator(kind: .number)
        case .date: return Accumulator(kind: .month)
        case .text: return Accumulator(kind: .text)
        }
    }

    private static func add(_ row: ResponseRow, _ slot: Int, into tally: Accumulator) {
        switch tally.kind {
        case .choice:
            guard let code = row.text(slot) else { return }
            tally.answered += 1
            if let index = tally.codes[code] { tally.counts[index] += 1 }
        case .boolean:
            guard let value = row.integer(slot) else { return }
            tally.answered += 1
            tally.counts[value != 0 ? 0 : 1] += 1
        case .choices:
            guard let text = row.text(slot) else { return }
            var any = false
            for code in text.split(separator: " ") {
                if let index = tally.codes[String(code)] {
                    tally.counts[index] += 1
                    any = true
                }
            }
            if any { tally.answered += 1 }
        case .number:
            guard let value = row.decimal(slot), value.isFinite else { return }
            tally.values.append(value)
            tally.answered += 1
        case .month:
            guard let text = row.text(slot) else { return }
            tally.texts[String(text.prefix(7)), default: 0] += 1
            tally.answered += 1
        case .text:
            guard let text = row.text(slot) else { return }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return }
            tally.answered += 1
            if tally.texts[trimmed] != nil || tally.texts.count < distinctTextLimit { tally.texts[trimmed, default: 0] += 1 }
        case .presence:
            tally.answered += 1
        }
    }

    private func item(for question: Question, accumulators: [Accumulator], slotOf: [String: Int]) -> ToplineItem {
        let other = question.allowsOther ? slotOf[question.otherVariableName].map { textTally(accumulators[$0]) } : nil
        if question.isPII {
            let answered = question.variables.compactMap { slotOf[$0.name] }.map { accumulators[$0].answered }.max() ?? 0
            return ToplineItem(question: question, body: .personal(answered: answered), other: nil)
        }
        guard let slot = slotOf[question.variables.first?.name ?? ""] else {
            return ToplineItem(question: question, body: .personal(answered: 0), other: nil)
        }
        switch question.type {
        case .matrix:
            let rows = question.rows.compactMap { row -> (row: MatrixRow, tally: ChoiceTally)? in
                guard let slot = slotOf[question.variableName(forRow: row.name)] else { return nil }
                return (row, choiceTally(accumulators[slot], question: question))
            }
            return ToplineItem(question: question, body: .matrix(rows), other: nil)
        case .selectOne, .selectMultiple, .boolean:
            return ToplineItem(question: question, body: .choices(choiceTally(accumulators[slot], question: question)), other: other)
        case .integer, .decimal:
            if let summary = NumberSummary(sorted: accumulators[slot].values.sorted(), isInteger: question.type == .integer, pPercent: pPercent) {
                return ToplineItem(question: question, body: .numbers(summary), other: nil)
            }
            return ToplineItem(question: question, body: .choices(ChoiceTally(categories: [], answered: 0, isMultiple: false)), other: nil)
        case .date:
            let dates = DatePeriod.tally(monthCounts: accumulators[slot].texts, answered: accumulators[slot].answered, minCell: minCell, language: language)
            return ToplineItem(question: question, body: .dates(dates), other: nil)
        case .text, .longText, .email:
            return ToplineItem(question: question, body: .texts(textTally(accumulators[slot])), other: nil)
        case .note, .calculate:
            break
        }
        return ToplineItem(question: question, body: .personal(answered: 0), other: nil)
    }

    private func choiceTally(_ accumulator: Accumulator, question: Question) -> ChoiceTally {
        let choices: [(String, String)]
        if question.type == .boolean {
            choices = [("1", language == "sv" ? "Ja" : "Yes"), ("0", language == "sv" ? "Nej" : "No")]
        } else {
            choices = survey.choices(for: question).map { ($0.value, $0.label.resolved(language, fallbacks: fallbacks)) }
        }
        let categories = zip(choices, accumulator.counts).map { ChoiceTally.Category(code: $0.0.0, label: $0.0.1, count: $0.1) }
        return ChoiceTally(categories: categories, answered: accumulator.answered, isMultiple: accumulator.kind == .choices)
    }

    private func textTally(_ accumulator: Accumulator) -> TextTally {
        guard accumulator.kind == .text else { return TextTally(answered: 0, frequent: [], distinct: 0) }
        let counts = accumulator.texts
        let frequent = counts.filter { $0.value >= minCell }
            .sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .prefix(openAnswers)
            .map { (text: $0.key, count: $0.value) }
        return TextTally(answered: accumulator.answered, frequent: Array(frequent), distinct: counts.count)
    }
}
