import Aggregation
import HTML
import SurveyDefinition

extension ReportRenderer {
    /// Every question of a round with its wording and its answers: a frequency table with a bar
    /// chart for choices, a summary with a box chart for numbers, the most frequent texts for free text.
    func renderTopline(round: String, into html: inout HTMLBuilder) {
        guard let entry = content.toplines[round] else { return }
        let topline = entry.topline
        let survey = topline.survey
        html.element("p", .init("class", "lead"), text: text(survey.title))
        html.element("dl", .init("class", "facts")) { html in
            html.element("dt", text: words.round)
            html.element("dd", text: "\(roundLabel(round)) (\(survey.id) \(words.pick("version", "version")) \(survey.version))")
            html.element("dt", text: words.pick("Svar", "Responses"))
            html.element("dd", text: responsesText(topline: topline, cleaning: entry.cleaning))
        }
        html.element("p", text: words.pick(
            "Andelar räknas bland dem som besvarade frågan. En fråga som bara visas för vissa svarande har därför en mindre bas. Vid flervalsfrågor kan andelarna tillsammans bli mer än \(numbers.percent(whole: 100)).",
            "Shares are of those who answered the question, so a question shown to only some respondents has a smaller base. In multiple-choice questions the shares can add up to more than \(numbers.percent(whole: 100))."))
        var anySuppressed = false
        var anyDominated = false
        for page in topline.pages {
            html.element("h3", text: page.page.title.map(text) ?? page.page.id)
            for item in page.items {
                html.element("div", .init("class", "question"), .init("id", questionAnchor(item.question.name, round: round))) { html in
                    html.element("h4") { html in
                        html.text(item.question.label.map(text) ?? item.question.name)
                        html.text(" ")
                        html.element("span", .init("class", "name code"), text: "(\(item.question.name))")
                    }
                    if renderItem(item, topline: topline, id: questionAnchor(item.question.name, round: round), into: &html) { anySuppressed = true }
                    if case .numbers(let summary) = item.body, summary.answered >= framework.suppression.minCell, summary.isMeanDominated {
                        anyDominated = true
                    }
                }
            }
        }
        if anySuppressed {
            html.element("p", .init("class", "note"), text: words.suppressionNote(threshold: numbers.integer(framework.suppression.minCell)))
        }
        if anyDominated {
            html.element("p", .init("class", "note"), text: words.dominatedMeanNote(p: words.pPercent(topline.pPercent)))
        }
    }

    private func responsesText(topline: Topline, cleaning: CleaningLog?) -> String {
        let kept = responsesCount(topline.responses)
        guard let cleaning else { return kept }
        let (read, removed) = (cleaning.read, cleaning.read - cleaning.kept)
        return words.pick(
            "\(kept) kvar efter rensning (\(numbers.count(read, words.plural(read, "läst", "lästa"))), \(numbers.count(removed, words.plural(removed, "borttaget", "borttagna"))) enligt rensningsreglerna)",
            "\(kept) kept after cleaning (\(numbers.count(read, "read")), \(numbers.count(removed, "removed")) by the cleaning rules)")
    }

    /// `1 response`, `1,234 responses`, `12 345 svar`.
    private func responsesCount(_ count: Int) -> String {
        numbers.count(count, words.pick("svar", words.plural(count, "response", "responses")))
    }

    /// The id of a question's block, `q-NAME`; `q-ROUND-NAME` in a report with the toplines of
    /// several rounds, where the same question comes once in each.
    func questionAnchor(_ name: String, round: String) -> String {
        let toplines = content.definition.sections.filter { $0.typeName == "topline" }.count
        return toplines > 1 ? "q-\(round)-\(name)" : "q-\(name)"
    }

