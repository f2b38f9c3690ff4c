import Expressions
import HTML
import Store

/// Responses begun and completed per day as an inline SVG bar chart, followed by the same
/// figures as a table (the chart's accessible alternative). Days without responses between the
/// first and the last are shown as zero; at most the last `maximumDays` days.
struct DailyChart {
    var days: [DailyActivity]
    static let maximumDays = 60

    /// Every day from the first to the last with activity, gaps filled with zeros.
    var filledDays: [DailyActivity] {
        guard let first = days.first.flatMap({ CalendarDate(iso: $0.day) }),
              let last = days.last.flatMap({ CalendarDate(iso: $0.day) }) else { return [] }
        let byDay = Dictionary(uniqueKeysWithValues: days.map { ($0.day, $0) })
        let start = max(first.daysSinceEpoch, last.daysSinceEpoch - Self.maximumDays + 1)
        return (start...last.daysSinceEpoch).map { number in
            let day = CalendarDate(daysSinceEpoch: number).description
            return byDay[day] ?? DailyActivity(day: day, started: 0, completed: 0)
        }
    }

    func render(into html: inout HTMLBuilder) {
        let days = filledDays
        guard !days.isEmpty else {
            html.element("p", text: "No responses yet.")
            return
        }
        let peak = max(1, days.map { max($0.started, $0.completed) }.max() ?? 1)
        let width = 640, height = 220, left = 40, bottom = 30, top = 10
        let plotWidth = width - left - 10, plotHeight = height - bottom - top
        let slot = Double(plotWidth) / Double(days.count)
        let bar = min(24.0, max(1.0, slot * 0.4))
        func y(_ value: Int) -> Double { Double(top) + Double(plotHeight) * (1 - Double(value) / Double(peak)) }
        let totalStarted = days.reduce(0) { $0 + $1.started }
        let totalCompleted = days.reduce(0) { $0 + $1.completed }
        let description = "Bar chart of responses per day from \(days.first!.day) to \(days.last!.day): \(totalStarted) begun and \(totalCompleted) completed in all; the table below gives each day."

        html.element("div", .init("class", "legend"), .init("aria-hidden", "true")) { html in
            html.element("span") { html in
                html.element("span", .init("class", "swatch started"))
                html.text("Begun")
            }
            html.element("span") { html in
                html.element("span", .init("class", "swatch completed"))
                html.text("Completed")
            }
        }
        html.element("svg", .init("class", "chart"), .init("viewBox", "0 0 \(width) \(height)"), .init("width", String(width)),
                     .init("height", String(height)), .init("role", "img"), .init("aria-labelledby", "chart-title"),
                     .init("xmlns", "http://www.w3.org/2000/svg")) { html in
            html.element("title", .init("id", "chart-title"), text: description)
            html.selfClosing("line", .init("x1", String(left)), .init("y1", String(top + plotHeight)), .init("x2", String(width - 10)),
                      .init("y2", String(top + plotHeight)), .init("stroke", "#1b1b1b"))
            html.element("text", .init("x", String(left - 6)), .init("y", String(top + 10)), .init("text-anchor", "end"), text: String(peak))
            html.element("text", .init("x", String(left - 6)), .init("y", String(top + plotHeight)), .init("text-anchor", "end"), text: "0")
            for (i, day) in days.enumerated() {
                // The day's two bars side by side, centred on its label.
                let x = Double(left) + slot * (Double(i) + 0.5) - bar
                html.selfClosing("rect", .init("class", "bar-started"), .init("x", SVGNumber.text(x)), .init("y", SVGNumber.text(y(day.started))),
                          .init("width", SVGNumber.text(bar)), .init("height", SVGNumber.text(Double(top + plotHeight) - y(day.started))))
                html.selfClosing("rect", .init("class", "bar-completed"), .init("x", SVGNumber.text(x + bar)), .init("y", SVGNumber.text(y(day.completed))),
                          .init("width", SVGNumber.text(bar)), .init("height", SVGNumber.text(Double(top + plotHeight) - y(day.completed))))
            }
            let labelEvery = max(1, days.count / 6)
            for (i, day) in days.enumerated() where i % labelEvery == 0 {
                html.element("text", .init("x", SVGNumber.text(Double(left) + slot * (Double(i) + 0.5))), .init("y", String(height - 10)),
                             .init("text-anchor", "middle"), text: String(day.day.dropFirst(5)))
            }
        }
        html.element("div", .init("class", "table-scroll")) { html in
            html.element("table", .init("class", "data")) { html in
                html.element("caption", .init("class", "visually-hidden"), text: "Responses per day")
                html.element("thead") { html in
                    html.element("tr") { html in
                        html.element("th", .init("scope", "col"), text: "Day")
                        html.element("th", .init("scope", "col"), .init("class", "number"), text: "Begun")
                        html.element("th", .init("scope", "col"), .init("class", "number"), text: "Completed")
                    }
                }
                html.element("tbody") { html in
                    for day in days where day.started > 0 || day.completed > 0 {
                        html.element("tr") { html in
                            html.element("th", .init("scope", "row"), text: day.day)
                            html.element("td", .init("class", "number"), text: String(day.started))
                            html.element("td", .init("class", "number"), text: String(day.completed))
                        }
                    }
                }
            }
        }
    }
}
