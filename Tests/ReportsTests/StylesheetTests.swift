import Foundation
import Testing
import Aggregation
import HTML
@testable import Reports

/// What the stylesheet promises readers that the HTML alone cannot: forced colours and paper.
struct StylesheetTests {
    let css = ReportStylesheet.css.description

    /// In forced colours (Windows high contrast) the page turns dark, but an SVG's fill attributes
    /// stay: the charts' dark labels, axes and legends vanished on the dark ground. Each chart draws
    /// its own white ground (in SVG, as a CSS background would be forced dark too), and the status
    /// shapes beside words take the text colour.
    @Test func chartsDrawTheirOwnWhiteGroundForForcedColours() throws {
        let html = try ClubFixture().render()
        let charts = html.components(separatedBy: "<svg class=\"chart").dropFirst()
        #expect(charts.count >= 5)
        for chart in charts {
            let afterTitle = try #require(chart.range(of: "</title>").map { chart[$0.upperBound...] })
            #expect(afterTitle.hasPrefix("<rect class=\"ground\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"), "\(chart.prefix(300))")
        }
        let range = try #require(css.range(of: "@media (forced-colors: active) {"))
        #expect(css[range.upperBound...].prefix { $0 != "}" }.contains(".status-icon * { fill: currentColor; stroke: currentColor;"))
    }