    /// Renders one question's answers; returns whether anything was withheld.
    private func renderItem(_ item: ToplineItem, topline: Topline, id: String, into html: inout HTMLBuilder) -> Bool {
        let wording = item.question.label.map(text) ?? item.question.name
        var suppressed = false
        switch item.body {
        case .choices(let tally):
            suppressed = renderChoices(tally, id: id, wording: wording, responses: topline.responses, partition: !tally.isMultiple, into: &html)
        case .dates(let dates) where dates.tally.answered > 0 && dates.tally.answered < framework.suppression.minCell:
            // The periods are the answers themselves: listing them, even with every count withheld,
            // would tell when those few respondents' dates fall.
            html.element("p", .init("class", "note"), text: "\(words.suppressedMark) \(words.tooFew) (n < \(framework.suppression.minCell))")
            suppressed = true
        case .dates(let dates):
            if dates.tally.answered > 0 { html.element("p", .init("class", "note"), text: words.datesCounted(dates)) }
            // Each answer falls in one period, so the periods partition the base as single choices do.
            suppressed = renderChoices(dates.tally, id: id, wording: wording, responses: topline.responses, partition: true, into: &html)
        case .matrix(let rows):
            suppressed = renderMatrix(rows, id: id, wording: wording, responses: topline.responses, into: &html)
        case .numbers(let summary):
            suppressed = renderNumbers(summary, id: id, wording: wording, question: item.question, into: &html)
        case .texts(let tally):
            renderTexts(tally, into: &html)
        case .personal(let answered):
            html.element("p", .init("class", "note"), text: words.pick(
                "Personuppgift: svaren visas inte (\(numbers.count(answered, "besvarade")) frågan).",
                "Personal data: the answers are not shown (\(numbers.count(answered, "answered")))."))
        }
        if let other = item.other, other.answered > 0 {
            html.element("p", .init("class", "lead-in"), text: words.pick("Svar under ”Annat”:", "Answers under “Other”:"))
            // How many wrote an `other` text tells how many chose other, a count that may be withheld above.
            suppressed = renderTexts(other, withholdingFewerThan: framework.suppression.minCell,
                                     withholdingAll: isOtherWithheld(item), into: &html) || suppressed
        }
        return suppressed
    }

    /// Whether the table withholds the count of the `other` choice (too small, or the next smallest
    /// beside a small one): then the number of other texts, and their counts, would give it away.
    private func isOtherWithheld(_ item: ToplineItem) -> Bool {
        guard case .choices(let tally) = item.body,
              let index = tally.categories.firstIndex(where: { $0.code == Choice.otherValue }) else { return false }
        return shown(tally, partition: !tally.isMultiple)[index].count == nil
    }

    /// The shown count and share of each category, `nil` where withheld, with why.
    private func shown(_ tally: ChoiceTally, partition: Bool) -> [(count: Int?, share: Double?, reason: SuppressedCell.Reason?)] {
        let minCell = framework.suppression.minCell
        let reasons: [SuppressedCell.Reason?]
        reasons = Self.withheld(counts: tally.categories.map(\.count), answered: tally.answered, minCell: minCell, partition: partition,
                                otherThresholds: framework.suppressionThresholds)
        let sharesShown = tally.answered >= framework.suppression.minBase
        return zip(tally.categories, reasons).map { category, reason in
            guard reason == nil else { return (nil, nil, reason) }
            return (category.count, sharesShown && tally.answered > 0 ? Double(category.count) / Double(tally.answered) : nil, nil)
        }
    }

    private var answersCaption: String { words.pick("Svar på frågan", "Answers to the question") }

    /// What a question's table heads every printed page with: its caption ("Svar på frågan") says
    /// nothing of which question on a page that starts with the table's rows.
    private func answersHeading(_ wording: String) -> String { "\(answersCaption): \(wording)" }

    private var nobodyAnswered: String { words.pick("Ingen besvarade frågan.", "Nobody answered the question.") }

    /// What a bar or a count without a figure says: too few for a small count, "not shown" for one
    /// withheld beside it; in a table too, where "–" alone was read as nothing.
    private func withheldText(_ reason: SuppressedCell.Reason?) -> String {
        "\(words.suppressedMark) " + (reason == .secondary ? words.withheld : words.tooFew)
    }

