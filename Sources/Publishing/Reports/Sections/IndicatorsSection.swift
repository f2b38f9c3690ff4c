import Aggregation
import Frameworks
import HTML

extension ReportRenderer {
    /// Per indicator: what it measures, its target and status, a chart of the estimate and its
    /// interval per round and group, and the same figures as a table with n and suppression marks.
    func renderIndicators(only: [String]?, breakdowns: Bool, into html: inout HTMLBuilder) {
        let rows = content.results?.rows ?? []
        let indicators = only.map { ids in ids.compactMap { id in framework.indicators.first { $0.id == id } } } ?? framework.indicators
        let snapshots = Dictionary(snapshots().map { ($0.indicator.id, $0) }, uniquingKeysWith: { first, _ in first })
        html.element("p", text: words.pick(
            "Varje indikator visas med skattningen och dess 95-procentiga konfidensintervall per omgång, totalt och uppdelat på grupper. Tabellen under diagrammet innehåller samma siffror och antalet svar (n).",
            "Each indicator is shown with its estimate and 95% confidence interval per round, in total and by group. The table under the chart holds the same figures and the number of responses (n)."))
        for level in [NodeLevel.impact, .outcome, .output, .activity] {
            for indicator in indicators where framework.node(indicator.node)?.level == level {
                let own = rows.filter { $0.indicator == indicator.id && (breakdowns || $0.group.isTotal) }
                renderIndicator(indicator, rows: own, snapshot: snapshots[indicator.id], into: &html)
            }
        }
    }

    private func renderIndicator(_ indicator: Indicator, rows: [ResultRow], snapshot: IndicatorSnapshot?, into html: inout HTMLBuilder) {
        let format = IndicatorFormat(indicator: indicator, numbers: numbers)
        let rounds = framework.rounds.map(\.name).filter { name in rows.contains { $0.round == name } }
        html.element("article", .init("class", "indicator"), .init("id", "ind-\(indicator.id)"), .init("aria-labelledby", "ind-\(indicator.id)-h")) { html in
            html.element("h3", .init("id", "ind-\(indicator.id)-h"), text: text(indicator.title))
            if let description = indicator.description { html.element("p", text: text(description)) }
            html.element("ul", .init("class", "indicator-facts")) { html in
                if let node = framework.node(indicator.node) {
                    html.element("li", text: "\(words.levelName(node.level)): \(text(node.title))")
                }
                if let unit = words.unit(indicator.unit) { html.element("li", text: words.pick("Enhet: \(unit)", "Unit: \(unit)")) }
                if let baseline = indicator.baseline {
                    html.element("li", text: "\(words.baseline): \(words.valueIn(format.value(baseline.value), roundLabel(baseline.round)))")
                }
                for target in indicator.targets {
                    html.element("li", text: "\(words.target): \(words.valueIn(format.value(target.value), roundLabel(target.round)))")
                }
                if let snapshot {
                    let style = StatusStyle(snapshot.status)
                    html.element("li") { html in
                        html.text("\(words.statusHeader): ")
                        html.element("span", .init("class", "status \(style.cssClass)")) { html in
                            style.icon(into: &html)
                            html.text(words.status(snapshot.status))
                        }
                        if let reason = snapshot.reason(words) { html.text(" (\(reason))") }
                    }
                }
            }
            guard !rows.isEmpty else {
                html.element("p", .init("class", "note"), text: words.pick("Inga resultat för rapportens omgångar ännu.", "No results for the report's rounds yet."))
                return
            }
            let groups = groupOrder(rows)
            let everWithheld = withheldInEveryRound(groups, rows: rows, rounds: rounds)
            var chartRows: [IntervalChart.Row] = []
            for breakdown in groups.groupedInOrder(by: { $0.variable ?? "" }) {
                if let first = breakdown.elements.first, first.variable != nil {
                    chartRows.append(IntervalChart.Row(label: first.variableLabel ?? first.variable ?? "", marks: [], missing: nil, isHeading: true))
                }
                for group in breakdown.elements where !everWithheld.hides(group) {
                    var marks: [IntervalChart.Mark] = []
                    var outcomes: [CellOutcome] = []
                    for (index, round) in rounds.enumerated() {
                        guard let row = rows.first(where: { $0.round == round && $0.group.reportKey == group.reportKey }) else { continue }
                        outcomes.append(row.outcome)
                        guard let cell = row.outcome.published else { continue }
                        marks.append(.init(round: index, value: cell.value, low: cell.interval?.lower, high: cell.interval?.upper))
                    }
                    chartRows.append(IntervalChart.Row(label: group.label, marks: marks, missing: missingText(outcomes)))
                }
                for line in everWithheld.lines where line.variable == breakdown.key {
                    chartRows.append(IntervalChart.Row(label: words.groupsEach(line.groups.count), marks: [], missing: words.suppressionReason(line.cell.reason)))
                }
            }
            let target = snapshot?.target
            let description = chartDescription(indicator, format: format, rows: rows, rounds: rounds)
            let hasIntervals = rows.contains { $0.outcome.published?.interval != nil }
            let caption = hasIntervals
                ? words.pick("Skattning med 95-procentigt konfidensintervall per omgång och grupp", "Estimate with 95% confidence interval by round and group")
                : words.pick("Värde per omgång och grupp", "Value by round and group")
            SVG.figure(chartID: "chart-\(indicator.id)", caption: caption, into: &html) { html in
                IntervalChart(id: "chart-\(indicator.id)", description: description, rows: chartRows, rounds: rounds.map(roundLabel),
                              target: target?.value, targetLabel: target.map { "\(words.target) \(roundLabel($0.round)):" }, format: format,
                              words: words).render(into: &html)
            }
            renderIndicatorTable(indicator, rows: rows, rounds: rounds, groups: groups, everWithheld: everWithheld, format: format,
                                 showIntervals: hasIntervals, into: &html)
            // A round whose definition cannot compute the indicator, and a change across a question
            // asked differently, are said where the reader sees the figures.
            for note in content.results?.notes ?? [] where note.indicator == indicator.id {
                html.element("p", .init("class", "note"), text: note.text(words.language))
            }
        }
    }