    /// With WCAG 1.4.12's text spacing (letters 0.12em apart) at 320 px, an indicator's heading
    /// ("Aktiva samverkansplattformar") ran past the page's edge: headings break a word longer than
    /// their line, as paragraphs and list items do.
    @Test func headingsBreakAWordLongerThanTheirLine() throws {
        let rule = try #require(css.components(separatedBy: "\n").first { $0.hasSuffix("{ overflow-wrap: anywhere; }") })
        let selectors = Set(rule.prefix { $0 != "{" }.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(selectors.isSuperset(of: ["h1", "h2", "h3", "h4", "p", "li"]), "\(rule)")
    }

    /// At 320 px a table wider than the screen scrolls in its region, and its caption ran as wide
    /// as the table ("Andel som mötte personer från and…"), so that reading it took scrolling. The
    /// caption is as wide as the screen at most (less the page's 1rem margins), wrapping there, and
    /// stays in place while the table scrolls under it.
    @Test func aTablesCaptionWrapsOnTheScreenWhileItsTableScrolls() {
        let rule = css.components(separatedBy: "\n").first { $0.hasPrefix("caption {") } ?? ""
        #expect(rule.contains("max-width: min(calc(100vw - 2rem), 60rem);"), "\(rule)")
        #expect(rule.contains("position: sticky; left: 0;"), "\(rule)")
        #expect(css.contains(".page { max-width: 62rem; margin: 0 auto; padding: 1rem 1rem 3rem; }"), "the 2rem and 60rem are the page's margins and width")
    }

    /// On a phone a chart shrunk to the screen had text 5 px high. Below 40 rem it keeps a width its
    /// text can be read at, inside a focusable region of its own that scrolls sideways, named by the
    /// figure's caption; the page itself still does not scroll.
    @Test func chartsKeepAReadableWidthInTheirOwnScrollingRegion() throws {
        let html = try ClubFixture().render()
        let charts = html.components(separatedBy: "<svg class=\"chart").count - 1
        #expect(charts >= 5)
        let regions = html.components(separatedBy: #"<div class="chart-wrap" role="region" aria-labelledby=""#).dropFirst()
        #expect(regions.count == charts)
        for region in regions {
            let id = String(region.prefix { $0 != "\"" })
            #expect(id.hasSuffix("-caption"))
            #expect(region.contains(#"tabindex="0"><svg class="chart"#), "\(region.prefix(200))")
            #expect(html.contains(#"<figcaption id="\#(id)">"#))
        }
        let narrow = try #require(css.range(of: "@media screen and (max-width: 40rem) {").map { String(css[$0.upperBound...]) })
        #expect(narrow.prefix { $0 != "}" }.contains("svg.chart { min-width: 36rem;"))
        #expect(css.contains(".chart-wrap { overflow-x: auto; }"))
    }

    /// On paper an indicator's heading, description and facts stay with the chart under them, and a
    /// breakdown's heading row with its first group; a table's note stays with the table. A
    /// description is not split either: "Ofinansierad del av behovet…" ended a page with its heading
    /// and the first line of its description, the rest and its facts on the next. A line that leads
    /// in to what follows stays with it: "Answers under “Other”:" ended a page, its answers on the next.
    @Test func headingsAndFactsAreNotLeftAtTheFootOfAPage() throws {
        let print = try #require(css.range(of: "@media print {").map { String(css[$0.upperBound...]) })
        #expect(print.contains(".indicator > h3 + p, .indicator-facts, tr.heading, .lead-in { break-after: avoid; }"))
        let html = try ClubFixture().render()
        #expect(html.contains(#"<p class="lead-in">Svar under ”Annat”:</p>"#))
        #expect(html.contains(#"<p class="note lead-in">De vanligaste svaren som minst"#))
        #expect(print.contains("figure, tr, .tile, .indicator > h3 + p, .indicator-facts { break-inside: avoid; }"))
        #expect(print.contains(".table-wrap + .note { break-before: avoid; }"))
    }

    /// The print rules, from `@media print {` to the stylesheet's end.
    var print: String { css.range(of: "@media print {").map { String(css[$0.upperBound...]) } ?? "" }

    /// A board reading a 39-page report on paper refers to its pages: each A4 page is numbered
    /// "k / N" at its foot (Chromium's own header and footer are left to the printer's choice).
    @Test func printedPagesAreNumberedOnA4() throws {
        let page = try #require(css.range(of: "@page {").map { css[$0.upperBound...] })
        let rule = page.prefix { $0 != "}" }
        #expect(rule.contains("size: A4;"))
        #expect(rule.contains(#"@bottom-right { content: counter(page) " / " counter(pages);"#), "\(rule)")
    }

    /// Chromium shrinks every page of a document with anything wider than the paper: the impact
    /// report's tables (a 9.5rem note, 10.5pt text) made it 923 px wide on A4's 688, and it printed at
    /// 75 %, its text at 8 pt. On paper the root is the print's 10.5pt, so that every size in rem
    /// follows it (a table's .92rem was 11pt beside 10.5pt text), tables are set at 9pt with narrower
    /// padding, and a target's or a change's note takes no minimum width.
    @Test func tablesFitThePrintedPageInsteadOfShrinkingIt() {
        for rule in ["html { font-size: 10.5pt; }", "body { font-size: 1rem; }", "table { font-size: 9pt; }",
                     "th, td { padding-right: .4rem; }", "td.num, th.num { padding-left: .4rem; }", "td.num .note { min-width: 0; }"] {
            #expect(print.contains(rule), "\(rule)")
        }
        // Every other size is relative to the root or the element, so that the print's root governs
        // it; the phone's 15px body applies below 30rem only, never on A4.
        let sizes = css.components(separatedBy: "font-size:").dropFirst().map { $0.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces) }
        let fixed = sizes.filter { !$0.hasSuffix("rem") && !$0.hasSuffix("em") && !$0.hasSuffix("%") && !$0.hasSuffix("pt") && $0 != "15px" }
        #expect(fixed.isEmpty, "\(fixed)")
    }

    /// A table's header ended a page with its rows on the next ("Län med minst en aktiv
    /// samverkansplattform", page 24), and a breakdown's rows ran onto the next page under the
    /// repeated column headers but without their question ("Vill inte svara", "Uppgift saknas" of
    /// "Vilket kön har du?"). The first row stays with the header; a body of up to 12 rows, and a
    /// breakdown of up to 25 under its question, stays on one page. The selectors count rows within
    /// each `<tbody>`, so the HTML must put the header right before the first body, and each
    /// breakdown's question first in a body of its own.
    @Test func aTablesHeaderAndAShortBreakdownStayWithTheirRows() throws {
        #expect(print.contains("thead + tbody > tr:first-child { break-before: avoid; }"))
        #expect(print.contains("tr:first-child:nth-last-child(-n+12), tr:first-child:nth-last-child(-n+12) ~ tr:not(:last-child),"))
        #expect(print.contains("tr.heading:first-child:nth-last-child(-n+25) ~ tr:not(:last-child) { break-after: avoid; }"))
        let html = try ClubFixture().render()
        let tables = html.components(separatedBy: "<table>").dropFirst()
        #expect(tables.count >= 5)
        for table in tables {
            #expect(table.contains("</thead><tbody><tr"), "\(table.prefix(300))")
        }
        let headings = html.components(separatedBy: #"<tr class="heading">"#).dropFirst().count
        #expect(headings >= 2)
        #expect(html.components(separatedBy: #"<tbody><tr class="heading">"#).dropFirst().count == headings)
    }

    /// On paper Chromium repeats a table's header on every page the table runs onto, but not its
    /// caption: a long breakdown went on under bare column headers ("Grupp Omgång n Skattning"), and
    /// the reader of that page did not know what its rows were. Every table's header starts with a
    /// row that names the table (a topline's table its question, whose caption "Svar på frågan" would
    /// not say which), across all its columns; on the screen it is not shown and a screen reader is
    /// not given it, so the caption is heard once; on paper it is shown in the caption's place.
    @Test func everyPrintedPageOfATableSaysWhichTableItIs() throws {
        let html = try ClubFixture().render()
        let tables = html.components(separatedBy: "<table>").dropFirst()
        #expect(tables.count >= 7)
        var headings: [String: String] = [:]
        for table in tables {
            let caption = try #require(table.range(of: "<caption>").map { String(table[$0.upperBound...].prefix { $0 != "<" }) }, "\(table.prefix(200))")
            let head = try #require(table.components(separatedBy: "</caption><thead><tr class=\"print-heading\" aria-hidden=\"true\"><td colspan=\"").dropFirst().first,
                                    "\(table.prefix(300))")
            let columns = Int(head.prefix { $0 != "\"" })
            let heading = String(head.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
            let header = try #require(head.components(separatedBy: "</td></tr>").dropFirst().first?.components(separatedBy: "</thead>").first)
            #expect(header.hasPrefix("<tr><th scope=\"col\""), "\(header.prefix(100))")
            #expect(columns == header.components(separatedBy: "<th scope=\"col\"").count - 1, "\(caption): \(header)")
            #expect(!heading.isEmpty)
            headings[caption, default: ""] += heading + "\n"
        }
        // An indicator's table is headed by its caption, the indicator's title; a question's by its wording.
        #expect(headings["Nöjda medlemmar"] == "Nöjda medlemmar\n")
        #expect(headings["Svar på frågan"]?.contains("Svar på frågan: Är du medlem?\n") == true, "\(headings)")
        #expect(css.contains("\ntr.print-heading, tr.print-notes { display: none; }\n"), "hidden on the screen, outside any media query")
        for rule in ["caption { display: none; }", "tr.print-heading { display: table-row; }"] {
            #expect(print.contains(rule), "\(rule)")
        }
    }

    /// The note under an indicator's table on its withheld cells ("– visas inte: …", "– dominerad: …")
    /// fell at the top of the next page, apart from the rows whose dashes it explains: Chromium gave
    /// up the note's break-before: avoid after a table that ran to a page's foot. On paper the notes
    /// are the last row of the table's last body, which keeps with the row before it; the notes after
    /// the table, which a screen reader reads once, are not printed, and the row is not shown on the
    /// screen nor given to a screen reader.
    @Test func aTablesNoteOnWithheldCellsStaysWithItsLastRows() throws {
        let html = try ClubFixture().render()
        let article = try #require(html.components(separatedBy: #"<article class="indicator" id="ind-happy""#).dropFirst().first?.components(separatedBy: "</article>").first)
        let note = try #require(article.components(separatedBy: #"<p class="note withheld">"#).dropFirst().first?.prefix { $0 != "<" })
        #expect(note.hasPrefix("– visas inte: för få svar (en bas under 10)"), "\(note)")
        let columns = try #require(article.components(separatedBy: #"<tr class="print-heading" aria-hidden="true"><td colspan=""#).dropFirst().first?.prefix { $0 != "\"" })
        #expect(article.contains(#"<tr class="print-notes" aria-hidden="true"><td colspan="\#(columns)"><p class="note">\#(note)</p></td></tr></tbody></table></div><p class="note withheld">\#(note)</p>"#),
                "\(article.suffix(900))")
        #expect(html.components(separatedBy: #"<tr class="print-notes""#).count == html.components(separatedBy: #"<p class="note withheld">"#).count)
        #expect(css.contains("\ntr.print-heading, tr.print-notes { display: none; }\n"))
        for rule in ["tr.print-notes { display: table-row; break-before: avoid; }", "p.note.withheld { display: none; }"] {
            #expect(print.contains(rule), "\(rule)")
        }
    }

    /// A breakdown's heading in a chart is written in bold across the plot: the grid's lines, the
    /// axis and the target's dashed line ran through its words. They stop above each heading and go
    /// on below it, in the interval charts and in a matrix question's bar chart.
    @Test func noLineOfAChartRunsThroughABreakdownsHeading() throws {
        let html = try ClubFixture().render()
        let charts = html.components(separatedBy: "<svg class=\"chart").dropFirst().map { String($0.components(separatedBy: "</svg>")[0]) }
        var bars = HTMLBuilder()
        BarChart(id: "m", description: "Stapeldiagram per del av frågan.", bars: [
            .init(label: "Hur nöjd är du med klubbens träffar under det senaste året?", value: nil, text: "", isHeading: true),
            .init(label: "Mycket", value: 40, text: "40 %"), .init(label: "Lite", value: 60, text: "60 %"),
            .init(label: "Hur nöjd är du med klubbens lokaler och deras läge i staden?", value: nil, text: "", isHeading: true),
            .init(label: "Mycket", value: 70, text: "70 %"), .init(label: "Lite", value: 30, text: "30 %"),
        ], numbers: NumberStyle(language: "sv")).render(into: &bars)
        var crossed: [String] = []
        var headingsSeen = 0
        for chart in charts + [bars.output] {
            let headings = chart.components(separatedBy: "<text ").dropFirst().filter { $0.contains("font-weight=\"bold\"") }
            let lines = chart.components(separatedBy: "<line ").dropFirst().compactMap { line -> (x: Double, top: Double, bottom: Double)? in
                let value = { (name: String) in line.components(separatedBy: " \(name)=\"").dropFirst().first.flatMap { Double($0.prefix { $0 != "\"" }) } }
                let attribute = { (name: String) in line.hasPrefix("\(name)=\"") ? Double(line.dropFirst(name.count + 2).prefix { $0 != "\"" }) : value(name) }
                guard let x1 = attribute("x1"), let x2 = attribute("x2"), let y1 = attribute("y1"), let y2 = attribute("y2"), x1 == x2 else { return nil }
                return (x1, min(y1, y2), max(y1, y2))
            }
            for heading in headings {
                headingsSeen += 1
                let baseline = try #require(heading.components(separatedBy: "y=\"").dropFirst().first.flatMap { Double($0.prefix { $0 != "\"" }) })
                let words = String(heading.drop { $0 != ">" }.prefix(60))
                // The words' height: from their cap line, 10 px above the baseline, to it.
                for line in lines where line.top < baseline && line.bottom > baseline - 10 {
                    crossed.append("\(words): a line at x \(line.x) from \(line.top) to \(line.bottom)")
                }
            }
        }
        #expect(headingsSeen >= 3)
        #expect(crossed.isEmpty, "\(crossed)")
    }
}
