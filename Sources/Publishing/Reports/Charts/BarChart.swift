import Aggregation
import Foundation
import HTML

/// Horizontal bars, one per category, with the value written at the end of each bar; a withheld
/// category shows a dash and no bar.
struct BarChart {
    struct Bar {
        let label: String
        /// The bar's length on the axis (a percentage, 0–100); nil for a withheld bar.
        let value: Double?
        /// What is written beside the bar: `45,2 %`.
        let text: String
        /// A group heading (a matrix row) rather than a bar.
        var isHeading = false
    }

    let id: String
    let description: String
    let bars: [Bar]
    let numbers: NumberStyle

    static let width = 680.0
    static let labelWidth = 250.0
    static let plotLeft = 262.0
    static let plotRight = 610.0

    func render(into html: inout HTMLBuilder) {
        // At least 10 %: with every share withheld but a 0, an axis to 1 % read "0 % 0 % 0 % 1 % 1 %".
        let high = NiceScale.ceil(max(10, bars.compactMap(\.value).max() ?? 10))
        let fontSize = 12.0
        var layout: [(bar: Bar, top: Double, height: Double, lines: [String])] = []
        var y = 4.0
        for bar in bars {
            let lines = SVG.wrap(bar.label, width: bar.isHeading ? Self.width - 8 : Self.labelWidth, size: fontSize, maxLines: bar.isHeading ? 2 : 3)
            let height = max(bar.isHeading ? 20 : 22, Double(lines.count) * 14 + 6)
            layout.append((bar, y, height, lines))
            y += height
        }
        let plotBottom = y + 2
        let height = plotBottom + 22
        SVG.chart(id: id, width: Self.width, height: height, description: description, into: &html) { html in
            // The grid and the axis stop at each part's heading, which runs across the plot.
            let headings = layout.filter(\.bar.isHeading).map { (top: $0.top, bottom: $0.top + $0.height) }
            for tick in NiceScale.ticks(low: 0, high: high, count: 4) {
                let tx = Self.plotLeft + tick / high * (Self.plotRight - Self.plotLeft)
                SVG.verticalLine(x: tx, from: 2, to: plotBottom, gaps: headings, stroke: "#d0d0d0", width: "1", into: &html)
                html.element("text", .init("x", SVG.n(tx)), .init("y", SVG.n(plotBottom + 15)), .init("font-size", "11"), .init("text-anchor", "middle"),
                             .init("fill", "#3d3d3d"), text: numbers.decimal(tick, digits: tick.rounded() == tick ? 0 : 1) + numbers.percentSign)
            }
            for item in layout {
                let middle = item.top + item.height / 2
                if item.bar.isHeading {
                    SVG.lines(item.lines, x: 4, y: item.top + 15, size: fontSize, lineHeight: 14, weight: "bold", into: &html)
                    continue
                }
                SVG.lines(item.lines, x: Self.labelWidth, y: middle - Double(item.lines.count - 1) * 7 + 4, size: fontSize, lineHeight: 14,
                          anchor: "end", into: &html)
                if let value = item.bar.value {
                    let length = max(0, value / high * (Self.plotRight - Self.plotLeft))
                    html.selfClosing("rect", .init("x", SVG.n(Self.plotLeft)), .init("y", SVG.n(middle - 7)), .init("width", SVG.n(length)),
                                     .init("height", "14"), .init("fill", "#1f4e79"))
                    html.element("text", .init("x", SVG.n(Self.plotLeft + length + 5)), .init("y", SVG.n(middle + 4)), .init("font-size", "12"),
                                 .init("fill", "#1b1b1b"), text: item.bar.text)
                } else {
                    html.element("text", .init("x", SVG.n(Self.plotLeft + 5)), .init("y", SVG.n(middle + 4)), .init("font-size", "12"),
                                 .init("fill", "#3d3d3d"), text: item.bar.text)
                }
            }
            SVG.verticalLine(x: Self.plotLeft, from: 2, to: plotBottom, gaps: headings, stroke: "#3d3d3d", width: "1", into: &html)
        }
    }
}

/// A numeric question's distribution as a box from the lower to the upper quartile, a line at
/// the median and a dot at the mean, on an axis from zero (or the lowest quartile) up. A mean
/// withheld by the p % rule has no dot, no legend entry, and no say in the axis, whose end would
/// tell it.
struct BoxChart {
    let id: String
    let description: String
    let summary: NumberSummary
    let labels: (quartiles: String, median: String, mean: String)
    let numbers: NumberStyle

