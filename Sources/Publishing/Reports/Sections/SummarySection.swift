import Aggregation
import Frameworks
import HTML

extension ReportRenderer {
    func snapshots() -> [IndicatorSnapshot] {
        let rows = content.results?.rows ?? []
        let wanted = content.definition.rounds.map(Set.init)
        return framework.indicators.map { IndicatorSnapshot(indicator: $0, rows: rows, framework: framework, reportRounds: wanted) }
    }

    /// Whether the report has an indicators section listing `id`, so that the summary can link to it.
    func indicatorAnchor(_ id: String) -> String? {
        for section in content.definition.sections {
            if case .indicators(let only, _) = section, only?.contains(id) ?? true { return "ind-\(id)" }
        }
        return nil
    }

    /// The statuses as tiles and legends list them, best first, then none.
    static var statusesInOrder: [TargetStatus?] { TargetStatus.allCases + [nil] }

    /// Status at a glance: how many indicators are met, on track, off track, not met or without a
    /// status, then one line per indicator.
    func renderSummary(into html: inout HTMLBuilder) {
        let all = snapshots()
        let counts = Self.statusesInOrder.map { status in (status, all.filter { $0.status == status }.count) }
        html.element("p", .init("class", "lead"), text: words.pick(
            "Läget för ramverkets \(numbers.count(all.count, words.plural(all.count, "indikator", "indikatorer"))) i den senaste omgången med data, mot deras mål.",
            "Where the framework's \(all.count) \(words.plural(all.count, "indicator stands", "indicators stand")) in their latest round with data, against their targets."))
        html.element("ul", .init("class", "tiles")) { html in
            for (status, count) in counts {
                let style = StatusStyle(status)
                html.element("li", .init("class", "tile \(style.cssClass)")) { html in
                    html.element("span", .init("class", "count"), text: numbers.integer(count))
                    style.icon(into: &html)
                    html.text(words.status(status))
                }
            }
        }
        // With one round per indicator there is no change to show, and no empty column for it.
        let changes = all.contains { $0.latestCell?.change != nil }
        scrollingTable(label: words.pick("Varje indikator i korthet", "Every indicator at a glance"),
                       caption: words.pick("Indikatorernas status i den senaste omgången", "Status of the indicators in their latest round"),
                       columns: changes ? 6 : 5, into: &html) { html in
            html.element("tr") { html in
                html.element("th", .init("scope", "col"), text: words.indicator)
                html.element("th", .init("scope", "col"), .init("class", "num"), text: words.latest)
                html.element("th", .init("scope", "col"), text: words.round)
                html.element("th", .init("scope", "col"), .init("class", "num"), text: words.target)
                html.element("th", .init("scope", "col"), text: words.statusHeader)
                if changes { html.element("th", .init("scope", "col"), .init("class", "num"), text: words.change) }
            }
        } body: { html in
            html.element("tbody") { html in
                for snapshot in all {
                    let format = IndicatorFormat(indicator: snapshot.indicator, numbers: numbers)
                    html.element("tr") { html in
                        html.element("th", .init("scope", "row")) { html in
                            let title = text(snapshot.indicator.title)
                            if let anchor = indicatorAnchor(snapshot.indicator.id) {
                                html.element("a", .init("href", "#\(anchor)"), text: title)
                            } else {
                                html.text(title)
                            }
                        }
                        html.element("td", .init("class", "num"), text: snapshot.latestCell.map { format.valueWithUnit($0.value, words: words) } ?? words.suppressedMark)
                        html.element("td", text: snapshot.round.map(roundLabel) ?? "")
                        html.element("td", .init("class", "num")) { html in
                            if let target = snapshot.target {
                                html.text(format.value(target.value))
                                html.void("br")
                                html.element("span", .init("class", "note"), text: roundLabel(target.round))
                            }
                        }
                        let style = StatusStyle(snapshot.status)
                        html.element("td") { html in
                            html.element("span", .init("class", "status \(style.cssClass)")) { html in
                                style.icon(into: &html)
                                html.text(words.status(snapshot.status))
                            }
                            if let reason = snapshot.reason(words) {
                                html.void("br")
                                html.element("span", .init("class", "note"), text: reason)
                            }
                        }
                        if changes {
                            html.element("td", .init("class", "num")) { html in
                                if let change = snapshot.latestCell?.change {
                                    html.text(format.change(change.value))
                                    if format.isPercent {
                                        html.text("\u{A0}")
                                        // The title of an abbreviation is not read by default: the words are, in its place.
                                        html.element("abbr", .init("title", words.percentagePoints), .init("aria-hidden", "true"), text: words.percentagePointsShort)
                                        html.element("span", .init("class", "visually-hidden"), text: words.percentagePoints)
                                    }
                                    html.void("br")
                                    html.element("span", .init("class", "note"), text: words.changeSince(roundLabel(change.since)))
                                }
                            }
                        }
                    }
                }
            }
        }
        html.element("p", .init("class", "note"), text: words.statusExplanation)
    }

