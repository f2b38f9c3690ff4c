import Foundation
import Expressions
import HTML
import Store
import Testing
@testable import FormServer

/// The admin page's chart of responses per day.
@Suite struct DailyChartTests {
    let css = Stylesheet.css
    struct Bar { var kind: String; var x: Double; var width: Double }
    struct Label { var text: String; var x: Double }

    /// The value of attribute `name` in the start of an SVG element.
    func number(_ name: String, in element: Substring) throws -> Double {
        let start = try #require(element.range(of: " \(name)=\"")).upperBound
        return try #require(Double(element[start...].prefix { $0 != "\"" }))
    }

    /// The bars and day labels of the chart drawn for `days`.
    func draw(_ days: [DailyActivity]) throws -> (bars: [Bar], labels: [Label]) {
        var html = HTMLBuilder()
        DailyChart(days: days).render(into: &html)
        let svg = html.output
        let bars = try svg.components(separatedBy: "<rect").dropFirst().map { piece in
            let element = piece.prefix { $0 != ">" }
            return Bar(kind: element.contains("bar-started") ? "started" : "completed",
                       x: try number("x", in: element), width: try number("width", in: element))
        }
        let labels = try svg.components(separatedBy: "<text").dropFirst().filter { $0.contains("text-anchor=\"middle\"") }.map { piece in
            let element = piece.prefix { $0 != ">" }
            return Label(text: String(piece.dropFirst(element.count + 1).prefix { $0 != "<" }), x: try number("x", in: element))
        }
        return (bars, labels)
    }

    /// The number in `css` between `prefix` and `unit`, as the stylesheet gives it.
    func cssNumber(after prefix: String, unit: String) throws -> Double {
        let css = Stylesheet.css
        let start = try #require(css.range(of: prefix), "the stylesheet has \(prefix)").upperBound
        return try #require(Double(css[start...].prefix { $0 != Character(String(unit.first!)) }.trimmingCharacters(in: .whitespaces)))
    }

    /// Begun bars were light blue (#8aa9c9, 2.4:1 on white, under WCAG 1.4.11's 3:1 for a chart's
    /// marks) and told from completed ones by their colour alone (1.4.1). They are now outlined in a
    /// colour with 3:1 on white and on their own fill, and completed bars solid, with 3:1 on white;
    /// the legend's swatches are drawn as the bars are.
    @Test func begunAndCompletedBarsDifferByMoreThanColourAndStandOutFromTheGround() throws {
        let begun = try #require(declarations(of: ".chart .bar-started", in: css[...]))
        let completed = try #require(declarations(of: ".chart .bar-completed", in: css[...]))
        let outline = try #require(begun["stroke"]), fill = try #require(begun["fill"]), solid = try #require(completed["fill"])
        #expect(try contrastRatio(outline, "#ffffff") >= 3)
        #expect(try contrastRatio(outline, fill) >= 3, "an outline that stands out from its fill, unlike the solid bars")
        #expect(try contrastRatio(solid, "#ffffff") >= 3)
        #expect(Double(begun["stroke-width"] ?? "0") ?? 0 >= 2)
        #expect(completed["stroke"] == nil)
        #expect(declarations(of: ".swatch.started", in: css[...]) == ["background": fill, "border": "2px solid \(outline)"])
        #expect(declarations(of: ".swatch.completed", in: css[...]) == ["background": solid])
    }

    /// In forced colours (Windows high contrast, dark) the page turned black while the chart kept its
    /// colours: its numbers and day labels (#1b1b1b), its axis and the completed bars (#0b3d2e)
    /// vanished, and both legend swatches became the same empty box. The chart and the swatches take
    /// the system colours there: text and axis in the text colour, begun bars outlined, completed ones
    /// solid. The chart's one stroke attribute is its axis, a `line`.
    @Test func theChartTakesTheSystemColoursInForcedColours() throws {
        let forced = try #require(block("@media (forced-colors: active) {", in: css))
        #expect(declarations(of: ".chart text", in: forced) == ["fill": "CanvasText"])
        #expect(declarations(of: ".chart line", in: forced) == ["stroke": "CanvasText"])
        #expect(declarations(of: ".chart .bar-started", in: forced) == ["fill": "Canvas", "stroke": "CanvasText"])
        #expect(declarations(of: ".chart .bar-completed", in: forced) == ["fill": "CanvasText"])
        #expect(declarations(of: ".swatch", in: forced) == ["forced-color-adjust": "none", "border-color": "CanvasText"])
        #expect(declarations(of: ".swatch.started", in: forced) == ["background": "Canvas", "border-color": "CanvasText"])
        #expect(declarations(of: ".swatch.completed", in: forced) == ["background": "CanvasText"])
        var html = HTMLBuilder()
        DailyChart(days: [DailyActivity(day: "2026-11-30", started: 2, completed: 1)]).render(into: &html)
        let stroked = html.output.components(separatedBy: "<").filter { $0.contains(" stroke=") }.map { $0.prefix { $0 != " " } }
        #expect(stroked == ["line"], "\(stroked)")
    }

