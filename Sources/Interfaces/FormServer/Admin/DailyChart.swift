import Expressions
import HTML
import Store

/// Responses begun and completed per day as an inline SVG bar chart, followed by the same
/// figures as a table (the chart's accessible alternative), which lists every day with responses.
/// Days without responses between the first and the last are drawn as zero. When the days span
/// more than `maximumDays`, a bar stands for a week (Monday to Sunday), so that the chart still
/// covers the whole round instead of its last weeks only.
struct DailyChart {
    var days: [DailyActivity]
    /// The language of its words and numbers.
    var words = AdminText("en")
    /// The id of the heading of the chart's section, which names its scrolling region.
    var headingID = "per-day"
    static let maximumDays = 92
    /// The chart's width in its own units, which the stylesheet keeps at no fewer CSS pixels (at
    /// the browser's default font size; `min-width` in rem): a narrower screen scrolls the chart
    /// sideways in its region rather than shrinking its text.
    static let width = 640
    /// The room left of the bars (for the axis's numbers) and right of them, in the chart's units.
    static let left = 56, right = 10
    /// The most room a bar pair takes, in the chart's units. A chart of fewer bars than fill
    /// `width` at this is narrower (``width(bars:)``): a single day's bars stood in the middle of
    /// 640 units, off a 320 px screen until its region was scrolled.
    static let widestSlot = 80

    /// The chart's width for `bars` bar pairs: `width`, or less where they do not fill it.
    static func width(bars: Int) -> Int { min(width, left + right + max(1, bars) * widestSlot) }

    /// The numbers of bar pairs whose chart is narrower than `width`: each has a class of its own
    /// (`bars-3`), by which the stylesheet keeps that chart at no fewer CSS pixels than its units.
    static let narrowBarCounts = 1...((width - left - right) / widestSlot)
    /// The size of the chart's text in its units: the page's small text (0.95rem, as the legend
    /// and the table below it), which it therefore never falls below.
    static let textSize = 15.2

    /// The figures of one bar pair: a day, or a week from its Monday.
    struct Bar: Equatable {
        var first: CalendarDate
        var started: Int
        var completed: Int
    }

    /// Every day from the first to the last with activity, gaps filled with zeros.
    var filledDays: [DailyActivity] {
        guard let first = days.first.flatMap({ CalendarDate(iso: $0.day) }),
              let last = days.last.flatMap({ CalendarDate(iso: $0.day) }) else { return [] }
        let byDay = Dictionary(uniqueKeysWithValues: days.map { ($0.day, $0) })
        return (first.daysSinceEpoch...last.daysSinceEpoch).map { number in
            let day = CalendarDate(daysSinceEpoch: number).description
            return byDay[day] ?? DailyActivity(day: day, started: 0, completed: 0)
        }
    }

    /// Whether a bar stands for a week.
    var isWeekly: Bool { filledDays.count > Self.maximumDays }

    /// The chart's bars: one per day, or one per week when the days span more than `maximumDays`.
    var bars: [Bar] {
        let days = filledDays.compactMap { day in CalendarDate(iso: day.day).map { (date: $0, day: day) } }
        guard isWeekly else { return days.map { Bar(first: $0.date, started: $0.day.started, completed: $0.day.completed) } }
        var bars: [Bar] = []
        for (date, day) in days {
            // 1970-01-01, day 0, was a Thursday: Monday is 3 days before it.
            let monday = CalendarDate(daysSinceEpoch: date.daysSinceEpoch - ((date.daysSinceEpoch % 7 + 7 + 3) % 7))
            if bars.last?.first != monday { bars.append(Bar(first: monday, started: 0, completed: 0)) }
            bars[bars.count - 1].started += day.started
            bars[bars.count - 1].completed += day.completed
        }
        return bars
    }

    /// About how wide a digit or a dash of the chart's text is, in its units.
    static let characterWidth = textSize * 0.6

