import Foundation
import Testing
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
    /// breakdown's heading row with its first group; a table's note stays with the table.
    @Test func headingsAndFactsAreNotLeftAtTheFootOfAPage() throws {
        let print = try #require(css.range(of: "@media print {").map { String(css[$0.upperBound...]) })
        #expect(print.contains(".indicator > h3 + p, .indicator-facts, tr.heading { break-after: avoid; }"))
        #expect(print.contains(".table-wrap + .note { break-before: avoid; }"))
    }
}