    /// Which counts are withheld: a count from 1 to `minCell` − 1 (a count of 0 tells nothing about
    /// anyone and is shown), every count when fewer than `minCell` answered, and the counts the
    /// aggregation's rule withholds beside them (``Suppression/withhold(_:threshold:zerosShown:sum:otherThresholds:)``),
    /// for categories that `partition` the answers or, a multiple choice, cover them: so that none
    /// can be worked out from the base, nor with the thresholds the framework's indicators withhold under.
    static func withheld(counts: [Int], answered: Int, minCell: Int, partition: Bool, otherThresholds: Set<Int> = []) -> [SuppressedCell.Reason?] {
        if answered < minCell { return counts.map { _ in .belowThreshold } }
        return Suppression.withhold(counts, threshold: minCell, zerosShown: true, sum: partition ? .total : .atLeast(answered),
                                    otherThresholds: otherThresholds)
    }

    private func renderChoices(_ tally: ChoiceTally, id: String, wording: String, responses: Int, partition: Bool, into html: inout HTMLBuilder) -> Bool {
        guard tally.answered > 0 else {
            html.element("p", .init("class", "note"), text: nobodyAnswered)
            return false
        }
        let figures = shown(tally, partition: partition)
        let baseText = words.pick("Bas: \(numbers.integer(tally.answered)) som besvarade frågan av \(responsesCount(responses)).",
                                  "Base: \(numbers.integer(tally.answered)) who answered, of \(responsesCount(responses)).")
        let sharesShown = figures.contains { $0.share != nil }
        if sharesShown {
            let bars = zip(tally.categories, figures).map { category, figure in
                BarChart.Bar(label: category.label, value: figure.share.map { $0 * 100 },
                             text: figure.share.map { numbers.percent($0) } ?? withheldText(figure.reason))
            }
            // A category shown at 0 is never the most frequent, even when the ones answered are withheld.
            let best = zip(tally.categories, figures).filter { ($0.1.share ?? 0) > 0 }.max { $0.1.share! < $1.1.share! }
            let description = words.pick("Stapeldiagram: \(words.sentence(wording)) ", "Bar chart: \(words.sentence(wording)) ")
                + (best.map { words.pick("Vanligast: \($0.0.label), \(numbers.percent($0.1.share!)). ", "Most frequent: \($0.0.label), \(numbers.percent($0.1.share!)). ") } ?? "")
                + words.pick("Tabellen nedan ger alla svar.", "The table below gives every answer.")
            SVG.figure(chartID: "\(id)-chart", caption: words.pick("Andel av dem som besvarade frågan", "Share of those who answered"), into: &html) { html in
                BarChart(id: "\(id)-chart", description: description, bars: bars, numbers: numbers).render(into: &html)
            }
        }
        var suppressed = false
        scrollingTable(label: wording, caption: answersCaption, heading: answersHeading(wording), columns: sharesShown ? 3 : 2, into: &html) { html in
            html.element("tr") { html in
                html.element("th", .init("scope", "col"), text: words.pick("Svar", "Answer"))
                html.element("th", .init("scope", "col"), .init("class", "num"), text: words.count)
                if sharesShown { html.element("th", .init("scope", "col"), .init("class", "num"), text: words.share) }
            }
        } body: { html in
            html.element("tbody") { html in
                for (category, figure) in zip(tally.categories, figures) {
                    html.element("tr") { html in
                        html.element("th", .init("scope", "row"), text: category.label)
                        if figure.count == nil { suppressed = true }
                        html.element("td", .init("class", "num"), text: figure.count.map(numbers.integer) ?? withheldText(figure.reason))
                        if sharesShown { html.element("td", .init("class", "num"), text: figure.share.map { numbers.percent($0) } ?? words.suppressedMark) }
                    }
                }
                html.element("tr") { html in
                    html.element("th", .init("scope", "row"), text: words.notAnswered)
                    html.element("td", .init("class", "num"), text: numbers.integer(responses - tally.answered))
                    if sharesShown { html.element("td", .init("class", "num"), text: "") }
                }
            }
        }
        html.element("p", .init("class", "note"), text: baseText)
        return suppressed
    }