    func render(into html: inout HTMLBuilder) {
        let bars = self.bars
        guard let firstBar = bars.first, let lastDay = days.last?.day else {
            html.element("p", text: words.noResponses)
            return
        }
        let peak = max(1, bars.map { max($0.started, $0.completed) }.max() ?? 1)
        let width = Self.width(bars: bars.count), height = 230, left = Self.left, bottom = 36, top = 10
        let plotWidth = width - left - Self.right, plotHeight = height - bottom - top
        let slot = Double(plotWidth) / Double(bars.count)
        let bar = min(24.0, max(1.0, slot * 0.4))
        func y(_ value: Int) -> Double { Double(top) + Double(plotHeight) * (1 - Double(value) / Double(peak)) }
        let totalStarted = days.reduce(0) { $0 + $1.started }
        let totalCompleted = days.reduce(0) { $0 + $1.completed }
        let description = words.chartDescription(weekly: isWeekly, from: days[0].day, to: lastDay, begun: totalStarted, completed: totalCompleted)
        // Labels name the bar's day (a week's Monday); with the year when the chart crosses one.
        let crossesYear = firstBar.first.description.prefix(4) != lastDay.prefix(4)
        func label(_ bar: Bar) -> String { crossesYear ? bar.first.description : String(bar.first.description.dropFirst(5)) }

        if isWeekly {
            html.element("p", text: words.weeklyBars)
        }
        html.element("div", .init("class", "legend"), .init("aria-hidden", "true")) { html in
            html.element("span") { html in
                html.element("span", .init("class", "swatch started"))
                html.text(words.begun)
            }
            html.element("span") { html in
                html.element("span", .init("class", "swatch completed"))
                html.text(words.completed)
            }
        }
        // Wider than a 320 px screen at a readable size from three days on: the chart scrolls within
        // its region, which takes the focus so that a keyboard can scroll it (as the reports' charts do).
        // The region is named by the section's heading and the image by its title alone, so that a
        // screen reader says the description once (it said it three times), and the drawing is
        // hidden from it: its axis and day labels were read one by one.
        html.element("div", .init("class", "chart-scroll"), .init("role", "region"), .init("tabindex", "0"),
                     .init("aria-labelledby", headingID)) { html in
            let widthClass = Self.narrowBarCounts.contains(bars.count) ? " bars-\(bars.count)" : ""
            html.element("svg", .init("class", "chart" + widthClass), .init("viewBox", "0 0 \(width) \(height)"), .init("width", String(width)),
                         .init("height", String(height)), .init("role", "img"), .init("xmlns", "http://www.w3.org/2000/svg")) { html in
                html.element("title", .init("id", "chart-title"), text: description)
                html.element("g", .init("aria-hidden", "true")) { html in
                    html.selfClosing("line", .init("x1", String(left)), .init("y1", String(top + plotHeight)), .init("x2", String(width - Self.right)),
                              .init("y2", String(top + plotHeight)), .init("stroke", "#1b1b1b"))
                    html.element("text", .init("x", String(left - 6)), .init("y", String(top + 12)), .init("text-anchor", "end"), text: words.count(peak))
                    html.element("text", .init("x", String(left - 6)), .init("y", String(top + plotHeight)), .init("text-anchor", "end"), text: "0")
                    for (i, figures) in bars.enumerated() {
                        // The two bars side by side, centred on their label.
                        let x = Double(left) + slot * (Double(i) + 0.5) - bar
                        html.selfClosing("rect", .init("class", "bar-started"), .init("x", SVGNumber.text(x)), .init("y", SVGNumber.text(y(figures.started))),
                                  .init("width", SVGNumber.text(bar)), .init("height", SVGNumber.text(Double(top + plotHeight) - y(figures.started))))
                        html.selfClosing("rect", .init("class", "bar-completed"), .init("x", SVGNumber.text(x + bar)), .init("y", SVGNumber.text(y(figures.completed))),
                                  .init("width", SVGNumber.text(bar)), .init("height", SVGNumber.text(Double(top + plotHeight) - y(figures.completed))))
                    }
                    // As many labels as fit side by side with a gap of two characters between them.
                    let labelWidth = Double(label(firstBar).count + 2) * Self.characterWidth
                    let labelEvery = max(1, Int((labelWidth / slot).rounded(.up)))
                    var previous = -Double.infinity
                    for (i, figures) in bars.enumerated() where i % labelEvery == 0 {
                        // Centred on its bars, but moved in where it would run off the chart's edge (a
                        // full date under the last bar); left out if that brings it against the label
                        // before it (`2026-08-312026-11-23`).
                        let text = label(figures), half = Double(text.count) * Self.characterWidth / 2
                        let x = min(max(Double(left) + slot * (Double(i) + 0.5), half), Double(width) - half)
                        guard x - previous >= labelWidth - 0.001 else { continue }
                        previous = x
                        html.element("text", .init("x", SVGNumber.text(x)), .init("y", String(height - 12)), .init("text-anchor", "middle"), text: text)
                    }
                }
            }
        }
        // Its days do not wrap (class `date`), so that at 320 px the table may scroll: in a region
        // that takes the focus, as it has nothing else a keyboard could reach.
        html.element("div", .init("class", "table-scroll"), .init("role", "region"), .init("tabindex", "0"),
                     .init("aria-labelledby", "per-day-table")) { html in
            html.element("table", .init("class", "data")) { html in
                html.element("caption", .init("id", "per-day-table"), .init("class", "visually-hidden"), text: words.responsesPerDayTable)
                html.element("thead") { html in
                    html.element("tr") { html in
                        html.element("th", .init("scope", "col"), text: words.day)
                        html.element("th", .init("scope", "col"), .init("class", "number"), text: words.begun)
                        html.element("th", .init("scope", "col"), .init("class", "number"), text: words.completed)
                    }
                }
                html.element("tbody") { html in
                    for day in days where day.started > 0 || day.completed > 0 {
                        html.element("tr") { html in
                            html.element("th", .init("scope", "row"), .init("class", "date"), text: day.day)
                            html.element("td", .init("class", "number"), text: words.count(day.started))
                            html.element("td", .init("class", "number"), text: words.count(day.completed))
                        }
                    }
                }
            }
        }
    }
}