    /// Groups in the order the results list them: the total, then each breakdown's groups.
    private func groupOrder(_ rows: [ResultRow]) -> [ResultGroup] {
        var seen = Set<String>()
        var groups: [ResultGroup] = []
        for row in rows where seen.insert(row.group.reportKey).inserted { groups.append(row.group) }
        return groups.filter(\.isTotal) + groups.filter { !$0.isTotal }
    }

    /// The groups of each breakdown withheld in each of `rounds`, for one reason, where
    /// there are at least ``WithheldGroups/fewest`` of them: a breakdown by county in a national
    /// survey would otherwise give a line to each of some twenty counties, most saying "too few".
    private func withheldInEveryRound(_ groups: [ResultGroup], rows: [ResultRow], rounds: [String]) -> WithheldGroups {
        var lines: [WithheldGroups.Line] = []
        for breakdown in groups.filter({ !$0.isTotal }).groupedInOrder(by: { $0.variable ?? "" }) {
            // A group qualifies when each round has its cell, withheld for one and the same reason.
            let withheld = breakdown.elements.compactMap { group -> (group: ResultGroup, cell: SuppressedCell)? in
                let cells = rows.filter { $0.group.reportKey == group.reportKey && rounds.contains($0.round) }.compactMap { row -> SuppressedCell? in
                    if case .suppressed(let cell) = row.outcome { return cell }
                    return nil
                }
                guard cells.count == rounds.count, let first = cells.first, cells.allSatisfy({ $0 == first }) else { return nil }
                return (group, first)
            }
            for (cell, members) in withheld.groupedInOrder(by: \.cell) where members.count >= WithheldGroups.fewest {
                lines.append(.init(variable: breakdown.key, groups: members.map(\.group), cell: cell))
            }
        }
        return WithheldGroups(lines: lines)
    }

    /// Why a group has no figure in any of `outcomes`: too few responses only when every cell's own
    /// base is too small; withheld beside a small group ("not shown", as the table's note explains);
    /// else the engine's reason (a ratio over nothing, say).
    func missingText(_ outcomes: [CellOutcome]) -> String {
        var reasons: [String] = []
        for outcome in outcomes {
            let reason: String
            switch outcome {
            case .published: continue
            case .suppressed(let cell): reason = words.suppressionReason(cell.reason)
            case .unavailable(let why): reason = why.text(words.language)
            }
            if !reasons.contains(reason) { reasons.append(reason) }
        }
        return reasons.count == 1 ? reasons[0] : reasons.isEmpty ? words.noData : words.withheld
    }

