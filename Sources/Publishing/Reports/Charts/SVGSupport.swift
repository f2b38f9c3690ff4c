import Foundation
import HTML

/// Small pieces every chart uses: coordinates as short text, label wrapping, marks and palettes.
enum SVG {
    /// A coordinate with at most one decimal: `12.5`, `40`.
    static func n(_ value: Double) -> String {
        SVGNumber.text(value)
    }

    /// A vertical line at `x` from `top` to `bottom`, left out where it would cross a breakdown's
    /// heading (`gaps`, each from its top to its bottom): a heading in bold runs across the plot, and
    /// the grid and the target had drawn their lines through its words.
    static func verticalLine(x: Double, from top: Double, to bottom: Double, gaps: [(top: Double, bottom: Double)],
                             stroke: String, width: String, dash: String? = nil, into html: inout HTMLBuilder) {
        var start = top
        for gap in gaps.sorted(by: { $0.top < $1.top }) + [(top: bottom, bottom: bottom)] where gap.bottom > start {
            let end = min(gap.top, bottom)
            if end > start {
                html.selfClosing("line", .init("x1", n(x)), .init("y1", n(start)), .init("x2", n(x)), .init("y2", n(end)),
                                 .init("stroke", stroke), .init("stroke-width", width), .optional("stroke-dasharray", dash))
            }
            start = max(start, gap.bottom)
        }
    }

