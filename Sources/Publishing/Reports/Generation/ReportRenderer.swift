import Aggregation
import Frameworks
import HTML
import SurveyDefinition

/// Writes a report's HTML from its gathered content: the page shell, then each section in the
/// order the definition lists them.
struct ReportRenderer {
    let content: ReportContent
    let words: ReportWords
    let numbers: NumberStyle

    init(content: ReportContent) {
        self.content = content
        words = ReportWords(language: content.definition.language)
        numbers = NumberStyle(language: content.definition.language)
    }

    var language: String { content.definition.language }
    var framework: Framework { content.framework }

    func text(_ localized: LocalizedText) -> String {
        localized.resolved(language, fallbacks: framework.languages)
    }

    func roundLabel(_ name: String) -> String {
        framework.round(name).map { text($0.label) } ?? name
    }

    /// The id of a section's heading, for the contents list.
    func anchor(_ index: Int, _ section: ReportSection) -> String {
        "s\(index + 1)-\(section.typeName.replacingOccurrences(of: "_", with: "-"))"
    }

    func sectionTitle(_ section: ReportSection) -> String {
        if case .topline(let round, _, _) = section { return words.sectionTitle(section, roundLabel: roundLabel(round)) }
        return words.sectionTitle(section)
    }

    func render() -> String {
        let definition = content.definition
        var html = HTMLBuilder()
        html.doctype()
        html.element("html", .init("lang", language)) { html in
            html.element("head") { html in
                html.void("meta", .init("charset", "utf-8"))
                html.void("meta", .init("name", "viewport"), .init("content", "width=device-width, initial-scale=1"))
                html.void("meta", .init("name", "generator"), .init("content", "Samla \(content.samlaVersion)"))
                html.element("title", text: text(definition.title))
                html.element("style") { html in html.trusted(ReportStylesheet.css) }
            }
            html.element("body") { html in
                html.element("div", .init("class", "page")) { html in
                    html.element("header", .init("class", "report-header")) { html in
                        html.element("h1", text: text(definition.title))
                        html.element("p", .init("class", "lead"), text: text(framework.title))
                        let rounds = reportRounds.map(roundLabel).joined(separator: ", ")
                        if !rounds.isEmpty { html.element("p", text: "\(words.rounds): \(rounds)") }
                        html.element("p", text: words.produced(date: numbers.date(content.producedOn), version: content.samlaVersion))
                    }
                    html.element("main") { html in
                        for (index, section) in definition.sections.enumerated() {
                            if index == 1, definition.sections.count > 2 { contents(into: &html) }
                            html.element("section", .init("class", "major"), .init("aria-labelledby", anchor(index, section))) { html in
                                html.element("h2", .init("id", anchor(index, section)), text: sectionTitle(section))
                                render(section, index: index, into: &html)
                            }
                        }
                    }
                }
            }
        }
        return html.output
    }

    /// The report's rounds in the framework's time order.
    var reportRounds: [String] {
        let wanted = content.definition.rounds.map(Set.init)
        return framework.rounds.map(\.name).filter { wanted?.contains($0) ?? true }
    }

    private func contents(into html: inout HTMLBuilder) {
        html.element("nav", .init("class", "contents"), .init("aria-label", words.contents)) { html in
            html.element("ol") { html in
                for (index, section) in content.definition.sections.enumerated() {
                    html.element("li") { html in
                        html.element("a", .init("href", "#\(anchor(index, section))"), text: sectionTitle(section))
                    }
                }
            }
        }
    }

    private func render(_ section: ReportSection, index: Int, into html: inout HTMLBuilder) {
        switch section {
        case .summary: renderSummary(into: &html)
        case .theoryOfChange: renderTheoryOfChange(into: &html)
        case .indicators(let only, let breakdowns): renderIndicators(only: only, breakdowns: breakdowns, into: &html)
        case .methods: renderMethods(into: &html)
        case .topline(let round, _, _): renderTopline(round: round, into: &html)
        }
    }

    /// A table inside a focusable scrolling region, so that a wide table never widens the page. The
    /// region's `label` is not the table's caption, nor its start: a screen reader says both, and said
    /// the caption twice. `head` writes the header's column rows, `body` the table's bodies.
    ///
    /// On paper Chromium repeats a table's header on every page it runs onto, but not its caption:
    /// a breakdown's rows continued under bare column headers, and the reader of that page did not
    /// know what they were. So the header's first row is the table's `heading` (its caption unless
    /// given, the question a topline's table answers, say), shown on paper only and in place of the
    /// caption there; hidden on the screen and from a screen reader, which hears the caption once.
    func scrollingTable(label: String, caption: String, heading: String? = nil, columns: Int, into html: inout HTMLBuilder,
                        head: (inout HTMLBuilder) -> Void, body: (inout HTMLBuilder) -> Void) {
        html.element("div", .init("class", "table-wrap"), .init("role", "region"), .init("aria-label", label), .init("tabindex", "0")) { html in
            html.element("table") { html in
                html.element("caption", text: caption)
                html.element("thead") { html in
                    html.element("tr", .init("class", "print-heading"), .init("aria-hidden", "true")) { html in
                        html.element("td", .init("colspan", String(columns)), text: heading ?? caption)
                    }
                    head(&html)
                }
                body(&html)
            }
        }
    }

    /// The notes under a table, written again as the last row of its last body, for paper only
    /// (the notes after the table, of class `withheld`, are not printed): a row that follows keeps
    /// with the rows before it where a paragraph after the table did not. Hidden on the screen and
    /// from a screen reader, which reads the notes once, after the table.
    func printedNotes(_ notes: [String], columns: Int, into html: inout HTMLBuilder) {
        guard !notes.isEmpty else { return }
        html.element("tr", .init("class", "print-notes"), .init("aria-hidden", "true")) { html in
            html.element("td", .init("colspan", String(columns))) { html in
                for note in notes { html.element("p", .init("class", "note"), text: note) }
            }
        }
    }
}