    private func chartDescription(_ indicator: Indicator, format: IndicatorFormat, rows: [ResultRow], rounds: [String]) -> String {
        let totals = rounds.compactMap { round -> String? in
            guard let row = rows.first(where: { $0.round == round && $0.group.isTotal }) else { return nil }
            // A colon after the round, whose label may end in a year: "ESEM 2025 254" read as one number.
            guard let cell = row.outcome.published else { return "\(roundLabel(round)): \(missingText([row.outcome]))" }
            var text = "\(roundLabel(round)): \(format.value(cell.value))"
            if let interval = cell.interval { text += " (\(format.spokenInterval(interval.lower, interval.upper)))" }
            return text
        }
        let total = totals.isEmpty ? "" : words.pick(" Totalt per omgång: ", " Total by round: ") + totals.joined(separator: "; ") + "."
        return words.pick("Diagram: \(text(indicator.title)).", "Chart: \(text(indicator.title)).") + total
            + words.pick(" Tabellen nedan ger alla grupper.", " The table below gives every group.")
    }

    private func renderIndicatorTable(_ indicator: Indicator, rows: [ResultRow], rounds: [String], groups: [ResultGroup], everWithheld: WithheldGroups,
                                      format: IndicatorFormat, showIntervals: Bool, into html: inout HTMLBuilder) {
        let reported = indicator.kind == .reported
        let intervals = !reported && showIntervals
        // The notes on withheld cells, known before the table: on paper they are written in its last
        // body too, since Chromium put a note under a table that ran to a page's foot at the top of
        // the next page, apart from the rows it explains, whatever the note's break-before said.
        let withheld = rows.compactMap { row -> SuppressedCell? in
            if case .suppressed(let cell) = row.outcome { return cell }
            return nil
        }
        var withheldNotes: [String] = []
        if !withheld.isEmpty {
            withheldNotes.append(words.suppressionNote(threshold: numbers.integer(indicator.threshold(defaults: framework.suppression))))
        }
        if withheld.contains(where: { $0.reason == .dominated }), let p = indicator.dominanceP(defaults: framework.suppression) {
            withheldNotes.append(words.dominanceNote(p: words.pPercent(p)))
        }
        let caption = text(indicator.title)
        let changeHeader = format.isPercent ? "\(words.change) (\(words.percentagePoints))" : words.change
        // A change needs a round before: with none in the table, its column would stand empty. Why
        // a cell has no estimate is said in a note under the table, not in this column: a report of
        // one round would otherwise have a change column holding reasons only.
        let changes = rows.contains { $0.outcome.published?.change != nil }
        var missing: [(place: String, reason: String)] = []
        var withoutInterval: [(place: String, reason: String)] = []
        var changesWithoutInterval: [(place: String, reason: String)] = []
        /// A withheld cell's n (`< 10` when too few), its reason beside the dash, and empty interval
        /// and change: "–" alone was read as nothing, so the reason is given as the chart gives it.
        func renderWithheldCells(_ cell: SuppressedCell, into html: inout HTMLBuilder) {
            if !reported { html.element("td", .init("class", "num"), text: cell.reason == .belowThreshold ? "<" + numbers.wordSpace + numbers.integer(cell.threshold) : "") }
            html.element("td", .init("class", "num"), text: "\(words.suppressedMark) \(words.suppressionReason(cell.reason))")
            if intervals { html.element("td", .init("class", "num"), text: words.suppressedMark) }
            if changes { html.element("td", .init("class", "num"), text: "") }
        }
        /// A row's cells after its group and round, noting what the notes under the table say of it.
        func renderCells(of row: ResultRow, group: ResultGroup, round: String, into html: inout HTMLBuilder) {
            let place = words.cellPlace(group: group.label, round: roundLabel(round))
            switch row.outcome {
            case .published(let cell):
                if !reported { html.element("td", .init("class", "num"), text: cell.n.map(numbers.integer) ?? "") }
                html.element("td", .init("class", "num"), text: format.value(cell.value))
                if intervals {
                    html.element("td", .init("class", "num")) { html in
                        if let interval = cell.interval { format.interval(interval.lower, interval.upper, into: &html) }
                    }
                }
                if let why = cell.noIntervalReason, let reason = words.intervalNote(why) {
                    withoutInterval.append((place, reason))
                }
                if changes {
                    html.element("td", .init("class", "num"), text: cell.change.map { format.change($0.value, low: $0.interval?.lower, high: $0.interval?.upper) } ?? "")
                    if let why = cell.change?.noIntervalReason, let reason = words.intervalNote(why) {
                        changesWithoutInterval.append((place, reason))
                    }
                }
            case .suppressed(let cell):
                renderWithheldCells(cell, into: &html)
            case .unavailable(let reason):
                missing.append((place, reason.text(words.language)))
                if !reported { html.element("td", .init("class", "num"), text: "") }
                html.element("td", .init("class", "num"), text: words.suppressedMark)
                if intervals { html.element("td", .init("class", "num"), text: "") }
                if changes { html.element("td", .init("class", "num"), text: "") }
            }
        }
        let columns = 3 + (reported ? 0 : 1) + (intervals ? 1 : 0) + (changes ? 1 : 0)
        scrollingTable(label: words.pick("Alla grupper och omgångar", "Every group and round"), caption: caption, columns: columns, into: &html) { html in
            html.element("tr") { html in
                html.element("th", .init("scope", "col"), text: words.group)
                html.element("th", .init("scope", "col"), text: words.round)
                if !reported { html.element("th", .init("scope", "col"), .init("class", "num"), text: "n") }
                html.element("th", .init("scope", "col"), .init("class", "num"), text: words.estimate)
                if intervals { html.element("th", .init("scope", "col"), .init("class", "num"), text: words.interval) }
                if changes { html.element("th", .init("scope", "col"), .init("class", "num"), text: changeHeader) }
            }
        } body: { html in
            // The total, then each breakdown in a body of its own, headed by its question as the
            // header of its rows: a screen reader names the breakdown with each of its groups.
            let breakdowns = groups.groupedInOrder(by: { $0.variable ?? "" })
            for (index, breakdown) in breakdowns.enumerated() {
                html.element("tbody") { html in
                    if let first = breakdown.elements.first, first.variable != nil {
                        html.element("tr", .init("class", "heading")) { html in
                            html.element("th", .init("colspan", String(columns)), .init("scope", "rowgroup"), text: first.variableLabel ?? first.variable ?? "")
                        }
                    }
                    for group in breakdown.elements where !everWithheld.hides(group) {
                        for round in rounds {
                            guard let row = rows.first(where: { $0.round == round && $0.group.reportKey == group.reportKey }) else { continue }
                            html.element("tr", .optional("class", group.isTotal ? "total" : nil)) { html in
                                // The round's own label: a label reworded since is shown as each round asked it.
                                html.element("th", .init("scope", "row"), text: row.group.label)
                                html.element("td", .init("class", "round"), text: roundLabel(round))
                                renderCells(of: row, group: group, round: round, into: &html)
                            }
                        }
                    }
                    for line in everWithheld.lines where line.variable == breakdown.key {
                        // One row for the groups withheld in every round, each named.
                        html.element("tr", .init("class", "withheld-groups")) { html in
                            html.element("th", .init("scope", "row"), text: "\(words.groupsEach(line.groups.count)): " + words.list(line.groups.map(\.label)))
                            html.element("td", .init("class", "round"), text: rounds.count == 1 ? roundLabel(rounds[0]) : words.everyRound)
                            renderWithheldCells(line.cell, into: &html)
                        }
                    }
                    if index == breakdowns.count - 1 { printedNotes(withheldNotes, columns: columns, into: &html) }
                }
            }
        }
        for note in withheldNotes {
            html.element("p", .init("class", "note withheld"), text: note)
        }
        // One note per reason, naming its cells; with rounds to compare, the missing estimate is
        // also why a change is missing.
        for (reason, places) in Self.byReason(missing) {
            html.element("p", .init("class", "note"), text: words.noEstimateNote(places: places, reason: reason, comparesRounds: rounds.count > 1))
        }
        // A published cell without an interval (a share of 1, say) says why too, with or without
        // an interval column.
        for (reason, places) in Self.byReason(withoutInterval) {
            html.element("p", .init("class", "note"), text: words.noIntervalNote(places: places, reason: reason))
        }
        for (reason, places) in Self.byReason(changesWithoutInterval) {
            html.element("p", .init("class", "note"), text: words.noChangeIntervalNote(places: places, reason: reason))
        }
    }

    /// The reasons in the order they first occur, each with the places that have it.
    private static func byReason(_ cells: [(place: String, reason: String)]) -> [(reason: String, places: [String])] {
        cells.groupedInOrder(by: \.reason).map { ($0.key, $0.elements.map(\.place)) }
    }
}

extension ResultGroup {
    /// Identifies the same group across rounds: a code renamed is its earlier code's group.
    var reportKey: String { "\(variable ?? "")\u{1F}\(follows ?? code ?? "\u{0}")" }
}

/// The groups of a report's breakdowns withheld in every round, by breakdown and reason, each set
/// shown as one line of the chart and the table.
struct WithheldGroups {
    struct Line {
        /// The breakdown's variable.
        let variable: String
        let groups: [ResultGroup]
        /// How every cell of every group is withheld: why, and under which threshold.
        let cell: SuppressedCell
    }

    /// Fewer groups than this keep a line each.
    static let fewest = 3

    let lines: [Line]

    func hides(_ group: ResultGroup) -> Bool {
        lines.contains { line in line.groups.contains { $0.reportKey == group.reportKey } }
    }
}
