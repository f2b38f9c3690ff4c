import Aggregation
import Foundation
import Frameworks
import HTML

/// The theory of change as four columns, activities → outputs → outcomes → impact, each node a
/// box coloured by the worst status of its indicators (with the status's shape and word), and
/// arrows along every `contributes_to` link.
struct TheoryOfChangeDiagram {
    /// What a node shows of its indicators.
    struct NodeState {
        /// Indicators measuring the node.
        let indicatorCount: Int
        /// The worst status among them; nil when none has one.
        let status: TargetStatus?
    }

    let framework: Framework
    let states: [String: NodeState]
    let words: ReportWords
    let id: String
    let description: String

    static let columns: [NodeLevel] = [.activity, .output, .outcome, .impact]
    static let boxWidth = 152.0
    static let gap = 24.0
    static let fontSize = 11.0

    struct Placed {
        let node: FrameworkNode
        let x: Double
        var y: Double
        let height: Double
        let lines: [String]
    }

    /// Nodes in drawing order per column: outcomes keep file order with a node that feeds another
    /// outcome moved next to it; outputs and activities sorted by where their targets sit.
    func ordered() -> [[FrameworkNode]] {
        var byLevel: [NodeLevel: [FrameworkNode]] = [:]
        for node in framework.nodes { byLevel[node.level, default: []].append(node) }
        var outcomes = byLevel[.outcome] ?? []
        for node in outcomes {
            guard let target = node.contributesTo.map(\.value).first(where: { id in outcomes.contains { $0.id == id } }),
                  let from = outcomes.firstIndex(where: { $0.id == node.id }) else { continue }
            let moved = outcomes.remove(at: from)
            let at = outcomes.firstIndex(where: { $0.id == target })!
            outcomes.insert(moved, at: from <= at ? at : at + 1)
        }
        var result: [NodeLevel: [FrameworkNode]] = [.impact: byLevel[.impact] ?? [], .outcome: outcomes]
        for level in [NodeLevel.output, .activity] {
            let above = level == .output ? outcomes : result[.output] ?? []
            let position = Dictionary(above.enumerated().map { ($0.element.id, Double($0.offset)) }, uniquingKeysWith: { a, _ in a })
            let nodes = byLevel[level] ?? []
            result[level] = nodes.enumerated().sorted { lhs, rhs in
                func centre(_ node: FrameworkNode) -> Double {
                    let spots = node.contributesTo.compactMap { position[$0.value] }
                    return spots.isEmpty ? .infinity : spots.reduce(0, +) / Double(spots.count)
                }
                return (centre(lhs.element), lhs.offset) < (centre(rhs.element), rhs.offset)
            }.map(\.element)
        }
        return Self.columns.map { result[$0] ?? [] }
    }