    private func renderMatrix(_ rows: [(row: MatrixRow, tally: ChoiceTally)], id: String, wording: String, responses: Int, into html: inout HTMLBuilder) -> Bool {
        guard rows.contains(where: { $0.tally.answered > 0 }) else {
            html.element("p", .init("class", "note"), text: nobodyAnswered)
            return false
        }
        var suppressed = false
        var bars: [BarChart.Bar] = []
        var tables: [(label: String, tally: ChoiceTally, figures: [(count: Int?, share: Double?, reason: SuppressedCell.Reason?)])] = []
        for (row, tally) in rows {
            let label = text(row.label)
            let figures = shown(tally, partition: true)
            tables.append((label, tally, figures))
            bars.append(BarChart.Bar(label: label, value: nil, text: "", isHeading: true))
            for (category, figure) in zip(tally.categories, figures) {
                bars.append(BarChart.Bar(label: category.label, value: figure.share.map { $0 * 100 },
                                         text: figure.share.map { numbers.percent($0) } ?? withheldText(figure.reason)))
            }
        }
        if tables.contains(where: { $0.figures.contains { $0.share != nil } }) {
            SVG.figure(chartID: "\(id)-chart", caption: words.pick("Andel av dem som besvarade varje del", "Share of those who answered each part"), into: &html) { html in
                BarChart(id: "\(id)-chart", description: words.pick("Stapeldiagram per del av frågan: \(words.sentence(wording)) Tabellen nedan ger alla svar.",
                                                                     "Bar chart per part of the question: \(words.sentence(wording)) The table below gives every answer."),
                         bars: bars, numbers: numbers).render(into: &html)
            }
        }
        scrollingTable(label: wording, caption: answersCaption, heading: answersHeading(wording), columns: 3, into: &html) { html in
            html.element("tr") { html in
                html.element("th", .init("scope", "col"), text: words.pick("Svar", "Answer"))
                html.element("th", .init("scope", "col"), .init("class", "num"), text: words.count)
                html.element("th", .init("scope", "col"), .init("class", "num"), text: words.share)
            }
        } body: { html in
            // Each part a body of its own, its name the header of its rows.
            for table in tables {
                html.element("tbody") { html in
                    html.element("tr", .init("class", "heading")) { html in
                        html.element("th", .init("colspan", "3"), .init("scope", "rowgroup"),
                                     text: "\(table.label) (\(words.pick("bas", "base")) \(numbers.integer(table.tally.answered)))")
                    }
                    for (category, figure) in zip(table.tally.categories, table.figures) {
                        html.element("tr") { html in
                            html.element("th", .init("scope", "row"), text: category.label)
                            if figure.count == nil { suppressed = true }
                            html.element("td", .init("class", "num"), text: figure.count.map(numbers.integer) ?? withheldText(figure.reason))
                            html.element("td", .init("class", "num"), text: figure.share.map { numbers.percent($0) } ?? words.suppressedMark)
                        }
                    }
                }
            }
        }
        return suppressed
    }