    /// The width of a text in the charts' sans-serif font, roughly, in pixels.
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.56
    }

    /// `text` broken into lines of at most `width` pixels at `size`, at spaces; a word longer
    /// than a line is cut. At most `maxLines` lines, the last ending in … when text is left.
    static func wrap(_ text: String, width: Double, size: Double, maxLines: Int = 3) -> [String] {
        let perLine = max(4, Int(width / (size * 0.56)))
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            while word.count > perLine {
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(String(word.prefix(perLine - 1)) + "-")
                word = String(word.dropFirst(perLine - 1))
            }
            if line.isEmpty {
                line = word
            } else if line.count + 1 + word.count <= perLine {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            var last = lines[maxLines - 1]
            if last.count >= perLine { last = String(last.prefix(perLine - 1)) }
            lines[maxLines - 1] = last + "…"
        }
        return lines.isEmpty ? [""] : lines
    }

    /// The shapes that tell rounds and statuses apart without colour.
    enum Shape: CaseIterable {
        case circle, square, diamond, triangleUp, triangleDown, cross
    }

    /// A figure holding a chart: its caption, with the id the chart's scrolling region is named by
    /// (`SVG.chart` with the same `chartID`), then `body`.
    static func figure(chartID: String, caption: String, into html: inout HTMLBuilder, _ body: (inout HTMLBuilder) -> Void) {
        html.element("figure") { html in
            html.element("figcaption", .init("id", "\(chartID)-caption"), text: caption)
            body(&html)
        }
    }

    /// A chart: an `<svg>` of `width` × `height` units, an image named by its title `description`
    /// and drawn on a white ground, inside a focusable region that scrolls sideways where the
    /// screen is too narrow for the chart at a width its text can be read at (the stylesheet's
    /// `min-width`); WCAG 1.4.10 lets a chart scroll in two directions. The region is named by
    /// the caption of its `SVG.figure`, so that a screen reader says the title once, and the
    /// drawing is hidden from it: its labels and marks were read one by one after the title.
    static func chart(
        id: String, classes: String = "chart", width: Double, height: Double, description: String,
        into html: inout HTMLBuilder, _ body: (inout HTMLBuilder) -> Void
    ) {
        html.element("div", .init("class", "chart-wrap"), .init("role", "region"), .init("aria-labelledby", "\(id)-caption"),
                     .init("tabindex", "0")) { html in
            html.element("svg", .init("class", classes), .init("viewBox", "0 0 \(n(width)) \(n(height))"),
                         .init("role", "img"), .init("xmlns", "http://www.w3.org/2000/svg")) { html in
                html.element("title", .init("id", "\(id)-title"), text: description)
                ground(into: &html)
                html.element("g", .init("aria-hidden", "true")) { html in body(&html) }
            }
        }
    }

    /// A white ground under the whole chart, the first thing drawn after its title. In forced colours
    /// (high contrast) the page turns dark but SVG fills stay: without it the chart's dark labels,
    /// axes and legend would stand on the dark page.
    private static func ground(into html: inout HTMLBuilder) {
        html.selfClosing("rect", .init("class", "ground"), .init("width", "100%"), .init("height", "100%"), .init("fill", "#ffffff"))
    }

    /// Draws `shape` of size `r` (half-width) centred on (x, y).
    static func mark(_ shape: Shape, x: Double, y: Double, r: Double, fill: String, stroke: String, into html: inout HTMLBuilder) {
        switch shape {
        case .circle:
            html.selfClosing("circle", .init("cx", n(x)), .init("cy", n(y)), .init("r", n(r)), .init("fill", fill), .init("stroke", stroke), .init("stroke-width", "1.5"))
        case .square:
            html.selfClosing("rect", .init("x", n(x - r * 0.9)), .init("y", n(y - r * 0.9)), .init("width", n(r * 1.8)), .init("height", n(r * 1.8)),
                             .init("fill", fill), .init("stroke", stroke), .init("stroke-width", "1.5"))
        case .diamond:
            html.selfClosing("path", .init("d", "M\(n(x)) \(n(y - r * 1.2))L\(n(x + r * 1.2)) \(n(y))L\(n(x)) \(n(y + r * 1.2))L\(n(x - r * 1.2)) \(n(y))Z"),
                             .init("fill", fill), .init("stroke", stroke), .init("stroke-width", "1.5"))
        case .triangleUp:
            html.selfClosing("path", .init("d", "M\(n(x)) \(n(y - r * 1.2))L\(n(x + r * 1.15)) \(n(y + r * 0.9))L\(n(x - r * 1.15)) \(n(y + r * 0.9))Z"),
                             .init("fill", fill), .init("stroke", stroke), .init("stroke-width", "1.5"))
        case .triangleDown:
            html.selfClosing("path", .init("d", "M\(n(x)) \(n(y + r * 1.2))L\(n(x + r * 1.15)) \(n(y - r * 0.9))L\(n(x - r * 1.15)) \(n(y - r * 0.9))Z"),
                             .init("fill", fill), .init("stroke", stroke), .init("stroke-width", "1.5"))
        case .cross:
            html.selfClosing("path", .init("d", "M\(n(x - r)) \(n(y - r))L\(n(x + r)) \(n(y + r))M\(n(x + r)) \(n(y - r))L\(n(x - r)) \(n(y + r))"),
                             .init("fill", "none"), .init("stroke", stroke), .init("stroke-width", n(r * 0.7)))
        }
    }

    /// Colours and shapes of the rounds in a chart, the latest round darkest.
    static let roundColours = ["#1f4e79", "#b45309", "#4d7c0f", "#7e22ce", "#9f1239"]
    static let roundShapes: [Shape] = [.circle, .square, .diamond, .triangleUp, .triangleDown]

    static func roundStyle(_ index: Int) -> (colour: String, shape: Shape) {
        (roundColours[index % roundColours.count], roundShapes[index % roundShapes.count])
    }

    /// Text lines as `<text>` with `<tspan>`s, the first baseline at `y`.
    static func lines(_ lines: [String], x: Double, y: Double, size: Double, lineHeight: Double, anchor: String = "start",
                      weight: String? = nil, fill: String = "#1b1b1b", into html: inout HTMLBuilder) {
        html.element("text", .init("x", n(x)), .init("y", n(y)), .init("font-size", n(size)), .init("text-anchor", anchor),
                     .optional("font-weight", weight), .init("fill", fill)) { html in
            for (index, line) in lines.enumerated() {
                html.element("tspan", .init("x", n(x)), .init("dy", index == 0 ? "0" : n(lineHeight)), text: line)
            }
        }
    }
}