    func render(into html: inout HTMLBuilder) {
        let top = 34.0
        var placed: [String: Placed] = [:]
        var columnHeights: [Double] = []
        var columns: [[Placed]] = []
        for (index, nodes) in ordered().enumerated() {
            let x = Double(index) * (Self.boxWidth + Self.gap)
            var y = 0.0
            var column: [Placed] = []
            for node in nodes {
                let lines = SVG.wrap(node.title.resolved(words.language, fallbacks: framework.languages), width: Self.boxWidth - 14,
                                     size: Self.fontSize, maxLines: 5)
                let height = 10 + Double(lines.count) * 13 + 20
                column.append(Placed(node: node, x: x, y: y, height: height, lines: lines))
                y += height + 14
            }
            columnHeights.append(max(0, y - 14))
            columns.append(column)
        }
        let tallest = columnHeights.max() ?? 0
        for (index, column) in columns.enumerated() {
            let offset = top + (tallest - columnHeights[index]) / 2
            for var item in column {
                item.y += offset
                placed[item.node.id] = item
            }
        }
        let width = Double(Self.columns.count) * Self.boxWidth + Double(Self.columns.count - 1) * Self.gap + 14
        let height = top + tallest + 8

        SVG.chart(id: id, classes: "chart toc", width: width, height: height, description: description, into: &html) { html in
            html.element("defs") { html in
                html.element("marker", .init("id", "\(id)-arrow"), .init("viewBox", "0 0 10 10"), .init("refX", "9"), .init("refY", "5"),
                             .init("markerWidth", "7"), .init("markerHeight", "7"), .init("orient", "auto")) { html in
                    html.selfClosing("path", .init("d", "M0 0L10 5L0 10Z"), .init("fill", "#4a4a4a"))
                }
            }
            for (index, level) in Self.columns.enumerated() {
                let x = Double(index) * (Self.boxWidth + Self.gap) + Self.boxWidth / 2
                html.element("text", .init("x", SVG.n(x)), .init("y", "16"), .init("font-size", "13"), .init("font-weight", "bold"),
                             .init("text-anchor", "middle"), .init("fill", "#1b1b1b"), text: words.levelName(level, plural: level != .impact))
            }
            // Links first, under the boxes.
            for node in framework.nodes {
                guard let from = placed[node.id] else { continue }
                for link in node.contributesTo {
                    guard let to = placed[link.value] else { continue }
                    let path: String
                    if to.node.level == from.node.level {
                        let x = from.x + Self.boxWidth
                        let (y1, y2) = (from.y + from.height / 2, to.y + to.height / 2)
                        path = "M\(SVG.n(x)) \(SVG.n(y1))C\(SVG.n(x + 16)) \(SVG.n(y1)) \(SVG.n(x + 16)) \(SVG.n(y2)) \(SVG.n(x + 1)) \(SVG.n(y2))"
                    } else {
                        let (x1, y1) = (from.x + Self.boxWidth, from.y + from.height / 2)
                        let (x2, y2) = (to.x - 1, to.y + to.height / 2)
                        let bend = (x2 - x1) / 2
                        path = "M\(SVG.n(x1)) \(SVG.n(y1))C\(SVG.n(x1 + bend)) \(SVG.n(y1)) \(SVG.n(x2 - bend)) \(SVG.n(y2)) \(SVG.n(x2)) \(SVG.n(y2))"
                    }
                    html.selfClosing("path", .init("d", path), .init("fill", "none"), .init("stroke", "#4a4a4a"), .init("stroke-width", "1.2"),
                                     .init("marker-end", "url(#\(id)-arrow)"))
                }
            }
            for node in framework.nodes {
                guard let item = placed[node.id] else { continue }
                let state = states[node.id] ?? NodeState(indicatorCount: 0, status: nil)
                let style = StatusStyle(state.status)
                let measured = state.indicatorCount > 0
                html.selfClosing("rect", .init("x", SVG.n(item.x)), .init("y", SVG.n(item.y)), .init("width", SVG.n(Self.boxWidth)),
                                 .init("height", SVG.n(item.height)), .init("rx", "5"), .init("fill", measured ? style.fill : "#ffffff"),
                                 .init("stroke", measured ? style.colour : "#8a8a8a"), .init("stroke-width", measured ? "1.8" : "1.2"),
                                 .optional("stroke-dasharray", measured ? nil : "4 3"))
                SVG.lines(item.lines, x: item.x + 7, y: item.y + 16, size: Self.fontSize, lineHeight: 13, into: &html)
                let statusY = item.y + item.height - 9
                if measured {
                    SVG.mark(style.shape, x: item.x + 13, y: statusY - 4, r: 4.5, fill: style.colour, stroke: style.colour, into: &html)
                    html.element("text", .init("x", SVG.n(item.x + 23)), .init("y", SVG.n(statusY)), .init("font-size", "11"),
                                 .init("font-weight", "bold"), .init("fill", style.colour), text: words.status(state.status))
                } else {
                    html.element("text", .init("x", SVG.n(item.x + 7)), .init("y", SVG.n(statusY)), .init("font-size", "11"),
                                 .init("font-style", "italic"), .init("fill", "#4a4a4a"), text: words.pick("Mäts inte", "Not measured"))
                }
            }
        }
    }
}