    private func renderNumbers(_ summary: NumberSummary, id: String, wording: String, question: Question, into html: inout HTMLBuilder) -> Bool {
        guard summary.answered >= framework.suppression.minCell else {
            html.element("p", .init("class", "note"), text: "\(words.suppressedMark) \(words.tooFew) (n < \(framework.suppression.minCell))")
            return true
        }
        let digits = summary.isInteger && summary.upperQuartile - summary.lowerQuartile >= 10 ? 0 : 1
        // Survey units are written in English, as framework units are; a percentage takes the sign.
        let unitWord = question.unit == "percent" ? "%" : words.unit(question.unit)
        func number(_ value: Double, digits: Int = digits) -> String { numbers.decimal(value, digits: digits) }
        func withUnit(_ number: String) -> String {
            question.unit == "percent" ? number + numbers.percentSign : unitWord.map { numbers.quantity(number, $0) } ?? number
        }
        let labels = (quartiles: words.pick("Mittersta hälften (kvartiler)", "Middle half (quartiles)"), median: "Median",
                      mean: words.pick("Medelvärde", "Mean"))
        let meanText = summary.shownMean.map { withUnit(number($0, digits: 1)) } ?? "\(words.suppressedMark) \(words.dominated)"
        let description = words.pick(
            "Lådagram: \(words.sentence(wording)) Median \(withUnit(number(summary.median))), medelvärde \(meanText), mittersta hälften \(numbers.span(number(summary.lowerQuartile), number(summary.upperQuartile))).",
            "Box chart: \(words.sentence(wording)) Median \(withUnit(number(summary.median))), mean \(meanText), middle half \(numbers.span(number(summary.lowerQuartile), number(summary.upperQuartile))).")
        SVG.figure(chartID: "\(id)-chart", caption: words.pick("Fördelning bland dem som svarade", "Distribution among those who answered") + (unitWord.map { " (\($0))" } ?? ""),
                   into: &html) { html in
            BoxChart(id: "\(id)-chart", description: description, summary: summary, labels: labels, numbers: numbers).render(into: &html)
        }
        let summaryCaption = words.pick("Sammanfattning av svaren", "Summary of the answers")
        scrollingTable(label: wording, caption: summaryCaption, heading: "\(summaryCaption): \(wording)", columns: 5, into: &html) { html in
            html.element("tr") { html in
                for header in ["n", words.pick("Medelvärde", "Mean"), words.pick("Undre kvartil", "Lower quartile"), "Median", words.pick("Övre kvartil", "Upper quartile")] {
                    html.element("th", .init("scope", "col"), .init("class", "num"), text: header)
                }
            }
        } body: { html in
            html.element("tbody") { html in
                html.element("tr") { html in
                    html.element("td", .init("class", "num"), text: numbers.integer(summary.answered))
                    html.element("td", .init("class", "num"), text: summary.shownMean.map { numbers.decimal($0, digits: 1) } ?? "\(words.suppressedMark) \(words.dominated)")
                    html.element("td", .init("class", "num"), text: number(summary.lowerQuartile))
                    html.element("td", .init("class", "num"), text: number(summary.median))
                    html.element("td", .init("class", "num"), text: number(summary.upperQuartile))
                }
            }
        }
        return false
    }

    /// Renders how many answered in their own words and the most frequent answers. With
    /// `withholdingFewerThan`, a count from 1 to that number − 1 is withheld, and with
    /// `withholdingAll` any count; returns whether it was.
    @discardableResult
    private func renderTexts(_ tally: TextTally, withholdingFewerThan minCell: Int = 0, withholdingAll: Bool = false,
                             into html: inout HTMLBuilder) -> Bool {
        if tally.answered > 0 && tally.answered < minCell {
            html.element("p", text: words.pick(
                "\(words.suppressedMark) svarade med fritext (\(words.tooFew)).", "\(words.suppressedMark) answered in their own words (\(words.tooFew))."))
            return true
        }
        if withholdingAll && tally.answered > 0 {
            html.element("p", text: words.pick(
                "\(words.suppressedMark) svarade med fritext (undanhållet, som antalet för ”Annat” ovan).",
                "\(words.suppressedMark) answered in their own words (withheld, as the count of “Other” above)."))
            return true
        }
        html.element("p", text: words.pick(
            "\(numbers.count(tally.answered, "svarade")) med fritext (\(numbers.count(tally.distinct, "olika")) svar).",
            "\(numbers.count(tally.answered, "answered")) in their own words (\(numbers.count(tally.distinct, words.plural(tally.distinct, "different answer", "different answers"))))."))
        guard !tally.frequent.isEmpty else { return false }
        html.element("p", .init("class", "note lead-in"), text: words.pick(
            "De vanligaste svaren som minst \(numbers.count(framework.suppression.minCell, "har")) gett:",
            "The most frequent answers, given by at least \(numbers.count(framework.suppression.minCell, "respondents")):"))
        html.element("ul", .init("class", "open-answers")) { html in
            for answer in tally.frequent {
                html.element("li") { html in
                    // Isolated, so that an answer in Arabic or Hebrew does not pull the count into its direction.
                    html.element("q", .init("dir", "auto"), text: answer.text)
                    html.text(" (\(numbers.integer(answer.count)))")
                }
            }
        }
        return false
    }
}