    /// At 320 px the chart shrank to the screen and its labels to about 4 px: it now keeps a width
    /// (min-width, in rem) at which its text is at least the page's small text (0.95rem, the
    /// legend's and the table's), and scrolls sideways within a region that takes the focus.
    @Test func theChartsTextStaysReadableAndTheChartScrolls() throws {
        var html = HTMLBuilder()
        let days = (0..<10).map { DailyActivity(day: CalendarDate(daysSinceEpoch: 20_400 + $0).description, started: 3, completed: 1) }
        DailyChart(days: days).render(into: &html)
        let page = html.output
        #expect(page.contains("<div class=\"chart-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"per-day\"><svg class=\"chart\""), "\(page)")
        #expect(Stylesheet.css.contains(".chart-scroll { overflow-x: auto; }"))
        let viewBox = try #require(page.range(of: "viewBox=\"0 0 ")).upperBound
        let viewBoxWidth = try #require(Double(page[viewBox...].prefix { $0 != " " }))
        let minimumWidth = try cssNumber(after: ".chart { display: block; max-width: 100%; min-width:", unit: "rem") * 16
        let textSize = try cssNumber(after: ".chart text { font-size:", unit: "px")
        #expect(textSize * minimumWidth / viewBoxWidth >= 0.95 * 16, "\(textSize) px in \(viewBoxWidth) units drawn at least \(minimumWidth) px wide")
    }

