import Foundation
import Testing
@testable import Reports

/// What a screen reader is given of a report, beyond what axe-core checks: each chart's meaning
/// said once and its drawing kept out of the reading order, the breakdown heading its rows, and a
/// withheld cell read with its reason, an interval heard with a word, and a table's region not named
/// by its caption.
@Suite struct ScreenReaderTests {
    /// The charts of the report, each from its `<figure>` to its `</figure>`.
    static func figures(_ html: String) -> [String] {
        html.components(separatedBy: "<figure>").dropFirst().map { $0.components(separatedBy: "</figure>")[0] }
    }

    @Test func eachChartIsNamedOnceAndItsDrawingIsNotRead() throws {
        let html = try ClubFixture().render()
        let figures = Self.figures(html)
        #expect(figures.count >= 5)
        for figure in figures {
            // The scrolling region by the short caption, the image by its title alone: labelled by
            // its title as well, Chromium gave the title again as the image's description, and the
            // region read it a third time.
            let caption = try #require(figure.range(of: #"<figcaption id=""#).map { String(figure[$0.upperBound...].prefix { $0 != "\"" }) })
            #expect(figure.contains(#"<div class="chart-wrap" role="region" aria-labelledby="\#(caption)""#), "\(figure.prefix(300))")
            let svg = try #require(figure.range(of: "<svg").map { String(figure[$0.lowerBound...].prefix { $0 != ">" }) })
            #expect(svg.contains(#"role="img""#) && !svg.contains("aria-labelledby") && !svg.contains("aria-label="), "\(svg)")
            // Every label and mark inside one hidden group, after the title and the ground.
            let drawing = try #require(figure.range(of: #"<g aria-hidden="true">"#), "\(figure.prefix(300))")
            #expect(!figure[..<drawing.lowerBound].contains("<text"))
            #expect(figure[drawing.upperBound...].components(separatedBy: "</svg>")[0].contains("<text"))
        }
    }

    /// A breakdown's question heads its own body of rows (`scope="rowgroup"`): as a column group
    /// it was announced as a header of the columns, not of the groups under it.
    @Test func aBreakdownHeadsItsOwnRows() throws {
        let html = try ClubFixture().render()
        #expect(!html.contains(#"scope="colgroup""#))
        #expect(html.contains(#"scope="rowgroup">Hur stor är er förening?</th></tr>"#))
        // The theory of change as a table: each level its own body, headed by its name.
        #expect(html.contains(#"<tbody><tr class="heading"><th colspan="4" scope="rowgroup">Utfall</th></tr>"#))
        let headings = html.components(separatedBy: #"<tr class="heading">"#).count - 1
        #expect(headings > 0 && html.components(separatedBy: #"<tbody><tr class="heading">"#).count - 1 == headings)
    }

    /// A withheld count or estimate says why beside its dash, in the table as in the chart: "–"
    /// alone is read as nothing, or "dash".
    @Test func aWithheldCellSaysWhy() throws {
        let html = try ClubFixture().render()
        let tiny = try #require(ReportRenderingTests.row(in: html, startingWith: #"<tr><th scope="row">Pytteliten</th><td class="round">Klubb 2025</td>"#))
        #expect(tiny.contains(#"<td class="num">– för få svar</td>"#))
        // The topline's counts: one too small, the next smallest withheld beside it.
        let small = try #require(ReportRenderingTests.row(in: html, startingWith: #"<tr><th scope="row">Pytteliten</th><td class="num">"#))
        #expect(small.contains(#"<td class="num">– för få svar</td>"#), "\(small)")
        #expect(html.contains(#"</th><td class="num">– visas inte</td>"#))
    }

    /// An interval is shown with its dash and heard with a word: the dash was read as "dash" or
    /// the numbers run together. In a chart's name, which is only heard, it is written in words.
    @Test(arguments: [("sv", " till "), ("en", " to ")])
    func anIntervalIsHeardWithAWord(language: String, word: String) throws {
        let html = try ClubFixture().render(language: language)
        #expect(html.contains(".visually-hidden {"))
        let spoken = #"<span aria-hidden="true">–</span><span class="visually-hidden">\#(word)</span>"#
        let cells = html.components(separatedBy: #"<td class="num">"#).dropFirst().map { $0.components(separatedBy: "</td>")[0] }
        let intervals = cells.filter { $0.contains(spoken) }
        #expect(intervals.count >= 5)
        for cell in intervals { #expect(cell.wholeMatch(of: /[+\-−]?[0-9.,]+<span aria-hidden="true">–<\/span><span class="visually-hidden"> [a-z]+ <\/span>[+\-−]?[0-9.,]+/) != nil, "\(cell)") }
        #expect(cells.allSatisfy { $0.firstMatch(of: /[0-9]–[0-9]/) == nil }, "\(cells.filter { $0.firstMatch(of: /[0-9]–[0-9]/) != nil })")
        let names = Self.figures(html).compactMap { figure in
            figure.range(of: "<title").map { String(figure[$0.upperBound...].components(separatedBy: "</title>")[0]) }
        }
        #expect(names.contains { $0.hasPrefix(#" id="chart-"#) && $0.firstMatch(of: /[0-9%] \([0-9.,]+ [a-z]+ [0-9.,]+\)/) != nil }, "\(names)")
        #expect(names.allSatisfy { $0.firstMatch(of: /[0-9%] \([0-9.,]+–|half [0-9.,]+–|hälften [0-9.,]+–/) == nil }, "\(names)")
    }

    /// A table's scrolling region has a name of its own: named by the table's caption (or its
    /// start), it made a screen reader say the caption twice, once for the region, once for the table.
    @Test(arguments: ["sv", "en"])
    func aTablesRegionIsNotNamedByItsCaption(language: String) throws {
        let html = try ClubFixture().render(language: language)
        let regions = html.components(separatedBy: #"<div class="table-wrap" role="region" aria-label=""#).dropFirst()
        #expect(regions.count >= 5)
        for region in regions {
            let name = String(region.prefix { $0 != "\"" })
            let caption = try #require(region.range(of: "<caption>").map { String(region[$0.upperBound...].components(separatedBy: "</caption>")[0]) })
            #expect(!name.isEmpty && !caption.hasPrefix(name) && !name.hasPrefix(caption), "\(name) / \(caption)")
        }
    }
}