    /// The theory of change drawn as a diagram, each node coloured by its indicators' status,
    /// followed by the same content as a table.
    func renderTheoryOfChange(into html: inout HTMLBuilder) {
        let all = snapshots()
        var states: [String: TheoryOfChangeDiagram.NodeState] = [:]
        for node in framework.nodes {
            let own = all.filter { $0.indicator.node == node.id }
            states[node.id] = .init(indicatorCount: own.count, status: StatusStyle.worst(own.compactMap(\.status)))
        }
        if let description = framework.description { html.element("p", text: text(description)) }
        let impact = framework.impact.map { text($0.title) } ?? ""
        func nodes(_ level: NodeLevel, _ one: (sv: String, en: String), _ other: (sv: String, en: String)) -> String {
            let count = framework.nodes.filter { $0.level == level }.count
            return numbers.count(count, count == 1 ? words.pick(one.sv, one.en) : words.pick(other.sv, other.en))
        }
        let activities = nodes(.activity, ("aktivitet leder", "activity leads"), ("aktiviteter leder", "activities lead"))
        let outputs = nodes(.output, ("prestation", "output"), ("prestationer", "outputs"))
        let outcomes = nodes(.outcome, ("utfall", "outcome"), ("utfall", "outcomes"))
        let diagramDescription = words.pick(
            "Diagram över förändringsteorin: \(activities) till \(outputs), som bidrar till \(outcomes) och effekten ”\(impact)”. Varje ruta har färg, form och ord efter sämsta status bland dess indikatorer. Tabellen nedan innehåller samma sak.",
            "Diagram of the theory of change: \(activities) to \(outputs), which contribute to \(outcomes) and the impact “\(impact)”. Each box has the colour, shape and word of the worst status among its indicators. The table below holds the same.")
        SVG.figure(chartID: "toc", caption: text(framework.title), into: &html) { html in
            TheoryOfChangeDiagram(framework: framework, states: states, words: words, id: "toc", description: diagramDescription).render(into: &html)
            html.element("ul", .init("class", "indicator-facts")) { html in
                for status in Self.statusesInOrder {
                    let style = StatusStyle(status)
                    html.element("li") { html in
                        html.element("span", .init("class", "status \(style.cssClass)")) { html in
                            style.icon(into: &html)
                            html.text(words.status(status))
                        }
                    }
                }
            }
        }
        let titles = Dictionary(framework.nodes.map { ($0.id, text($0.title)) }, uniquingKeysWith: { first, _ in first })
        scrollingTable(label: words.pick("Förändringsteorins delar", "The parts of the theory of change"),
                       caption: words.pick("Förändringsteorin som tabell", "The theory of change as a table"), columns: 4, into: &html) { html in
            html.element("tr") { html in
                html.element("th", .init("scope", "col"), text: words.node)
                html.element("th", .init("scope", "col"), text: words.contributesTo)
                html.element("th", .init("scope", "col"), text: words.indicators)
                html.element("th", .init("scope", "col"), text: words.statusHeader)
            }
        } body: { html in
            // Each level a body of its own, its name the header of its rows.
            for level in [NodeLevel.impact, .outcome, .output, .activity] {
                let nodes = framework.nodes.filter { $0.level == level }
                guard !nodes.isEmpty else { continue }
                html.element("tbody") { html in
                    html.element("tr", .init("class", "heading")) { html in
                        html.element("th", .init("colspan", "4"), .init("scope", "rowgroup"), text: words.levelName(level, plural: nodes.count > 1))
                    }
                    for node in nodes {
                        let state = states[node.id]!
                        html.element("tr") { html in
                            html.element("th", .init("scope", "row"), text: titles[node.id] ?? node.id)
                            html.element("td", text: node.contributesTo.map { titles[$0.value] ?? $0.value }.joined(separator: "; "))
                            html.element("td", .init("class", "num"), text: numbers.integer(state.indicatorCount))
                            let style = StatusStyle(state.status)
                            html.element("td") { html in
                                if state.indicatorCount == 0 {
                                    html.text(words.pick("mäts inte", "not measured"))
                                } else {
                                    html.element("span", .init("class", "status \(style.cssClass)")) { html in
                                        style.icon(into: &html)
                                        html.text(words.status(state.status))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