    /// A round whose responses all came in on one day: its bar pair stood in the middle of a chart
    /// 640 units wide, about 330 px from its left edge, so that a 320 px screen showed the axis and
    /// no bar until the chart's region was scrolled. A chart of up to seven days is now as wide as
    /// its bars need (at no fewer CSS pixels than its units, so its text stays as large), one day's
    /// fits a 320 px screen (less the page's 1rem margins), and from eight days on it is 640 wide.
    @Test(arguments: [1, 2, 3, 7, 8, 30])
    func aChartOfFewDaysIsAsWideAsItsBars(days count: Int) throws {
        let days = (0..<count).map { DailyActivity(day: CalendarDate(daysSinceEpoch: 20_400 + $0).description, started: 3, completed: 1) }
        var html = HTMLBuilder()
        DailyChart(days: days).render(into: &html)
        let page = html.output
        let viewBox = try #require(page.range(of: "viewBox=\"0 0 ")).upperBound
        let chartWidth = try #require(Double(page[viewBox...].prefix { $0 != " " }))
        #expect(page.contains(" width=\"\(Int(chartWidth))\""))
        let textSize = try cssNumber(after: ".chart text { font-size:", unit: "px")
        if count <= 7 {
            #expect(chartWidth == Double(56 + 10 + 80 * count))
            #expect(page.contains("<svg class=\"chart bars-\(count)\""), "\(page)")
            let drawnWidth = try cssNumber(after: ".chart.bars-\(count) { min-width:", unit: "rem") * 16
            #expect(drawnWidth == chartWidth, "the chart is drawn at one CSS pixel a unit")
            #expect(textSize * drawnWidth / chartWidth >= 0.95 * 16 - 1e-9)
        } else {
            #expect(chartWidth == 640)
            #expect(page.contains("<svg class=\"chart\""))
        }
        let (bars, labels) = try draw(days)
        for bar in bars { #expect(bar.x >= 56 && bar.x + bar.width <= chartWidth - 10) }
        for label in labels { #expect(label.x - Double(label.text.count) * 4.6 >= 0 && label.x + Double(label.text.count) * 4.6 <= chartWidth) }
        if count == 1 { #expect(chartWidth <= 320 - 2 * 16, "one day's chart fits a 320 px screen") }
    }

    /// Positions are written with one decimal, hence the tolerance.
    @Test(arguments: [1, 2, 7, 30])
    func eachDaysBarsStandOnItsLabel(days count: Int) throws {
        let days = (0..<count).map { DailyActivity(day: CalendarDate(daysSinceEpoch: 20_400 + $0).description, started: 2 + $0 % 3, completed: 1) }
        let (bars, labels) = try draw(days)
        #expect(bars.count == 2 * count)
        #expect(!labels.isEmpty)
        for label in labels {
            let index = try #require(days.firstIndex { $0.day.hasSuffix(label.text) })
            let started = bars[2 * index], completed = bars[2 * index + 1]
            #expect(started.kind == "started" && completed.kind == "completed")
            #expect(abs(completed.x - label.x) < 0.2, "the label \(label.text) is centred between its day's two bars")
            #expect(abs(started.x + started.width - completed.x) < 0.2)
        }
    }

    /// A round of four months (ESEM runs October to January) and a late import: the table gives
    /// every day with responses and the chart covers them all, a bar per week. The chart showed
    /// the last 60 days only, and its table too, so the round's first weeks were on no page.
    @Test func aLongRoundIsChartedWholeAndTabledDayByDay() throws {
        let first = try #require(CalendarDate(iso: "2025-10-01"))
        let days = stride(from: 0, through: 150, by: 3).map { offset in
            DailyActivity(day: CalendarDate(daysSinceEpoch: first.daysSinceEpoch + offset).description, started: 2, completed: 1)
        }
        var html = HTMLBuilder()
        DailyChart(days: days).render(into: &html)
        let page = html.output
        for day in days { #expect(page.contains("<th scope=\"row\" class=\"date\">\(day.day)</th>"), "\(day.day) is in the table") }
        #expect(page.contains("Bar chart of responses per week (Monday to Sunday) from 2025-10-01 to 2026-02-28: \(2 * days.count) started and \(days.count) completed in all"))
        let (bars, labels) = try draw(days)
        #expect(bars.count == 2 * 22, "a week a bar pair, from Monday 2025-09-29 to Monday 2026-02-23")
        #expect(labels.first?.text == "2025-09-29", "weeks begin on Monday, and a chart across a new year names years")
        // Over a year (the demo's round and its late partial responses): the last label, a full date
        // under the last bar, ran off the chart's right edge.
        let year = stride(from: 0, through: 420, by: 7).map { offset in
            DailyActivity(day: CalendarDate(daysSinceEpoch: first.daysSinceEpoch + offset).description, started: 1, completed: 1)
        }
        let yearLabels = try draw(year).labels
        #expect(yearLabels.count >= 5)
        for label in labels + yearLabels { #expect(label.x + Double(label.text.count) * 3.2 <= 640, "\(label.text) stays inside the chart") }

        // A label moved in at the right edge stood against the one before it
        // (`2026-08-312026-11-23`, a round with imports a year before its web responses).
        for span in stride(from: 93, through: 800, by: 1) {
            let spanned = [first.daysSinceEpoch, first.daysSinceEpoch + span].map {
                DailyActivity(day: CalendarDate(daysSinceEpoch: $0).description, started: 1, completed: 1)
            }
            let placed = try draw(spanned).labels
            for (a, b) in zip(placed, placed.dropFirst()) {
                #expect(b.x - a.x >= Double(a.text.count + 2) * DailyChart.characterWidth - 0.01, "\(span) days: \(a.text) and \(b.text) apart")
            }
        }

        var month = HTMLBuilder()
        DailyChart(days: Array(days.prefix(10))).render(into: &month)
        #expect(month.output.contains("responses per day from 2025-10-01 to 2025-10-28"))
        #expect(try draw(Array(days.prefix(10))).bars.count == 2 * 28)
    }

    /// A screen reader hears the chart's description once, as the image's name (labelled by its
    /// title too, Chromium gave it again as the description, and the region a third time), and
    /// none of its axis and day labels one by one.
    @Test func theChartIsNamedOnceAndItsLabelsAreNotRead() throws {
        var html = HTMLBuilder()
        let days = (0..<10).map { DailyActivity(day: CalendarDate(daysSinceEpoch: 20_400 + $0).description, started: 3, completed: 1) }
        DailyChart(days: days).render(into: &html)
        let page = html.output
        let svg = try #require(page.range(of: "<svg").map { String(page[$0.lowerBound...].prefix { $0 != ">" }) })
        #expect(svg.contains("role=\"img\"") && !svg.contains("aria-labelledby"), "\(svg)")
        let drawing = try #require(page.range(of: "<g aria-hidden=\"true\">"))
        #expect(!page[..<drawing.lowerBound].contains("<text"))
        #expect(page[drawing.upperBound...].components(separatedBy: "</svg>")[0].components(separatedBy: "<text").count > 5)
    }
}