    /// From zero when the values sit near it, else around the middle half (years, say), in round steps.
    static func axis(_ summary: NumberSummary) -> (low: Double, high: Double) {
        let mean = summary.shownMean ?? summary.median
        let lowest = min(summary.lowerQuartile, mean), highest = max(summary.upperQuartile, mean)
        let span = max(highest - lowest, 1)
        if lowest >= 0, lowest <= 3 * span { return (0, NiceScale.ceil(highest + span * 0.25)) }
        let step = NiceScale.ticks(low: lowest - span, high: highest + span, count: 5)
        let stepSize = step.count > 1 ? step[1] - step[0] : span
        return (Foundation.floor((lowest - span / 2) / stepSize) * stepSize, Foundation.ceil((highest + span / 2) / stepSize) * stepSize)
    }

    func render(into html: inout HTMLBuilder) {
        let width = 680.0, left = 30.0, right = 650.0
        let (low, high) = Self.axis(summary)
        func x(_ v: Double) -> Double { left + (v - low) / (high - low) * (right - left) }
        let digits = high - low >= 20 ? 0 : 1
        SVG.chart(id: id, classes: "chart chart-box", width: width, height: 96, description: description, into: &html) { html in
            for tick in NiceScale.ticks(low: low, high: high, count: 5) {
                html.selfClosing("line", .init("x1", SVG.n(x(tick))), .init("y1", "26"), .init("x2", SVG.n(x(tick))), .init("y2", "66"),
                                 .init("stroke", "#d0d0d0"), .init("stroke-width", "1"))
                html.element("text", .init("x", SVG.n(x(tick))), .init("y", "82"), .init("font-size", "11"), .init("text-anchor", "middle"),
                             .init("fill", "#3d3d3d"), text: numbers.decimal(tick, digits: tick.rounded() == tick ? 0 : digits))
            }
            html.selfClosing("line", .init("x1", SVG.n(left)), .init("y1", "66"), .init("x2", SVG.n(right)), .init("y2", "66"),
                             .init("stroke", "#3d3d3d"), .init("stroke-width", "1"))
            let boxLeft = x(summary.lowerQuartile), boxRight = max(x(summary.upperQuartile), boxLeft + 2)
            html.selfClosing("rect", .init("x", SVG.n(boxLeft)), .init("y", "32"), .init("width", SVG.n(boxRight - boxLeft)), .init("height", "28"),
                             .init("fill", "#c9daf0"), .init("stroke", "#1f4e79"), .init("stroke-width", "1.5"))
            html.selfClosing("line", .init("x1", SVG.n(x(summary.median))), .init("y1", "30"), .init("x2", SVG.n(x(summary.median))), .init("y2", "62"),
                             .init("stroke", "#1f4e79"), .init("stroke-width", "3"))
            if let mean = summary.shownMean {
                SVG.mark(.diamond, x: x(mean), y: 46, r: 5, fill: "#b45309", stroke: "#ffffff", into: &html)
            }
            // Legend.
            html.selfClosing("rect", .init("x", "30"), .init("y", "6"), .init("width", "18"), .init("height", "12"), .init("fill", "#c9daf0"),
                             .init("stroke", "#1f4e79"))
            html.element("text", .init("x", "54"), .init("y", "16"), .init("font-size", "12"), .init("fill", "#1b1b1b"), text: labels.quartiles)
            let medianX = 62 + SVG.textWidth(labels.quartiles, size: 12) + 14
            html.selfClosing("line", .init("x1", SVG.n(medianX)), .init("y1", "5"), .init("x2", SVG.n(medianX)), .init("y2", "19"),
                             .init("stroke", "#1f4e79"), .init("stroke-width", "3"))
            html.element("text", .init("x", SVG.n(medianX + 8)), .init("y", "16"), .init("font-size", "12"), .init("fill", "#1b1b1b"), text: labels.median)
            guard summary.shownMean != nil else { return }
            let meanX = medianX + 8 + SVG.textWidth(labels.median, size: 12) + 20
            SVG.mark(.diamond, x: meanX, y: 12, r: 5, fill: "#b45309", stroke: "#ffffff", into: &html)
            html.element("text", .init("x", SVG.n(meanX + 10)), .init("y", "16"), .init("font-size", "12"), .init("fill", "#1b1b1b"), text: labels.mean)
        }
    }
}
