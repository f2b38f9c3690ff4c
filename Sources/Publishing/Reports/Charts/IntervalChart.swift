import Foundation
import HTML

/// Estimates with their 95 % intervals as dots and whiskers on one horizontal axis: one row per
/// group, one mark per round (its own colour and shape), the target as a dashed line.
struct IntervalChart {
    struct Mark {
        /// Index into ``rounds``.
        let round: Int
        /// On the indicator's own scale.
        let value: Double
        let low: Double?
        let high: Double?
    }

    struct Row {
        let label: String
        var marks: [Mark]
        /// Why a group without a mark in any round has none (`– för få svar`), written where the marks would be.
        var missing: String?
        /// A breakdown's name over its groups, not a group.
        var isHeading = false
    }

    let id: String
    /// The chart's description, read out by screen readers.
    let description: String
    let rows: [Row]
    let rounds: [String]
    let target: Double?
    let targetLabel: String?
    let format: IndicatorFormat
    let words: ReportWords

    static let width = 680.0
    static let labelWidth = 196.0
    static let plotLeft = 210.0
    static let plotRight = 660.0

    func render(into html: inout HTMLBuilder) {
        var values: [Double] = rows.flatMap { $0.marks.flatMap { [$0.value, $0.low, $0.high].compactMap { $0 } } }
        if let target { values.append(target) }
        let (low, high) = format.axis(values: values)
        let scale = format.isPercent ? 100.0 : 1.0
        func x(_ raw: Double) -> Double {
            let shown = raw * scale
            let clamped = min(max(shown, low), high)
            return Self.plotLeft + (clamped - low) / (high - low) * (Self.plotRight - Self.plotLeft)
        }
        // Legend entries flow from the left and wrap onto a new line when the width is used up.
        var legend: [(x: Double, y: Double, entry: Int)] = []
        let entries = rounds.count + (target != nil && targetLabel != nil ? 1 : 0)
        var legendX = 4.0, legendY = 14.0
        for entry in 0..<entries {
            let text = entry < rounds.count ? rounds[entry] : "\(targetLabel ?? "") \(format.value(target ?? 0))"
            let width = 30 + SVG.textWidth(text, size: 12)
            if legendX + width > Self.width, legendX > 4 {
                legendX = 4
                legendY += 18
            }
            legend.append((legendX, legendY, entry))
            legendX += width
        }
        let legendHeight = legendY + 16
        let markStep = 11.0
        let fontSize = 12.0
        var layout: [(row: Row, top: Double, height: Double, labelLines: [String])] = []
        var y = legendHeight + 6
        for row in rows {
            let lines = row.isHeading ? [row.label] : SVG.wrap(row.label, width: Self.labelWidth, size: fontSize, maxLines: 2)
            let markHeight = Double(max(1, rounds.count)) * markStep + 8
            let height = row.isHeading ? 22 : max(markHeight, Double(lines.count) * 14 + 8)
            layout.append((row, y, height, lines))
            y += height
        }
        let plotBottom = y
        let height = plotBottom + 34

        SVG.chart(id: id, width: Self.width, height: height, description: description, into: &html) { html in
            for (x, y, entry) in legend {
                if entry < rounds.count {
                    let style = SVG.roundStyle(entry)
                    SVG.mark(style.shape, x: x + 6, y: y, r: 5, fill: style.colour, stroke: style.colour, into: &html)
                    html.element("text", .init("x", SVG.n(x + 16)), .init("y", SVG.n(y + 4)), .init("font-size", "12"), .init("fill", "#1b1b1b"), text: rounds[entry])
                } else if let target, let targetLabel {
                    html.selfClosing("line", .init("x1", SVG.n(x)), .init("y1", SVG.n(y)), .init("x2", SVG.n(x + 18)), .init("y2", SVG.n(y)),
                                     .init("stroke", "#1b1b1b"), .init("stroke-width", "2"), .init("stroke-dasharray", "4 3"))
                    html.element("text", .init("x", SVG.n(x + 24)), .init("y", SVG.n(y + 4)), .init("font-size", "12"), .init("fill", "#1b1b1b"),
                                 text: "\(targetLabel) \(format.value(target))")
                }
            }
            // Grid and axis; the grid and the target stop at each breakdown's heading.
            let headings = layout.filter(\.row.isHeading).map { (top: $0.top, bottom: $0.top + $0.height) }
            for tick in NiceScale.ticks(low: low, high: high) {
                let tx = Self.plotLeft + (tick - low) / (high - low) * (Self.plotRight - Self.plotLeft)
                SVG.verticalLine(x: tx, from: legendHeight, to: plotBottom, gaps: headings, stroke: "#d0d0d0", width: "1", into: &html)
                let label = format.numbers.amount(tick, digits: tick.rounded() == tick ? 0 : 1) + (format.isPercent ? format.numbers.percentSign : "")
                html.element("text", .init("x", SVG.n(tx)), .init("y", SVG.n(plotBottom + 16)), .init("font-size", "11"),
                             .init("text-anchor", "middle"), .init("fill", "#3d3d3d"), text: label)
            }
            html.selfClosing("line", .init("x1", SVG.n(Self.plotLeft)), .init("y1", SVG.n(plotBottom)), .init("x2", SVG.n(Self.plotRight)),
                             .init("y2", SVG.n(plotBottom)), .init("stroke", "#3d3d3d"), .init("stroke-width", "1"))
            // Rows.
            for (index, item) in layout.enumerated() {
                if index % 2 == 1, !item.row.isHeading {
                    html.selfClosing("rect", .init("x", "0"), .init("y", SVG.n(item.top)), .init("width", SVG.n(Self.plotRight)),
                                     .init("height", SVG.n(item.height)), .init("fill", "#f6f6f6"))
                }
                if item.row.isHeading {
                    SVG.lines(item.labelLines, x: 4, y: item.top + 16, size: fontSize, lineHeight: 14, weight: "bold", into: &html)
                    continue
                }
                let firstBaseline = item.top + item.height / 2 - Double(item.labelLines.count - 1) * 7 + 4
                SVG.lines(item.labelLines, x: 4, y: firstBaseline, size: fontSize, lineHeight: 14, into: &html)
                if item.row.marks.isEmpty, let missing = item.row.missing {
                    html.element("text", .init("x", SVG.n(Self.plotLeft + 4)), .init("y", SVG.n(item.top + item.height / 2 + 4)),
                                 .init("font-size", "12"), .init("fill", "#3d3d3d"), text: "\(words.suppressedMark) \(missing)")
                    continue
                }
                let markTop = item.top + (item.height - Double(rounds.count) * markStep) / 2 + markStep / 2
                for mark in item.row.marks {
                    let style = SVG.roundStyle(mark.round)
                    let my = markTop + Double(mark.round) * markStep
                    if let lowValue = mark.low, let highValue = mark.high {
                        let (x1, x2) = (x(lowValue), x(highValue))
                        html.selfClosing("line", .init("x1", SVG.n(x1)), .init("y1", SVG.n(my)), .init("x2", SVG.n(x2)), .init("y2", SVG.n(my)),
                                         .init("stroke", style.colour), .init("stroke-width", "2"))
                        for end in [x1, x2] {
                            html.selfClosing("line", .init("x1", SVG.n(end)), .init("y1", SVG.n(my - 4)), .init("x2", SVG.n(end)), .init("y2", SVG.n(my + 4)),
                                             .init("stroke", style.colour), .init("stroke-width", "1.5"))
                        }
                    }
                    SVG.mark(style.shape, x: x(mark.value), y: my, r: 4.5, fill: style.colour, stroke: "#ffffff", into: &html)
                }
            }
            if let target {
                SVG.verticalLine(x: x(target), from: legendHeight, to: plotBottom, gaps: headings, stroke: "#1b1b1b", width: "2", dash: "4 3", into: &html)
            }
        }
    }
}
